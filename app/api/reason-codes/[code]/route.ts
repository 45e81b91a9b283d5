import { operationContext } from '@/lib/server/dal/context';
import { updateReasonCode } from '@/lib/server/dal/reason-codes';
import { handler } from '@/lib/server/http/route';

/** PATCH /api/reason-codes/{code} (admin) `ReasonCodeUpdateRequest` → `ReasonCodeDto`. */
export const PATCH = handler<{ code: string }>(
  async (ctx) => updateReasonCode(operationContext(ctx), ctx.params.code, ctx.json),
  { maxBodyBytes: 8 * 1024 },
);
