import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { logger } from '@/lib/server/logger';
import { selectRows } from '@/lib/server/db/sql';
import type { WorkOrderScope } from '@/lib/shared/work-order-scope';
import { scopeCondition } from './search';

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

/** Scopes whose facets are kept at most (every team's supervisors share their team's entry). */
const SCOPES_KEPT = 256;

// A per-process cache, one entry per scope: facets are suggestions, a minute old is fine, and
// computing them scans the index. A facet value is counted only over the work orders of the
// scope, so no user is offered another team's values. Not shared state — every instance
// computes its own.
const cache = new Map<string, { at: number; facets: WorkOrderFacets }>();
const refreshing = new Map<string, Promise<WorkOrderFacets>>();

function scopeKey(scope: WorkOrderScope): string {
  return scope.all ? '*' : JSON.stringify([scope.groups, scope.unassigned]);
}

/** After a sync: the next search recomputes in the background (it still gets the old facets). */
export function invalidateFacets(): void {
  for (const [key, entry] of cache) cache.set(key, { ...entry, at: 0 });
}

/** `where <scope>` of a statement on the index, or nothing. */
function within(scope: WorkOrderScope, also?: SQL): SQL {
  const condition = scopeCondition(scope);
  if (!condition && !also) return sql``;
  if (!condition) return sql`where ${also}`;
  return also ? sql`where ${condition} and ${also}` : sql`where ${condition}`;
}

async function values(db: Db, query: SQL): Promise<string[]> {
  return (await selectRows<{ value: string }>(db, query)).map((row) => row.value);
}

export async function computeFacets(db: Db, scope: WorkOrderScope): Promise<WorkOrderFacets> {
  const metadataKeys = await values(
    db,
    sql`select key as value from (select jsonb_object_keys(metadata_text) as key from work_order_index ${within(scope)}) k
        group by key order by count(*) desc, key limit ${LIMIT}`,
  );
  const unnest = (column: string) =>
    values(
      db,
      sql`select v as value from (select unnest(${sql.identifier(column)}) as v from work_order_index ${within(scope)}) x
          group by v order by count(*) desc, v limit ${LIMIT}`,
    );
  const tags = await unnest('tags');
  const types = await unnest('work_order_types');
  // A scoped user's work orders may also carry another team's group: only the user's own are offered.
  const groups = (await unnest('user_group_ids')).filter((group) => scope.all || scope.groups.includes(group));
  const engineers = await selectRows<{ email: string; name: string | null }>(
    db,
    sql`select field_engineer_email as email, max(field_engineer_name) as name from work_order_index
        ${within(scope, sql`field_engineer_email is not null`)}
        group by field_engineer_email order by count(*) desc, field_engineer_email limit ${LIMIT}`,
  );
  return { metadataKeys, tags, types, groups, engineers: engineers.map((row) => ({ email: row.email, name: row.name })) };
}

function refresh(db: Db, scope: WorkOrderScope): Promise<WorkOrderFacets> {
  const key = scopeKey(scope);
  let running = refreshing.get(key);
  if (!running) {
    running = computeFacets(db, scope)
      .then((facets) => {
        if (!cache.has(key) && cache.size >= SCOPES_KEPT) cache.delete(cache.keys().next().value!);
        cache.set(key, { at: Date.now(), facets });
        return facets;
      })
      .finally(() => refreshing.delete(key));
    refreshing.set(key, running);
  }
  return running;
}

/**
 * Facets for the filter panel. Stale-while-revalidate: a search never waits for a recompute
 * (it scans the index) once a first result exists; only the very first call does.
 */
export async function getFacets(db: Db, scope: WorkOrderScope): Promise<WorkOrderFacets> {
  const cached = cache.get(scopeKey(scope));
  if (!cached) return refresh(db, scope);
  if (Date.now() - cached.at >= TTL_MS)
    void refresh(db, scope).catch((error: unknown) => logger.error({ event: 'facets_refresh_failed', err: error }, 'index facets refresh failed'));
  return cached.facets;
}

/** The most frequent values of one metadata key (suggestions once a key is chosen). */
export async function metadataValues(db: Db, key: string, scope: WorkOrderScope): Promise<string[]> {
  return values(
    db,
    sql`select metadata_text ->> ${key} as value from work_order_index ${within(scope, sql`jsonb_exists(metadata_text, ${key})`)}
        group by 1 order by count(*) desc, 1 limit ${LIMIT}`,
  );
}
