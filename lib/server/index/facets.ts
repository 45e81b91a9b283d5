import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { logger } from '@/lib/server/logger';
import { selectRows } from '@/lib/server/db/sql';

/** Values the filter panel offers, most frequent first. */
export interface WorkOrderFacets {
  metadataKeys: string[];
  tags: string[];
  types: string[];
  engineers: { email: string; name: string | null }[];
  groups: string[];
}

const LIMIT = 200;
const TTL_MS = 60_000;

// A per-process cache: facets are suggestions, a minute old is fine, and computing them
// scans the index. Not shared state — every instance computes its own.
let cached: { at: number; facets: WorkOrderFacets } | null = null;

/** After a sync: the next search recomputes in the background (it still gets the old facets). */
export function invalidateFacets(): void {
  if (cached) cached = { ...cached, at: 0 };
}

async function values(db: Db, query: SQL): Promise<string[]> {
  return (await selectRows<{ value: string }>(db, query)).map((row) => row.value);
}

export async function computeFacets(db: Db): Promise<WorkOrderFacets> {
  const metadataKeys = await values(
    db,
    sql`select key as value from (select jsonb_object_keys(metadata_text) as key from work_order_index) k
        group by key order by count(*) desc, key limit ${LIMIT}`,
  );
  const unnest = (column: string) =>
    values(
      db,
      sql`select v as value from (select unnest(${sql.identifier(column)}) as v from work_order_index) x
          group by v order by count(*) desc, v limit ${LIMIT}`,
    );
  const tags = await unnest('tags');
  const types = await unnest('work_order_types');
  const groups = await unnest('user_group_ids');
  const engineers = await selectRows<{ email: string; name: string | null }>(
    db,
    sql`select field_engineer_email as email, max(field_engineer_name) as name from work_order_index
        where field_engineer_email is not null
        group by field_engineer_email order by count(*) desc, field_engineer_email limit ${LIMIT}`,
  );
  return { metadataKeys, tags, types, groups, engineers: engineers.map((row) => ({ email: row.email, name: row.name })) };
}

let refreshing: Promise<WorkOrderFacets> | null = null;

function refresh(db: Db): Promise<WorkOrderFacets> {
  refreshing ??= computeFacets(db)
    .then((facets) => {
      cached = { at: Date.now(), facets };
      return facets;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * Facets for the filter panel. Stale-while-revalidate: a search never waits for a recompute
 * (it scans the index) once a first result exists; only the very first call does.
 */
export async function getFacets(db: Db): Promise<WorkOrderFacets> {
  if (!cached) return refresh(db);
  if (Date.now() - cached.at >= TTL_MS)
    void refresh(db).catch((error: unknown) => logger.error({ event: 'facets_refresh_failed', err: error }, 'index facets refresh failed'));
  return cached.facets;
}

/** The most frequent values of one metadata key (suggestions once a key is chosen). */
export async function metadataValues(db: Db, key: string): Promise<string[]> {
  return values(
    db,
    sql`select metadata_text ->> ${key} as value from work_order_index where jsonb_exists(metadata_text, ${key})
        group by 1 order by count(*) desc, 1 limit ${LIMIT}`,
  );
}
