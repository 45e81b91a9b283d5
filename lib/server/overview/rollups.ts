import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { overviewRollupDirty, workOrderIndex, workOrderInputStats, workOrderTaskIndex } from '@/lib/server/db/schema';
import { selectRows } from '@/lib/server/db/sql';
import { DIRECTION_SQL } from '@/lib/server/ai-accuracy/direction';
import { DEFAULT_QUERY, toQueryString } from '@/lib/shared/work-order-filters';
import type { ScopedQuery } from '@/lib/server/index/search';

/**
 * The overview's materialised daily aggregates (`overview_rollup_*`, see the schema): the
 * refresh recomputes the days the triggers marked dirty, with the same definitions as the live
 * aggregates in `aggregates.ts` (a test checks both agree). Only for queries that filter on
 * nothing but the creation range, the review state and at most one facet (`rollupFacet`).
 */

const w = workOrderIndex;
const t = workOrderTaskIndex;
const creationDay = sql`(${w.createDate} at time zone 'UTC')::date`;

/** The list-filter keys a rollup row can be restricted to, and the index column each filters. */
export const FACETS = { tag: w.tags, type: w.workOrderTypes, group: w.userGroupIds } as const;
export type FacetKind = keyof typeof FACETS;

/**
 * A row once for the whole fleet (facet '') and once per distinct tag, type and user group of
 * its work orders' lists: the rows a facet's rollup sums are exactly those its `&&` filter
 * matches. And once under facet 'groups', keyed by the work order's whole set of user groups (a
 * sorted JSON array, '[]' for none): each work order is in exactly one set, so the sets that
 * meet a user's teams add up to exactly that user's work orders, however many teams they have. The refresh first aggregates by day, key and these three lists (few distinct lists
 * per day), then fans each aggregate out to its facets: the task rows are read once, not once
 * per facet. Rows are written facet by facet, so a read of one facet (the whole fleet, most
 * often) finds its rows side by side on the heap, not one per page between the others.
 */
const fanOutToFacets = sql`cross join lateral (
    select '' as facet, '' as facet_value
    union all (select distinct 'tag', v from unnest(tags) as v)
    union all (select distinct 'type', v from unnest(types) as v)
    union all (select distinct 'group', v from unnest(groups) as v)
    union all select 'groups', (select coalesce(jsonb_agg(distinct v order by v), '[]'::jsonb)::text from unnest(groups) as v)) as f`;
const lists = sql`${w.tags} as tags, ${w.workOrderTypes} as types, ${w.userGroupIds} as groups`;

/**
 * Recomputes every dirty day. One refresh at a time, across instances: each replaces its days'
 * rows (a delete, then inserts), and two overlapping on one day (marked dirty again meanwhile)
 * would each miss the other's uncommitted rows and break a rollup key, or count a work order
 * twice. The days are claimed inside the same transaction, so a refresh that fails leaves them
 * dirty for the next read.
 */
export async function refreshRollups(db: Db): Promise<number> {
  // Most reads find nothing to do: they must not queue behind a refresh for that.
  const [pending] = await selectRows<{ dirty: boolean }>(db, sql`select exists (select 1 from ${overviewRollupDirty}) as dirty`);
  if (!pending?.dirty) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('overview-rollups'))`);
    const claimed = await selectRows<{ day: string }>(tx, sql`delete from ${overviewRollupDirty} returning to_char(day, 'YYYY-MM-DD') as day`);
    if (claimed.length === 0) return 0;
    const days = claimed.map((row) => row.day).sort();
    const list = sql`${`{${days.join(',')}}`}::date[]`;
    // A range the creation-date index can use, then the exact days.
    const inDays = sql`${w.createDate} >= ${`${days[0]}T00:00:00Z`}::timestamptz
      and ${w.createDate} < (${days.at(-1)}::date + 1)::timestamp at time zone 'UTC'
      and ${creationDay} = any(${list})`;
    for (const table of ['overview_rollup_scores', 'overview_rollup_tasks', 'overview_rollup_people']) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where day = any(${list})`);
    }
    await tx.execute(sql`
      insert into overview_rollup_scores (facet, facet_value, day, progress_score, review_status, work_orders)
      select f.facet, f.facet_value, day, progress_score, review_status, sum(work_orders)::int
        from (select ${creationDay} as day, ${w.progressScore} as progress_score, ${w.reviewStatus} as review_status, ${lists}, count(*) as work_orders
                from ${w} where ${inDays}
               group by 1, 2, 3, 4, 5, 6) as by_lists
        ${fanOutToFacets}
       group by 1, 2, 3, 4, 5
       order by 1, 2, 3`);
    await tx.execute(sql`
      insert into overview_rollup_tasks (facet, facet_value, day, task_group_name, task_name, app_version_id, review_status, conformity, tasks,
                                         not_validated, not_analyzed, corrected, analyzed, ok_to_ko, ko_to_ok, ai_judged, corrected_kept)
      select f.facet, f.facet_value, day, task_group_name, task_name, app_version_id, review_status, bool_or(conformity), sum(tasks)::int,
             sum(not_validated)::int, sum(not_analyzed)::int, sum(corrected)::int, sum(analyzed)::int, sum(ok_to_ko)::int, sum(ko_to_ok)::int,
             sum(ai_judged)::int, sum(corrected_kept)::int
        from (
          select day, task_group_name, task_name, coalesce(app_version_id, '') as app_version_id, review_status, tags, types, groups,
                 bool_or(conformity) as conformity, count(*) as tasks,
                 count(*) filter (where conformity and analyzed and not validated) as not_validated,
                 count(*) filter (where not analyzed) as not_analyzed,
                 count(*) filter (where corrected) as corrected,
                 count(*) filter (where analyzed) as analyzed,
                 count(*) filter (where ${DIRECTION_SQL.okToKo}) as ok_to_ko,
                 count(*) filter (where ${DIRECTION_SQL.koToOk}) as ko_to_ok,
                 count(*) filter (where ${DIRECTION_SQL.judged}) as ai_judged,
                 count(*) filter (where ${DIRECTION_SQL.correctedKept}) as corrected_kept
            from (
              select ${creationDay} as day, ${t.taskGroupName} as task_group_name, ${t.taskName} as task_name,
                     ${t.appVersionId} as app_version_id, ${w.reviewStatus} as review_status, ${lists},
                     ${t.conformity} as conformity, ${t.analyzed} as analyzed, ${t.validated} as validated, ${t.corrected} as corrected,
                     ${t.aiValidated} as ai_validated
                from ${t} join ${w} on ${w.id} = ${t.workOrderId}
               where ${inDays}) as task
           group by 1, 2, 3, 4, 5, 6, 7, 8) as by_lists
        ${fanOutToFacets}
       group by 1, 2, 3, 4, 5, 6, 7
       order by 1, 2, 3`);
    const people = (kind: 'engineer' | 'group', key: SQL, label: SQL, from: SQL) =>
      tx.execute(sql`
        insert into overview_rollup_people (facet, facet_value, day, kind, key, review_status, label, work_orders, score_sum, first_time_right,
                                            conformity_errors, corrections)
        select f.facet, f.facet_value, day, ${kind}, key, review_status, max(label), sum(work_orders)::int, sum(score_sum)::float8,
               sum(first_time_right)::int, sum(conformity_errors)::int, sum(corrections)::int
          from (
            select ${creationDay} as day, ${key} as key, ${w.reviewStatus} as review_status, ${lists}, ${label} as label,
                   count(*) as work_orders, coalesce(sum(${w.progressScore}), 0) as score_sum,
                   count(*) filter (where ${w.progressScore} = 100 and coalesce(${w.tasksCorrected}, 0) = 0
                     and coalesce(${workOrderInputStats.retakes}, 0) = 0) as first_time_right,
                   coalesce(sum(${w.conformityErrors}), 0) as conformity_errors, coalesce(sum(${w.tasksCorrected}), 0) as corrections
              from ${from}
              left join ${workOrderInputStats} on ${workOrderInputStats.workOrderId} = ${w.id}
             where ${inDays}
             group by 1, 2, 3, 4, 5, 6) as by_lists
          ${fanOutToFacets}
         group by 1, 2, 3, 5, 6
         order by 1, 2, 4, 3`);
    await people('engineer', sql`coalesce(${w.fieldEngineerEmail}, '')`, sql`max(${w.fieldEngineerName})`, sql`${w}`);
    await people('group', sql`g.id`, sql`null::text`, sql`${w} cross join lateral unnest(${w.userGroupIds}) as g(id)`);
    return days.length;
  });
}

/**
 * How the rollups answer a query, null = they do not. '' = the whole fleet; a facet kind and
 * value = the work orders with that tag, type or user group; `groupSets` = the work orders whose
 * set of user groups meets every condition given (a user's teams, a filter on several groups).
 */
export type RollupFacet =
  | { kind: FacetKind; value: string }
  | { kind: 'groupSets'; scope: { groups: readonly string[]; unassigned: boolean } | null; anyGroup: readonly string[] }
  | ''
  | null;

/**
 * Whether (and through which facet) the rollups answer this query: no filter but the creation
 * range, the review state and at most one list filter. A tag or a type with one value reads its
 * facet (a work order with two of a list's values is in both facets, so summing them would count
 * it twice), and so does one user group for a user who sees every work order. The user groups of
 * a user of some teams only, with or without a filter on groups, are answered by the group sets.
 */
export function rollupFacet(query: ScopedQuery): RollupFacet {
  const lists: [FacetKind, readonly string[]][] = [
    ['tag', query.tags],
    ['type', query.types],
    ['group', query.groups],
  ];
  const used = lists.filter(([, values]) => values.length > 0);
  const rest = { ...query, createdFrom: null, createdTo: null, review: DEFAULT_QUERY.review, tags: [], types: [], groups: [] };
  if (toQueryString(rest, ['page', 'pageSize', 'cols', 'sort']) !== '') return null;
  if (used.length > 1) return null;
  const [kind, values] = used[0] ?? [null, []];
  if (query.scope.all) {
    if (kind === null) return '';
    if (values.length === 1) return { kind, value: values[0] };
    return kind === 'group' ? { kind: 'groupSets', scope: null, anyGroup: values } : null;
  }
  // A tag or type within a user's teams would need both facets at once: computed live.
  if (kind !== null && kind !== 'group') return null;
  return { kind: 'groupSets', scope: { groups: query.scope.groups, unassigned: query.scope.unassigned }, anyGroup: values };
}

export function rollupApplies(query: ScopedQuery): boolean {
  return rollupFacet(query) !== null;
}

/**
 * The condition on a 'groups' rollup row's set of user groups (`facet_value`, a JSON array): its
 * value is one of the sets that meet the facet's conditions. Those are found first among the
 * distinct sets (a site has a few dozen, found with one primary-key probe each), so the rollup
 * rows are then read by key instead of parsing every set's rows.
 */
function groupSetCondition(facet: Extract<RollupFacet, { kind: 'groupSets' }>): SQL {
  const set = sql`v::jsonb`;
  // One array parameter each, encoded as the index column encodes its arrays.
  const anyOf = (groups: readonly string[]) => sql`${set} ?| ${sql.param([...groups], w.userGroupIds)}::text[]`;
  const conditions: SQL[] = [];
  if (facet.scope) {
    const { groups, unassigned } = facet.scope;
    const inTeams = groups.length > 0 ? anyOf(groups) : null;
    const none = unassigned ? sql`facet_value = '[]'` : null;
    conditions.push(inTeams && none ? sql`(${inTeams} or ${none})` : (inTeams ?? none ?? sql`false`));
  }
  if (facet.anyGroup.length > 0) conditions.push(anyOf(facet.anyGroup));
  const meets = conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
  return sql`facet_value = any(array(
    with recursive sets(v) as (
      (select facet_value from overview_rollup_scores where facet = 'groups' order by facet_value limit 1)
      union all
      select (select s.facet_value from overview_rollup_scores s where s.facet = 'groups' and s.facet_value > sets.v
               order by s.facet_value limit 1)
        from sets where sets.v is not null)
    select v from sets where v is not null and ${meets}))`;
}

/** The creation-range, review and facet condition of a rollup read (the query must be one `rollupApplies` to). */
export function rollupWhere(query: ScopedQuery): SQL {
  const facet = rollupFacet(query);
  // Never the whole fleet by default: a query the rollups do not answer is a caller's bug.
  if (facet === null) throw new Error('rollupWhere: the rollups do not answer this query');
  const facetCondition =
    facet === ''
      ? sql`facet = '' and facet_value = ''`
      : facet.kind === 'groupSets'
        ? sql`facet = 'groups' and ${groupSetCondition(facet)}`
        : sql`facet = ${facet.kind} and facet_value = ${facet.value}`;
  const from = query.createdFrom ? sql`day >= ${query.createdFrom}::date` : sql`true`;
  const to = query.createdTo ? sql`day <= ${query.createdTo}::date` : sql`true`;
  const review = query.review === 'all' ? sql`true` : sql`review_status = ${query.review}`;
  return sql`${facetCondition} and ${from} and ${to} and ${review}`;
}
