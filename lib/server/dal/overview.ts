import 'server-only';
import { getDb } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/http/errors';
import { buildOverview } from '@/lib/server/overview/overview';
import { parseOverviewParams, type Overview } from '@/lib/shared/overview';
import { requireRole } from './authorize';
import { syncSummary } from './work-order-search';

/** GET /api/overview?<list filters>&stuckDays= — the overview of the matching work orders (viewer). */
export async function getOverview(params: URLSearchParams | string): Promise<Overview> {
  await requireRole('viewer');
  const parsed = parseOverviewParams(params);
  if (!parsed.ok) throw new AppError('invalid_query', { fields: parsed.fields });
  const db = await getDb();
  const overview = await buildOverview(db, parsed.params);
  const sync = await syncSummary();
  return { ...overview, lastSyncedAt: sync.lastSyncedAt };
}
