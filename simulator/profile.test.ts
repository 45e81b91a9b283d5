import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSimulator, type RunningSimulator } from './server';
import { admin, api, dataUri, photoWithFindings, type AnyJson } from '@/test/harness/simulator-api';

// Real HTTP on a shared 2-core machine: generous per-test time, no wall-clock assertions.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** Every key of every object in `value`, at any depth (to prove a field is served nowhere). */
function keysDeep(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysDeep(item, keys);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      keys.add(key);
      // Rule schemas and metadata are customer data, not the API's field names.
      if (key !== 'schema' && key !== 'metadata') keysDeep(item, keys);
    }
  }
  return keys;
}

/** Fields Deepomatic's API documentation does not name: never served by the `documented` profile. */
const INFERRED = [
  'site_id',
  'app_version_id',
  'create_date',
  'update_date',
  'field_engineer_name',
  'sentence',
  'task_group_name',
  'mandatory',
  'outcome_display',
  'color',
  'is_conformity_validated',
  'display_name',
  'description',
  'order',
  'remote_algorithm_instances',
  'status',
  'type',
  'label',
  'score',
];

const INFERRED_OUTSIDE_RULES = INFERRED.filter((key) => !['color', 'sentence', 'is_conformity_validated'].includes(key));

/** Keys served outside the `outcome_validation` rules (whose colour, sentence and validation the documents name). */
function keysOutsideRules(value: unknown): Set<string> {
  const copy = JSON.parse(JSON.stringify(value), (key, item) => (key === 'outcome_validation' ? null : item));
  return keysDeep(copy);
}

describe('work-order names (any value is accepted)', () => {
  let sim: RunningSimulator;
  let strict: RunningSimulator;
  beforeAll(async () => {
    [sim, strict] = await Promise.all([
      startSimulator({ workOrders: 0, seed: 'names' }),
      startSimulator({ workOrders: 0, seed: 'names', namePattern: true }),
    ]);
  });
  afterAll(() => Promise.all([sim.close(), strict.close()]));

  it('by default, spaces, accents and slashes are accepted and kept exactly', async () => {
    const name = '  Poste Sud / Lyon 3e — équipe #2 ';
    const created = await api(sim, 'POST', 'work-orders/', { body: { name } });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe(name);
    expect((await api(sim, 'GET', `work-orders/?name=${encodeURIComponent(name)}`)).body.results.map((row: AnyJson) => row.name)).toEqual([name]);
    expect((await api(sim, 'POST', 'work-orders/', { body: { name: '' } })).body).toEqual({ name: ['This field may not be blank.'] });
  });

  it.each([
    ['name pattern', { name: 'bad name!' }, { name: ['Only letters, digits, "_" and "-" are allowed in a work order name.'] }],
    ['name too long', { name: 'a'.repeat(129) }, { name: ['Ensure this field has no more than 128 characters.'] }],
  ])('with the name-pattern option: 400 for %s', async (_label, body, fields) => {
    const response = await api(strict, 'POST', 'work-orders/', { body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(fields);
    expect((await api(sim, 'POST', 'work-orders/', { body })).status).toBe(201);
  });
});

describe('the documented profile', () => {
  let sim: RunningSimulator;
  let full: RunningSimulator;
  beforeAll(async () => {
    [sim, full] = await Promise.all([
      startSimulator({ workOrders: 40, seed: 'documented', profile: 'documented' }),
      startSimulator({ workOrders: 40, seed: 'documented' }),
    ]);
  });
  afterAll(() => Promise.all([sim.close(), full.close()]));

  /**
   * A seeded work order with an analysed task (the same one exists in both simulators: same
   * seed). Listed by the full profile: the documented list ignores `ordering`, and its own order
   * puts the work orders other tests created first.
   */
  async function analysed(): Promise<AnyJson> {
    const list = (await api(full, 'GET', 'work-orders/?page_size=100&ordering=create_date')).body;
    for (const row of list.results) {
      const workOrder = (await api(sim, 'GET', `work-orders/${row.id}/`)).body;
      if (workOrder.task_groups.some((group: AnyJson) => group.tasks.some((task: AnyJson) => task.state?.analyzed_value !== null && task.state)))
        return workOrder;
    }
    throw new Error('no analysed work order');
  }

  it('serves no inferred field in work orders, list rows or task groups', async () => {
    expect(sim.profile).toBe('documented');
    const list = (await api(sim, 'GET', 'work-orders/?page_size=100')).body;
    expect(Object.keys(list).sort()).toEqual(['count', 'next', 'previous', 'results']);
    const workOrder = await analysed();
    const groups = (await api(sim, 'GET', 'task-groups/')).body;
    for (const answer of [list, workOrder, groups]) {
      const keys = keysOutsideRules(answer);
      expect(
        INFERRED_OUTSIDE_RULES.filter((key) => keys.has(key)),
        JSON.stringify([...keys]),
      ).toEqual([]);
    }
    expect(keysDeep(workOrder).has('tasks')).toBe(true);
    expect(Object.keys(workOrder).sort()).toEqual(
      [
        'field_engineer_email',
        'id',
        'inputs',
        'metadata',
        'name',
        'progress_score',
        'review_date',
        'tags',
        'task_groups',
        'user_group_ids',
        'work_order_types',
      ].sort(),
    );
    // Tasks nested in their task groups (the real sample's shape), each with what the documents name.
    const task = workOrder.task_groups[0].tasks[0];
    expect(Object.keys(task).sort()).toEqual([
      'conformity_status',
      'id',
      'name',
      'only_for_dashboard',
      'outcome_type',
      'outcome_validation',
      'state',
    ]);
    const state = workOrder.task_groups.flatMap((group: AnyJson) => group.tasks).find((candidate: AnyJson) => candidate.state)?.state;
    expect(Object.keys(state).sort()).toEqual(['analyzed_inputs', 'analyzed_value', 'corrected_value', 'message']);
    expect(Object.keys(workOrder.inputs[0]).sort()).toEqual(['conformity_messages', 'id', 'url']);
  });

  it('serves the same work order as the full profile, less the inferred fields', async () => {
    const id = (await api(full, 'GET', 'work-orders/?page_size=1&ordering=create_date')).body.results[0].id;
    const [documented, complete] = await Promise.all([api(sim, 'GET', `work-orders/${id}/`), api(full, 'GET', `work-orders/${id}/`)]);
    expect(documented.body.progress_score).toBe(complete.body.progress_score);
    expect(documented.body.task_groups.flatMap((group: AnyJson) => group.tasks.map((task: AnyJson) => task.id))).toEqual(
      complete.body.task_groups.flatMap((group: AnyJson) => group.tasks),
    );
  });

  it('task group by name: the slash-less route as the documents write it; the slashed form is a 404', async () => {
    const [group] = (await api(sim, 'GET', 'task-groups/')).body;
    const slashless = await api(sim, 'GET', `task-groups/${group.name}`);
    expect(slashless.status).toBe(200);
    expect(slashless.body.name).toBe(group.name);
    expect((await api(sim, 'GET', `task-groups/${group.name}/`)).status).toBe(404);
    // The full profile keeps the general rule: the slashed route, and a redirect to it.
    expect((await api(full, 'GET', `task-groups/${group.name}/`)).status).toBe(200);
    expect((await api(full, 'GET', `task-groups/${group.name}`)).status).toBe(301);
  });

  it('analysis: inputs with their messages and the impacted tasks under their group; empty task fields on a conformity error', async () => {
    const created = (await api(sim, 'POST', 'work-orders/', { body: { name: 'documented analysis', work_order_types: ['inspection-rapide'] } })).body;
    const body = (photo: Buffer) => ({ task_group_name: 'pm-ouvert-apres', inputs: [{ image: { source: dataUri(photo) } }] });
    const ok = await api(sim, 'POST', `work-orders/${created.id}/analyze/`, { body: body(photoWithFindings([], 'documented-ok')) });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body).sort()).toEqual(['inputs', 'task_groups']);
    expect(ok.body.inputs).toEqual([{ id: expect.any(String), url: expect.any(String), conformity_messages: [] }]);
    expect(ok.body.task_groups).toHaveLength(1);
    expect(ok.body.task_groups[0].name).toBe('pm-ouvert-apres');
    expect(ok.body.task_groups[0].tasks.map((task: AnyJson) => Object.keys(task).sort())).toEqual([
      ['id', 'name', 'state'],
      ['id', 'name', 'state'],
    ]);
    const blocked = await api(sim, 'POST', `work-orders/${created.id}/analyze/`, {
      body: body(photoWithFindings([{ code: 'blur', level: 'error' }], 'documented-blur')),
    });
    expect(blocked.body).toEqual({
      inputs: [{ id: expect.any(String), url: expect.any(String), conformity_messages: [expect.objectContaining({ code: 'blur', level: 'error' })] }],
      task_groups: [],
    });
  });

  it('correction: corrected_value as a JSON string only, the answer is {id, state}, the value echoed as sent', async () => {
    const workOrder = await analysed();
    const task = workOrder.task_groups
      .flatMap((group: AnyJson) => group.tasks)
      .find((candidate: AnyJson) => candidate.state?.analyzed_value !== null && candidate.state);
    const path = `work-orders/${workOrder.id}/tasks/${task.id}/correction/`;
    const typed = task.outcome_type === 'Boolean' ? !task.state.analyzed_value : task.outcome_type === 'Number' ? 12.5 : 'CAB-123456';
    for (const value of [true, 12.5]) {
      const refused = await api(sim, 'PATCH', path, { body: { corrected_value: value } });
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ corrected_value: ['Not a valid string.'] });
    }
    const sent = String(typed);
    const corrected = await api(sim, 'PATCH', path, { body: { corrected_value: sent } });
    expect(corrected.status).toBe(200);
    expect(Object.keys(corrected.body).sort()).toEqual(['id', 'state']);
    expect(corrected.body.state.corrected_value).toBe(sent);
    const after = (await api(sim, 'GET', `work-orders/${workOrder.id}/`)).body;
    const stored = after.task_groups.flatMap((group: AnyJson) => group.tasks).find((candidate: AnyJson) => candidate.id === task.id);
    expect(stored.state.corrected_value).toBe(sent);
    // The full profile takes typed values too, and answers with typed values.
    expect(
      (await api(full, 'PATCH', `work-orders/${workOrder.id}/tasks/${task.id}/correction/`, { body: { corrected_value: typed } })).body.state
        .corrected_value,
    ).toBe(typed);
  });

  it('callbacks carry the documented analysis shape with their two ids', async () => {
    const created = (await api(sim, 'POST', 'work-orders/', { body: { name: 'documented callback', work_order_types: ['inspection-rapide'] } })).body;
    const received: AnyJson[] = [];
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        received.push(JSON.parse(text));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const accepted = await api(sim, 'POST', `work-orders/${created.id}/analyze/callback/`, {
        body: {
          task_group_name: 'pm-ouvert-apres',
          inputs: [{ image: { source: dataUri(photoWithFindings([], 'documented-cb')) } }],
          callback_url: `http://127.0.0.1:${port}/cb`,
        },
      });
      expect(accepted.status).toBe(202);
      await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000 });
      expect(Object.keys(received[0]).sort()).toEqual(['analysis_id', 'inputs', 'task_groups', 'work_order_id']);
      expect(received[0].work_order_id).toBe(created.id);
    } finally {
      server.close();
    }
  });

  it('the admin API still tells everything (it is a test tool, not the API)', async () => {
    const site = (await admin(sim, 'GET', '/site')).body;
    expect(site.task_groups[0]).toHaveProperty('order');
  });
});

describe('the work-order list (its parameters are not documented)', () => {
  const future = encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString());
  let documented: RunningSimulator;
  let full: RunningSimulator;
  let ignoresOrdering: RunningSimulator;
  let minimalRows: RunningSimulator;
  beforeAll(async () => {
    [documented, full, ignoresOrdering, minimalRows] = await Promise.all([
      startSimulator({ workOrders: 130, seed: 'list', profile: 'documented' }),
      startSimulator({ workOrders: 130, seed: 'list' }),
      startSimulator({ workOrders: 130, seed: 'list', list: { ignores: ['ordering'] } }),
      startSimulator({ workOrders: 130, seed: 'list', list: { rows: 'minimal' } }),
    ]);
  });
  afterAll(() => Promise.all([documented, full, ignoresOrdering, minimalRows].map((sim) => sim.close())));

  const ids = (body: AnyJson): string[] => body.results.map((row: AnyJson) => row.id);

  it('the full profile honours page_size, ordering and updated_after', async () => {
    const ascending = (await api(full, 'GET', 'work-orders/?page_size=7&ordering=create_date')).body;
    const descending = (await api(full, 'GET', 'work-orders/?page_size=7&ordering=-create_date')).body;
    expect(ascending.results).toHaveLength(7);
    expect(ids(ascending)[0]).not.toBe(ids(descending)[0]);
    expect((await api(full, 'GET', `work-orders/?updated_after=${future}`)).body).toMatchObject({ count: 0, results: [] });
    expect(Object.keys(ascending.results[0])).toEqual(expect.arrayContaining(['id', 'name', 'update_date', 'progress_score', 'metadata']));
  });

  it('the documented profile ignores them (pages of the site size, its own order, every work order) and lists id and name', async () => {
    const asked = (await api(documented, 'GET', 'work-orders/?page_size=7&ordering=create_date')).body;
    const reversed = (await api(documented, 'GET', 'work-orders/?page_size=7&ordering=-create_date')).body;
    expect(asked.results).toHaveLength(100);
    expect(asked.count).toBe(130);
    expect(ids(asked)).toEqual(ids(reversed));
    expect(asked.next).toMatch(/[?&]page=2(&|$)/);
    expect((await api(documented, 'GET', 'work-orders/?page=2')).body.results).toHaveLength(30);
    expect((await api(documented, 'GET', `work-orders/?updated_after=${future}`)).body.count).toBe(130);
    expect(asked.results.map((row: AnyJson) => Object.keys(row).sort())).toEqual(asked.results.map(() => ['id', 'name']));
    // Other filters still apply: only the parameters nothing documents are ignored.
    const [first] = asked.results;
    expect(ids((await api(documented, 'GET', `work-orders/?name=${encodeURIComponent(first.name)}`)).body)).toContain(first.id);
  });

  it('each behaviour can be set on its own', async () => {
    const asked = (await api(ignoresOrdering, 'GET', 'work-orders/?page_size=7&ordering=create_date')).body;
    expect(asked.results).toHaveLength(7);
    expect(ids(asked)).toEqual(ids((await api(ignoresOrdering, 'GET', 'work-orders/?page_size=7&ordering=-create_date')).body));
    expect((await api(ignoresOrdering, 'GET', `work-orders/?updated_after=${future}`)).body.count).toBe(0);
    expect(Object.keys(asked.results[0])).toContain('update_date');

    const rows = (await api(minimalRows, 'GET', 'work-orders/?page_size=7&ordering=create_date')).body;
    expect(rows.results.map((row: AnyJson) => Object.keys(row).sort())).toEqual(rows.results.map(() => ['id', 'name']));
    expect(ids(rows)).toEqual(ids((await api(full, 'GET', 'work-orders/?page_size=7&ordering=create_date')).body));
    // The detail is untouched: only list rows are thinner.
    expect(Object.keys((await api(minimalRows, 'GET', `work-orders/${rows.results[0].id}/`)).body)).toContain('update_date');
  });
});
