import { operationContext } from '@/lib/server/dal/context';
import { getLastUpstreamCheck, runUpstreamCheckNow } from '@/lib/server/dal/upstream-check';
import { handler } from '@/lib/server/http/route';

/** GET /api/admin/upstream-check (admin) → the last check of the Deepomatic site, `{report: null}` before the first. */
export const GET = handler(async () => getLastUpstreamCheck());

/** POST /api/admin/upstream-check (admin, no body) → runs the check now: `{report, checkedBy}`. */
export const POST = handler(async (ctx) => runUpstreamCheckNow(operationContext(ctx)));
