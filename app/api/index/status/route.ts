import { getIndexStatus } from '@/lib/server/dal/index-sync';
import { handler } from '@/lib/server/http/route';

/** GET /api/index/status (viewer) → indexed count and each sync job's last success / error. */
export const GET = handler(async () => getIndexStatus());
