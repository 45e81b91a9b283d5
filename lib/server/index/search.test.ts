import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ hookTimeout: 60_000, testTimeout: 30_000 });
import { EVERY_WORK_ORDER, type WorkOrderScope } from '@/lib/shared/work-order-scope';
import { sql } from 'drizzle-orm';
import { createTestDb } from '@/test/harness/db';
import type { Db } from '@/lib/server/db/client';
import { parseWorkOrderQuery, SORT_FIELDS } from '@/lib/shared/work-order-filters';
import { upsertIndexRows } from './write';
import { workOrderToRow } from './row';
import {
  choosePagePlan,
  countWorkOrders,
  pageStatement,
  searchPage,
  nextWorkOrderId,
  prefixTsQuery,
  scoped,
  streamWorkOrders,
  type ScopedQuery,
} from './search';
import { computeFacets, metadataValues } from './facets';
import { makeWorkOrder } from '@/test/fixtures/work-orders';
import type { WorkOrder } from '@/lib/server/deepomatic/types';

let db: Db;
let close: () => Promise<void>;
const ids: Record<string, string> = {};

function q(query: string, scope: WorkOrderScope = EVERY_WORK_ORDER): ScopedQuery {
  const result = parseWorkOrderQuery(query);
  if (!result.ok) throw new Error(JSON.stringify(result.fields));
  return scoped(result.query, scope);
}

async function idsInListOrder(query: ScopedQuery): Promise<string[]> {
  const ids: string[] = [];
  for await (const batch of streamWorkOrders(db, query)) ids.push(...batch.map((row) => row.id));
  return ids;
}

async function names(query: string): Promise<string[]> {
  return (await searchPage(db, q(query))).rows.map((row) => row.name);
}

function wo(label: string, overrides: Partial<WorkOrder>): WorkOrder {
  const workOrder = makeWorkOrder({ name: label, ...overrides });
  ids[label] = workOrder.id;
  return workOrder;
}

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  const noCorrection = makeWorkOrder().tasks.map((task) => ({ ...task, state: task.state && { ...task.state, corrected_value: null } }));
  const rows = [
    wo('Alpha pylon', {
      create_date: '2026-01-01T08:00:00.000000Z',
      update_date: '2026-01-05T08:00:00.000000Z',
      metadata: { city: 'Lyon', contract: 'C-17', floor: 2 },
      tags: ['urgent'],
      work_order_types: ['fiber'],
      field_engineer_email: 'ana@example.com',
      field_engineer_name: 'Ana',
      user_group_ids: ['north'],
      progress_score: 0,
    }),
    wo('Beta cabinet', {
      create_date: '2026-01-02T08:00:00.000000Z',
      update_date: '2026-01-03T08:00:00.000000Z',
      metadata: { city: 'Paris' },
      tags: ['night', 'urgent'],
      work_order_types: ['copper'],
      field_engineer_email: 'bob@example.com',
      user_group_ids: ['south'],
      progress_score: 45,
      tasks: noCorrection,
      inputs: [],
    }),
    wo('Gamma mast', {
      create_date: '2026-01-03T23:59:00.000000Z',
      update_date: '2026-01-04T08:00:00.000000Z',
      metadata: { city: "O'Hara; drop table users", contract: 'C-18' },
      tags: [],
      work_order_types: ['fiber', 'copper'],
      field_engineer_email: 'ana@example.com',
      user_group_ids: ['north', 'south'],
      progress_score: 100,
    }),
    wo('Delta pole', {
      create_date: '2026-01-04T00:00:00.000000Z',
      update_date: '2026-01-04T09:00:00.000000Z',
      metadata: {},
      field_engineer_email: null,
      progress_score: 75,
      tasks: noCorrection,
      inputs: undefined,
    }),
  ].map((workOrder) => workOrderToRow(workOrder));
  await upsertIndexRows(db, rows);
  await db.execute(sql`update work_order_index set review_status = 'reviewed', reviewed_at = '2026-02-10T10:00:00Z' where name = 'Gamma mast'`);
});

afterAll(async () => {
  await close();
});

describe('choosePagePlan', () => {
  const table = { limit: 50, tableRows: 100_000 };

  it('walks the sort index when matches are dense enough to fill the page early', () => {
    expect(choosePagePlan({ ...table, offset: 0, matches: 75_000 })).toBe('walk');
    expect(choosePagePlan({ ...table, offset: 0, matches: 10_000 })).toBe('walk');
    // A deep page of the whole table: walking the narrow sort index is the cheapest.
    expect(choosePagePlan({ ...table, offset: 99_900, matches: 100_000 })).toBe('walk');
  });

  it('filters first when few rows match (the walk would read most of the table)', () => {
    expect(choosePagePlan({ ...table, offset: 0, matches: 1_000 })).toBe('filter-first');
    expect(choosePagePlan({ ...table, offset: 0, matches: 1 })).toBe('filter-first');
    // Deep into a filter matching a third of the table.
    expect(choosePagePlan({ ...table, offset: 30_000, matches: 33_000 })).toBe('filter-first');
  });

  it('leaves it to the planner when nothing matches or the table was never analyzed', () => {
    expect(choosePagePlan({ ...table, offset: 0, matches: 0 })).toBe('walk');
    expect(choosePagePlan({ ...table, offset: 0, matches: 10, tableRows: -1 })).toBe('walk');
  });
});

describe('search SQL', () => {
  it('default view: to review, oldest first', async () => {
    expect(await names('')).toEqual(['Alpha pylon', 'Beta cabinet', 'Delta pole']);
    expect(await countWorkOrders(db, q(''))).toBe(3);
  });

  it('review state', async () => {
    expect(await names('review=reviewed')).toEqual(['Gamma mast']);
    expect(await names('review=all')).toHaveLength(4);
  });

  it('free text on name, engineer, metadata values, id; prefix match', async () => {
    expect(await names('review=all&q=pyl')).toEqual(['Alpha pylon']);
    expect(await names('review=all&q=bob')).toEqual(['Beta cabinet']);
    expect(await names('review=all&q=paris')).toEqual(['Beta cabinet']);
    expect(await names('review=all&q=ana%40example.com')).toEqual(['Alpha pylon', 'Gamma mast']);
    expect(await names(`review=all&q=${ids['Delta pole']}`)).toEqual(['Delta pole']);
    expect(await names('review=all&q=alpha+lyon')).toEqual(['Alpha pylon']);
    expect(await names('review=all&q=alpha+paris')).toEqual([]);
  });

  it('free text treats operators and quotes as text', async () => {
    expect(prefixTsQuery("o'hara & !x")).toBe("'o''hara':* & 'x':*");
    expect(await names("review=all&q=o'hara")).toEqual(['Gamma mast']);
    expect(await names("review=all&q=' or 1=1 --")).toEqual([]);
    expect(await names('review=all&q=%26%7C!()')).toEqual([]);
  });

  it('metadata key = value, and key present', async () => {
    expect(await names('review=all&meta=city%3DLyon')).toEqual(['Alpha pylon']);
    expect(await names('review=all&meta=floor%3D2')).toEqual(['Alpha pylon']);
    expect(await names('review=all&meta=contract%3D')).toEqual(['Alpha pylon', 'Gamma mast']);
    expect(await names(`review=all&meta=${encodeURIComponent("city=O'Hara; drop table users")}`)).toEqual(['Gamma mast']);
    expect(await names('review=all&meta=city%3DLyon&meta=contract%3DC-18')).toEqual([]);
  });

  it('tags, types, groups (any of), engineers', async () => {
    expect(await names('review=all&tag=urgent')).toEqual(['Alpha pylon', 'Beta cabinet']);
    expect(await names('review=all&tag=night&tag=nothing')).toEqual(['Beta cabinet']);
    expect(await names('review=all&type=copper')).toEqual(['Beta cabinet', 'Gamma mast']);
    expect(await names('review=all&group=north')).toEqual(['Alpha pylon', 'Gamma mast']);
    expect(await names('review=all&engineer=ANA%40example.com')).toEqual(['Alpha pylon', 'Gamma mast']);
  });

  it('progress range and date ranges (inclusive days, UTC)', async () => {
    expect(await names('review=all&progressMin=45&progressMax=75')).toEqual(['Beta cabinet', 'Delta pole']);
    expect(await names('review=all&progressMax=0')).toEqual(['Alpha pylon']);
    expect(await names('review=all&createdFrom=2026-01-02&createdTo=2026-01-03')).toEqual(['Beta cabinet', 'Gamma mast']);
    expect(await names('review=all&updatedFrom=2026-01-04&updatedTo=2026-01-04')).toEqual(['Gamma mast', 'Delta pole']);
    expect(await names('review=all&reviewedFrom=2026-02-10&reviewedTo=2026-02-10')).toEqual(['Gamma mast']);
    expect(await names('review=all&reviewedFrom=2026-02-11')).toEqual([]);
    // The widest days a filter accepts: the day after 9999-12-31 has no ISO form PostgreSQL reads.
    expect(await names('review=all&createdFrom=0001-01-01&createdTo=9999-12-31')).toHaveLength(4);
    expect(await names('review=all&reviewedTo=9999-12-31')).toEqual(await names('review=all&reviewedFrom=0001-01-01'));
    expect(await names('review=all&updatedTo=9999-12-31')).toHaveLength(4);
  });

  it('has corrections, has conformity errors', async () => {
    expect(await names('review=all&corrected=yes')).toEqual(['Alpha pylon', 'Gamma mast']);
    expect(await names('review=all&corrected=no')).toEqual(['Beta cabinet', 'Delta pole']);
    expect(await names('review=all&conformity=yes')).toEqual(['Alpha pylon', 'Gamma mast']);
    // Delta's inputs were never read (null): it counts as "no known conformity error".
    expect(await names('review=all&conformity=no')).toEqual(['Beta cabinet', 'Delta pole']);
  });

  it('sorts on every column, both directions (nulls last ascending, first descending)', async () => {
    expect(await names('review=all&sort=-progressScore')).toEqual(['Gamma mast', 'Delta pole', 'Beta cabinet', 'Alpha pylon']);
    expect(await names('review=all&sort=name')).toEqual(['Alpha pylon', 'Beta cabinet', 'Delta pole', 'Gamma mast']);
    expect(await names('review=all&sort=-updateDate')).toEqual(['Alpha pylon', 'Delta pole', 'Gamma mast', 'Beta cabinet']);
    expect((await names('review=all&sort=fieldEngineerEmail')).at(-1)).toBe('Delta pole');
    expect((await names('review=all&sort=-fieldEngineerEmail'))[0]).toBe('Delta pole');
    expect((await names('review=all&sort=reviewedAt'))[0]).toBe('Gamma mast');
    expect((await names('review=all&sort=-reviewedAt')).at(-1)).toBe('Gamma mast');
    for (const field of [
      'id',
      'siteId',
      'reviewDate',
      'tasksValidated',
      'tasksNotValidated',
      'tasksNotAnalyzed',
      'tasksCorrected',
      'conformityErrors',
      'reviewStatus',
    ]) {
      expect(await names(`review=all&sort=-${field}`)).toHaveLength(4);
    }
  });

  it('reads the same rows in the same order with either page plan', async () => {
    for (const field of SORT_FIELDS) {
      for (const sort of [field, `-${field}`]) {
        for (const filter of ['review=all', 'tag=urgent', 'review=all&q=ana', 'review=all&progressMin=1']) {
          const query = q(`${filter}&sort=${sort}`);
          for (const [limit, offset] of [
            [10, 0],
            [2, 1],
            [1, 3],
          ]) {
            const walk = (await pageStatement(db, query, 'walk', limit, offset)).map((row) => row.name);
            const filterFirst = (await pageStatement(db, query, 'filter-first', limit, offset)).map((row) => row.name);
            expect(filterFirst, `${filter}&sort=${sort} ${limit}@${offset}`).toEqual(walk);
          }
        }
      }
    }
    expect(await searchPage(db, q('review=all&sort=name&pageSize=10&page=1'))).toMatchObject({ total: 4 });
    expect(await searchPage(db, q('review=all&sort=name&pageSize=10&page=9'))).toEqual({ rows: [], total: 4 });
  });

  it('paginates', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page += 1) pages.push(...(await names(`review=all&sort=name&pageSize=10&page=${page}`)));
    expect(pages).toHaveLength(4);
    expect(await names('review=all&page=2')).toEqual([]);
  });

  it('streams every match in order, in batches', async () => {
    const seen: string[] = [];
    for await (const batch of streamWorkOrders(db, q('review=all&sort=name'), 3)) seen.push(...batch.map((row) => row.name));
    expect(seen).toEqual(['Alpha pylon', 'Beta cabinet', 'Delta pole', 'Gamma mast']);
    expect(await idsInListOrder(q('tag=urgent'))).toEqual([ids['Alpha pylon'], ids['Beta cabinet']]);
  });

  it('reads pages in the back half from the other end, in the same order', async () => {
    const read = async (query: ScopedQuery, batchSize: number) => {
      const seen: string[] = [];
      for await (const batch of streamWorkOrders(db, query, batchSize)) seen.push(...batch.map((row) => row.name));
      return seen;
    };
    for (const field of SORT_FIELDS) {
      for (const sort of [field, `-${field}`]) {
        const query = q(`review=all&sort=${sort}`);
        const whole = await read(query, 10);
        expect(whole).toHaveLength(4);
        for (const batchSize of [1, 2, 3]) expect(await read(query, batchSize), `${sort} by ${batchSize}`).toEqual(whole);
      }
    }
  });

  it('finds the next work order of a search, even when the current one left it', async () => {
    expect(await nextWorkOrderId(db, q(''), ids['Alpha pylon'])).toBe(ids['Beta cabinet']);
    expect(await nextWorkOrderId(db, q(''), ids['Gamma mast'])).toBe(ids['Delta pole']);
    expect(await nextWorkOrderId(db, q(''), ids['Delta pole'])).toBeNull();
    // Descending: the null engineer (Delta) comes first, then bob, then ana.
    expect(await nextWorkOrderId(db, q('sort=-fieldEngineerEmail'), ids['Delta pole'])).toBe(ids['Beta cabinet']);
    expect(await nextWorkOrderId(db, q('sort=-fieldEngineerEmail'), ids['Beta cabinet'])).toBe(ids['Alpha pylon']);
    expect(await nextWorkOrderId(db, q('sort=-fieldEngineerEmail'), ids['Alpha pylon'])).toBeNull();
    // Ascending: nulls last.
    expect(await nextWorkOrderId(db, q('sort=fieldEngineerEmail'), ids['Beta cabinet'])).toBe(ids['Delta pole']);
  });

  it('computes facets from the data', async () => {
    const facets = await computeFacets(db, EVERY_WORK_ORDER);
    expect(facets.metadataKeys).toEqual(['city', 'contract', 'floor']);
    expect(facets.tags).toEqual(['urgent', 'night']);
    expect(facets.types).toEqual(['copper', 'fiber']);
    expect(facets.groups).toEqual(['north', 'south']);
    expect(facets.engineers.map((engineer) => engineer.email)).toEqual(['ana@example.com', 'bob@example.com']);
    expect(await metadataValues(db, 'city', EVERY_WORK_ORDER)).toHaveLength(3);
  });

  describe('for a user of some teams', () => {
    const SOUTH: WorkOrderScope = { all: false, groups: ['south'], unassigned: false };
    const scopedNames = async (query: string, scope: WorkOrderScope) =>
      (await searchPage(db, q(`review=all&sort=name&${query}`, scope))).rows.map((row) => row.name);

    it('finds, counts and exports only the work orders of their user groups', async () => {
      expect(await scopedNames('', SOUTH)).toEqual(['Beta cabinet', 'Gamma mast']);
      expect(await scopedNames('tag=urgent', SOUTH)).toEqual(['Beta cabinet']);
      // Filtering on another team's group does not widen the scope.
      expect(await scopedNames('group=north', SOUTH)).toEqual(['Gamma mast']);
      expect(await countWorkOrders(db, q('review=all', SOUTH))).toBe(2);
      expect(await idsInListOrder(q('review=all&sort=name', SOUTH))).toEqual([ids['Beta cabinet'], ids['Gamma mast']]);
    });

    it('reads the same pages and count in one pass as the count and walk of an admin filtering on their groups', async () => {
      const BOTH: WorkOrderScope = { all: false, groups: ['north', 'south'], unassigned: false };
      for (const field of SORT_FIELDS) {
        for (const sort of [field, `-${field}`]) {
          // Pages of one row (below the list's smallest page size), so every offset is read.
          for (const page of [1, 2, 3, 4]) {
            const search = `review=all&sort=${sort}`;
            for (const [scope, filter] of [
              [BOTH, 'group=north&group=south'],
              [SOUTH, 'group=south'],
            ] as const) {
              const mine = await searchPage(db, { ...q(search, scope), pageSize: 1, page });
              const admin = await searchPage(db, { ...q(`${search}&${filter}`), pageSize: 1, page });
              const label = `${search} page ${page} of ${scope.groups.join()}`;
              expect(mine.total, label).toBe(admin.total);
              expect(
                mine.rows.map((row) => row.name),
                label,
              ).toEqual(admin.rows.map((row) => row.name));
            }
          }
        }
      }
      // Past the last page: no rows, the count still given.
      expect(await searchPage(db, q('review=all&page=9', SOUTH))).toEqual({ rows: [], total: 2 });
    });

    it('sees work orders with no group only when granted them, and nothing with no group at all', async () => {
      expect(await scopedNames('', { ...SOUTH, unassigned: true })).toEqual(['Beta cabinet', 'Delta pole', 'Gamma mast']);
      expect(await scopedNames('', { all: false, groups: [], unassigned: true })).toEqual(['Delta pole']);
      expect(await scopedNames('', { all: false, groups: [], unassigned: false })).toEqual([]);
    });

    it('names the next work order within the scope only', async () => {
      // Alphabetically Beta → Delta → Gamma; Delta (no group) is not theirs.
      expect(await nextWorkOrderId(db, q('review=all&sort=name', SOUTH), ids['Beta cabinet'])).toBe(ids['Gamma mast']);
    });

    it('offers facet values of their work orders only, and never another team’s group', async () => {
      const facets = await computeFacets(db, SOUTH);
      expect(facets.metadataKeys).toEqual(['city', 'contract']);
      expect(facets.tags.sort()).toEqual(['night', 'urgent']);
      expect(facets.groups).toEqual(['south']);
      expect(facets.engineers.map((engineer) => engineer.email).sort()).toEqual(['ana@example.com', 'bob@example.com']);
      expect((await metadataValues(db, 'city', SOUTH)).sort()).toEqual(["O'Hara; drop table users", 'Paris']);
      expect(await metadataValues(db, 'floor', SOUTH)).toEqual([]);
    });
  });
});
