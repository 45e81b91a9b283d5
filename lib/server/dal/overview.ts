import 'server-only';
import { getDb } from '@/lib/server/db/client';
import { buildOverview } from '@/lib/server/overview/overview';
import { parseOverviewParams, type Overview } from '@/lib/shared/overview';
import { operation } from './operation';
import { searchParamsSchema } from './validation';
import { syncSummary } from './work-order-search';

const overviewQuery = searchParamsSchema((params) => {
  const parsed = parseOverviewParams(params);
  return parsed.ok ? { ok: true, value: parsed.params } : parsed;
});

/** GET /api/overview?<list filters>&stuckDays= — the overview of the matching work orders. */
export const getOverview = operation({
  role: 'viewer',
  scope: 'list',
  input: { query: overviewQuery },
  async run({ scope, input }): Promise<Overview> {
    const db = await getDb();
    const overview = await buildOverview(db, input.query, scope);
    const sync = await syncSummary();
    return { ...overview, lastSyncedAt: sync.lastSyncedAt };
  },
});
