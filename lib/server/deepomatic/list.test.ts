import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deepomatic, ignoresUpdatedAfter } from './index';
import { resetUpstreamState } from './http';
import { listedSummary, workOrderListSchema, SUMMARY_FIELDS } from './schemas';
import { json, startFakeUpstream, type FakeUpstream } from '@/test/fakes/upstream';
import { blankSummaryFields } from '@/test/fixtures/deepomatic';

/**
 * The work-order list: nothing documents its rows or its parameters, so rows carrying only an
 * `id` are kept (with what they lack named), and pages are followed by the site's own links.
 */

const ID = '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';
const OTHER = '16a31c29-6689-4e28-bf55-6bb8d13a4cc9';

const summary = {
  id: ID,
  name: 'Poste Sud',
  site_id: 'site',
  app_version_id: 'v1',
  create_date: '2023-02-13T15:59:31.200860Z',
  update_date: '2023-02-13T16:20:02.511009Z',
  ...blankSummaryFields(),
  metadata: { zone: 'Lyon' },
  progress_score: 40,
};

describe('list rows', () => {
  it('a whole row is a summary; a thin row keeps its id and names what it lacks', () => {
    const page = workOrderListSchema.parse({
      count: 3,
      next: null,
      previous: null,
      results: [summary, { id: OTHER, name: 'Nord' }, { name: 'no id' }],
    });
    expect(page.results.map((row) => row.id)).toEqual([ID, OTHER]);
    const [whole, thin] = page.results;
    expect(whole.absent).toEqual([]);
    expect(listedSummary(whole)).toMatchObject({ id: ID, name: 'Poste Sud', progress_score: 40, metadata: { zone: 'Lyon' } });
    expect(thin.absent).toEqual(SUMMARY_FIELDS.filter((field) => field !== 'name'));
    expect(thin.update_date).toBeNull();
    expect(listedSummary(thin)).toBeNull();
  });

  it('a field sent unreadable counts as absent; `types` stands for work_order_types; null is a value', () => {
    const [row] = workOrderListSchema.parse([
      { ...summary, progress_score: 'high', work_order_types: undefined, types: ['t1'], review_date: null },
    ]).results;
    expect(row.absent).toEqual(['progress_score']);
    expect(row.work_order_types).toEqual(['t1']);
  });
});

describe('listWorkOrders against a fake upstream', () => {
  let upstream: FakeUpstream;
  beforeEach(async () => {
    upstream = await startFakeUpstream();
    vi.stubEnv('DEEPOMATIC_API_URL', upstream.apiUrl);
    vi.stubEnv('DEEPOMATIC_API_KEY', 'list-test-key-0001');
    vi.stubEnv('DEEPOMATIC_TIMEOUT_MS', '10000');
    vi.stubEnv('DEEPOMATIC_DEADLINE_MS', '20000');
    resetUpstreamState();
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    resetUpstreamState();
    await upstream.close();
  });

  it('follows a next link without a page number through its cursor (limit/offset pagination)', async () => {
    upstream.script(
      json(200, { count: 2, next: `${upstream.apiUrl}work-orders/?limit=1&offset=1&ordering=create_date`, previous: null, results: [summary] }),
      json(200, { count: 2, next: null, previous: `${upstream.apiUrl}work-orders/?limit=1`, results: [{ id: OTHER }] }),
    );
    const first = await deepomatic.listWorkOrders({ pageSize: 1, ordering: 'create_date' });
    expect(first).toMatchObject({ nextPage: null, nextCursor: 'limit=1&offset=1&ordering=create_date' });
    const second = await deepomatic.listWorkOrders({ cursor: first.nextCursor! });
    expect(second.results.map((row) => row.id)).toEqual([OTHER]);
    expect(second.nextCursor).toBeNull();
    expect(new URL(upstream.ledger[1].url, upstream.url).search).toBe('?limit=1&offset=1&ordering=create_date');
  });

  it('a cursor keeps only plain parameters and never changes the host or path', async () => {
    upstream.script(
      json(200, {
        count: 2,
        next: `https://elsewhere.example/x/?page=2&bad%20name=1&page_size=${'9'.repeat(2000)}`,
        previous: null,
        results: [summary],
      }),
      json(200, { count: 2, next: null, previous: null, results: [] }),
    );
    const first = await deepomatic.listWorkOrders();
    expect(first).toMatchObject({ nextPage: 2, nextCursor: 'page=2' });
    await deepomatic.listWorkOrders({ cursor: first.nextCursor! });
    expect(upstream.ledger[1].url).toBe('/v0.2/work-orders/?page=2');
  });

  it("ignoresUpdatedAfter asks for tomorrow's changes: a site that lists any ignores the filter", async () => {
    upstream.script(
      json(200, { count: 0, next: null, previous: null, results: [] }),
      json(200, { count: 1, next: null, previous: null, results: [{ id: ID }] }),
    );
    expect(await ignoresUpdatedAfter()).toBe(false);
    const asked = new URL(upstream.ledger[0].url, upstream.url).searchParams.get('updated_after');
    expect(Date.parse(asked!)).toBeGreaterThan(Date.now());
    expect(await ignoresUpdatedAfter()).toBe(true);
  });
});
