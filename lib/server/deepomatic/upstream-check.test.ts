import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetUpstreamState } from './http';
import { json, startFakeUpstream, type FakeUpstream, type Handler } from '@/test/fakes/upstream';
import { runUpstreamCheck } from './upstream-check';
import { blankSummaryFields, DOCUMENTED_SITE_DEGRADATIONS } from '@/test/fixtures/deepomatic';

/**
 * The upstream check against a fake Deepomatic on loopback: a site that answers everything the
 * app can use, one that answers only what the documents name (with a list that ignores its
 * parameters and has no timeline), and sites that cannot be used at all.
 */

const CANARY = `canary-${randomUUID().replaceAll('-', '')}`;
const WO = '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';
/** Listed, but gone by the time they are read (404). */
const OTHERS = [
  '5b0f3a77-1c2d-4e5f-8a9b-0c1d2e3f4a50',
  '5b0f3a77-1c2d-4e5f-8a9b-0c1d2e3f4a51',
  '5b0f3a77-1c2d-4e5f-8a9b-0c1d2e3f4a52',
  '5b0f3a77-1c2d-4e5f-8a9b-0c1d2e3f4a53',
  '5b0f3a77-1c2d-4e5f-8a9b-0c1d2e3f4a54',
];
const TASK = '16a31c29-6689-4e28-bf55-6bb8d13a4cc9';
const DATE = '2023-02-13T15:59:31.200860Z';

const rule = { schema: { const: true }, color: '#26e4bc', sentence: 'OK', not_analyzed: false, is_conformity_validated: true };
const definition = {
  id: TASK,
  name: 'porte_fermee',
  only_for_dashboard: false,
  conformity_status: true,
  outcome_type: 'Boolean',
  outcome_validation: [rule],
};
const documentedState = { analyzed_value: true, corrected_value: null, message: 'OK', analyzed_inputs: [{ input_id: 'in-1', bounding_boxes: [] }] };

/** Everything the app can use. */
const full = {
  group: {
    id: 'g1',
    name: 'armoire',
    display_name: 'Armoire',
    description: 'Photo',
    order: 0,
    input_examples: [],
    tasks: [{ ...definition, sentence: 'Porte fermée', task_group_name: 'armoire' }],
  },
  summary: (id: string) => ({
    id,
    name: 'Poste Sud',
    site_id: 'site',
    app_version_id: 'v1',
    create_date: DATE,
    update_date: DATE,
    ...blankSummaryFields(),
    progress_score: 100,
  }),
  workOrder: (inputs: boolean) => ({
    ...full.summary(WO),
    task_groups: [{ id: 'g1', name: 'armoire', display_name: 'Armoire', description: null, order: 0, input_examples: [], tasks: [TASK] }],
    tasks: [
      {
        ...definition,
        sentence: 'Porte fermée',
        task_group_name: 'armoire',
        state: { ...documentedState, color: '#26e4bc', is_conformity_validated: true, update_date: DATE },
      },
    ],
    ...(inputs
      ? {
          inputs: [
            {
              id: 'in-1',
              task_group_name: 'armoire',
              type: 'image',
              url: 'https://storage.googleapis.com/a.png',
              create_date: DATE,
              status: 'analysis_ok',
              conformity_messages: [],
            },
          ],
        }
      : {}),
  }),
};

/** Only what the documents name. */
const documented = {
  group: { id: 'g1', name: 'armoire', input_examples: [], tasks: [definition] },
  workOrder: (inputs: boolean) => ({
    id: WO,
    name: 'Poste Sud',
    metadata: {},
    tags: [],
    field_engineer_email: null,
    user_group_ids: [],
    work_order_types: [],
    progress_score: 100,
    review_date: null,
    task_groups: [{ id: 'g1', name: 'armoire', input_examples: [], tasks: [{ ...definition, state: documentedState }] }],
    ...(inputs ? { inputs: [{ id: 'in-1', url: 'https://storage.googleapis.com/a.png', conformity_messages: [] }] } : {}),
  }),
};

type Route = (url: URL) => Handler | undefined;

/** Answers by path; anything else is a DRF 404. */
function site(route: Route): Handler {
  return (req: IncomingMessage, res: ServerResponse, entry) => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const handler = route(url) ?? json(404, { detail: 'Not found.' });
    return handler(req, res, entry);
  };
}

const page = (rows: unknown[], count = rows.length) => ({ count, next: null, previous: null, results: rows });

/** A site with both profiles' reads, the list honouring its parameters or not. */
function fakeSite(kind: 'full' | 'documented'): Handler {
  const shapes = kind === 'full' ? full : documented;
  return site((url) => {
    const path = url.pathname;
    if (path === '/v0.2/task-groups/') return json(200, [shapes.group]);
    if (path === '/v0.2/task-groups/armoire' && kind === 'documented') return json(200, shapes.group);
    if (path === '/v0.2/task-groups/armoire') return json(301, {}, { Location: '/v0.2/task-groups/armoire/' });
    if (path === '/v0.2/task-groups/armoire/' && kind === 'full') return json(200, shapes.group);
    if (path === `/v0.2/work-orders/${WO}/`) return json(200, shapes.workOrder(url.searchParams.get('include_inputs') !== 'false'));
    if (path === `/v0.2/work-orders/${WO}/timeline/` && kind === 'full') return json(200, [{ id: 'e1', date: DATE, type: 'created', payload: {} }]);
    if (path !== '/v0.2/work-orders/') return undefined;
    // Six work orders; the first one created is the one with a detail.
    const ids = [WO, ...OTHERS];
    if (kind === 'documented') return json(200, page(ids.map((id) => ({ id, name: 'Poste Sud' }))));
    // The full site applies its parameters: nothing after tomorrow, the order and size asked for.
    if (url.searchParams.has('updated_after')) return json(200, page([]));
    const ordered = url.searchParams.get('ordering') === '-create_date' ? [...ids].reverse() : ids;
    const rows = ordered.slice(0, Number(url.searchParams.get('page_size'))).map((id) => full.summary(id));
    return json(200, { ...page(rows, ids.length), next: `${url.origin}/v0.2/work-orders/?page=2` });
  });
}

let upstream: FakeUpstream;

beforeEach(async () => {
  upstream = await startFakeUpstream();
  vi.stubEnv('DEEPOMATIC_API_URL', upstream.apiUrl);
  vi.stubEnv('DEEPOMATIC_API_KEY', CANARY);
  vi.stubEnv('DEEPOMATIC_TIMEOUT_MS', '10000');
  vi.stubEnv('DEEPOMATIC_DEADLINE_MS', '20000');
  vi.stubEnv('DEEPOMATIC_RETRY_BASE_MS', '5');
  vi.stubEnv('DEEPOMATIC_RETRY_MAX_DELAY_MS', '20');
  resetUpstreamState();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  resetUpstreamState();
  await upstream.close();
});

describe('a site that answers everything the app can use', () => {
  it('is usable, nothing degraded, every optional field it can see provided', async () => {
    upstream.script(fakeSite('full'));
    const report = await runUpstreamCheck();
    expect(report).toMatchObject({ usable: true, blocker: null, degraded: [] });
    expect(report.reads.map((read) => [read.read, read.status, read.outcome])).toEqual([
      ['task_groups', 200, 'ok'],
      ['task_group_slashless', 301, 'upstream_redirect'],
      ['task_group_slashed', 200, 'ok'],
      ['work_orders', 200, 'ok'],
      ['work_order', 200, 'ok'],
      ['work_order_without_inputs', 200, 'ok'],
      ['timeline', 200, 'ok'],
    ]);
    expect(report.reads.find((read) => read.read === 'work_order')?.shape).toEqual({
      kind: 'work_order',
      taskGroups: 1,
      tasks: 1,
      unreadableTasks: 0,
      inputs: 1,
    });
    expect(report.list).toEqual({
      pageSizeHonoured: true,
      sitePageSize: null,
      orderingHonoured: true,
      updatedAfterHonoured: true,
      rowFieldsAbsent: [],
    });
    expect(report.fields.filter((field) => field.provided !== 'yes')).toEqual([{ path: 'analysis.status', provided: 'unknown' }]);
    // Read-only: GETs only.
    expect(new Set(upstream.ledger.map((entry) => entry.method))).toEqual(new Set(['GET']));
  });
});

describe('a site that answers only what the documents name', () => {
  it('is usable, with each degraded feature and the fields behind it', async () => {
    upstream.script(fakeSite('documented'));
    const report = await runUpstreamCheck();
    expect(report).toMatchObject({ usable: true, blocker: null });
    // The fake site has no timeline either.
    expect(report.degraded.map((degradation) => degradation.key)).toEqual([...DOCUMENTED_SITE_DEGRADATIONS, 'timeline_unavailable']);
    expect(report.degraded.find((degradation) => degradation.key === 'verdict_from_rules')?.fields).toEqual([
      'task.state.color',
      'task.state.is_conformity_validated',
    ]);
    expect(report.degraded.find((degradation) => degradation.key === 'list_page_size_ignored')?.size).toBe(6);
    expect(report.list?.rowFieldsAbsent).toContain('progress_score');
    expect(report.reads.find((read) => read.read === 'task_group_slashed')).toMatchObject({ status: 404, outcome: 'not_found' });
    expect(report.reads.find((read) => read.read === 'timeline')).toMatchObject({ status: 404, outcome: 'not_found' });
    expect(report.fields.find((field) => field.path === 'work_order.update_date')?.provided).toBe('no');
    expect(report.fields.find((field) => field.path === 'input.url')?.provided).toBe('yes');
  });

  it('a site that sends inputs even when asked not to, and no task group by name; a work order gone since listed is passed over', async () => {
    const listed = [full.summary(OTHERS[0]), full.summary(WO)];
    upstream.script(
      site((url) => {
        if (url.pathname === '/v0.2/task-groups/') return json(200, [full.group]);
        if (url.pathname === '/v0.2/work-orders/' && url.searchParams.has('updated_after')) return json(200, page([]));
        if (url.pathname === '/v0.2/work-orders/')
          return json(200, page(url.searchParams.get('ordering') === '-create_date' ? [...listed].reverse() : listed));
        if (url.pathname === `/v0.2/work-orders/${WO}/`) return json(200, full.workOrder(true));
        if (url.pathname === `/v0.2/work-orders/${WO}/timeline/`) return json(200, []);
        return undefined;
      }),
    );
    const report = await runUpstreamCheck();
    expect(report.usable).toBe(true);
    expect(report.degraded.map((degradation) => degradation.key)).toEqual(['task_group_by_name_unavailable', 'include_inputs_ignored']);
    // Fewer work orders than a page: whether the site applies page_size cannot be told.
    expect(report.list).toMatchObject({ pageSizeHonoured: null, orderingHonoured: true });
    expect(report.reads.find((read) => read.read === 'work_order')?.status).toBe(200);
    expect(upstream.ledger.map((entry) => entry.url)).toContain(`/v0.2/work-orders/${OTHERS[0]}/`);
  });
});

describe('a site that cannot be used', () => {
  it('a refused key: auth_failed, after one read, and the key is nowhere in the report', async () => {
    upstream.script(json(401, { detail: `Invalid token ${CANARY}.` }, { 'WWW-Authenticate': 'Token' }));
    const report = await runUpstreamCheck();
    expect(report).toMatchObject({ usable: false, blocker: 'auth_failed' });
    expect(report.reads).toEqual([
      { read: 'task_groups', path: 'task-groups/', status: 401, outcome: 'upstream_auth_failed', shape: null, notes: [] },
    ]);
    expect(upstream.ledger).toHaveLength(1);
    expect(JSON.stringify(report)).not.toContain(CANARY);
    expect(JSON.stringify(report)).not.toContain('Invalid token');
  });

  it('nothing listening: unreachable', async () => {
    await upstream.close();
    const report = await runUpstreamCheck();
    expect(report).toMatchObject({ usable: false, blocker: 'unreachable' });
    expect(report.reads[0]).toMatchObject({ status: null, outcome: 'upstream_error' });
  });

  it('task groups answered with something else than task groups: task_groups_unreadable', async () => {
    upstream.script(
      site((url) => {
        if (url.pathname === '/v0.2/task-groups/')
          return (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>maintenance</html>');
        if (url.pathname === '/v0.2/work-orders/') return json(200, page([]));
        return undefined;
      }),
    );
    expect(await runUpstreamCheck()).toMatchObject({ usable: false, blocker: 'task_groups_unreadable' });
  });

  it('work orders that cannot be listed: work_orders_unreadable', async () => {
    upstream.script(
      site((url) => {
        if (url.pathname === '/v0.2/task-groups/') return json(200, [full.group]);
        if (url.pathname === '/v0.2/work-orders/') return json(200, { unexpected: true });
        return undefined;
      }),
    );
    const report = await runUpstreamCheck();
    expect(report).toMatchObject({ usable: false, blocker: 'work_orders_unreadable' });
    expect(report.reads.find((read) => read.read === 'work_order')?.outcome).toBe('skipped');
  });

  it('no configuration: not_configured, and no request', async () => {
    vi.stubEnv('DEEPOMATIC_API_KEY', '');
    expect(await runUpstreamCheck()).toMatchObject({ usable: false, blocker: 'not_configured', reads: [] });
    expect(upstream.ledger).toHaveLength(0);
  });
});
