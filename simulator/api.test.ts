import { afterAll, beforeAll, vi, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from './server';
import { admin, api, type AnyJson } from '@/test/harness/simulator-api';

// Real HTTP on a shared 2-core machine: generous per-test time, no wall-clock assertions.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ workOrders: 300, seed: 'api-test', apiKeys: ['key-1', 'key-2'], adminToken: 'admin-test' });
});
afterAll(() => sim.close());

async function firstWorkOrder(filter = ''): Promise<AnyJson> {
  const list = await api(sim, 'GET', `work-orders/?page_size=1000${filter}`);
  return list.body.results[0];
}

/** A work order with at least one analysed task, and one of its tasks never analysed (via create). */
async function analysedWorkOrder(): Promise<AnyJson> {
  const list = await api(sim, 'GET', 'work-orders/?page_size=1000');
  for (const summary of list.body.results) {
    const wo = (await api(sim, 'GET', `work-orders/${summary.id}/`)).body;
    if (wo.tasks.some((t: AnyJson) => t.state && t.state.corrected_value === null)) return wo;
  }
  throw new Error('no analysed work order');
}

describe('authentication (DRF TokenAuthentication)', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['missing header', {}, 'Authentication credentials were not provided.'],
    ['Bearer scheme', { Authorization: 'Bearer key-1' }, 'Authentication credentials were not provided.'],
    ['wrong key', { Authorization: 'Token nope' }, 'Invalid token.'],
    ['no key', { Authorization: 'Token' }, 'Invalid token header. No credentials provided.'],
    ['key with spaces', { Authorization: 'Token key 1' }, 'Invalid token header. Token string should not contain spaces.'],
  ];
  it.each(cases)('%s → 401 with WWW-Authenticate: Token', async (_name, headers, detail) => {
    const response = await api(sim, 'GET', 'task-groups/', { anonymous: true, headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Token');
    expect(response.body).toEqual({ detail });
  });
  it('every configured key works', async () => {
    for (const key of ['key-1', 'key-2']) {
      expect((await api(sim, 'GET', 'task-groups/', { headers: { Authorization: `Token ${key}` } })).status).toBe(200);
    }
  });
});

describe('routing errors', () => {
  it('404 for unknown paths and ids, before authentication', async () => {
    expect(await api(sim, 'GET', 'nothing-here/', { anonymous: true })).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
    expect((await api(sim, 'GET', 'work-orders/00000000-0000-4000-8000-000000000000/')).status).toBe(404);
    expect((await api(sim, 'GET', 'work-orders/not-a-uuid/')).status).toBe(404);
    expect((await api(sim, 'GET', 'work-orders/..%2F..%2Fetc/')).status).toBe(404);
  });
  it('301 to the slashed URL (APPEND_SLASH), query kept', async () => {
    const response = await api(sim, 'GET', 'work-orders?page_size=2', { anonymous: true });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/v0.2/work-orders/?page_size=2');
    const wo = await firstWorkOrder();
    const detail = await api(sim, 'GET', `work-orders/${wo.id}`);
    expect(detail.status).toBe(301);
    expect(detail.headers.get('location')).toBe(`/v0.2/work-orders/${wo.id}/`);
  });
  it('405 with Allow for a wrong method', async () => {
    const response = await api(sim, 'PUT', 'work-orders/', { body: {} });
    expect(response.status).toBe(405);
    expect(response.body).toEqual({ detail: 'Method "PUT" not allowed.' });
    expect(response.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect((await api(sim, 'POST', 'task-groups/', { body: {} })).status).toBe(405);
    const wo = await firstWorkOrder();
    expect((await api(sim, 'GET', `work-orders/${wo.id}/analyze/`)).status).toBe(405);
  });
  it('415 for a non-JSON body, 400 for malformed JSON', async () => {
    const unsupported = await api(sim, 'POST', 'work-orders/', {
      rawBody: 'name=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(unsupported.status).toBe(415);
    expect(unsupported.body.detail).toBe('Unsupported media type "application/x-www-form-urlencoded" in request.');
    const malformed = await api(sim, 'POST', 'work-orders/', { rawBody: '{"name":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/^JSON parse error/);
  });
  it('a malformed Host header does not break page links', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request(`${sim.apiUrl}work-orders/`, { headers: { Host: 'bad host!', Authorization: 'Token key-1' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
      req.end();
    });
    expect(status).toBe(200);
  });
  it('OPTIONS and HEAD', async () => {
    const options = await api(sim, 'OPTIONS', 'work-orders/');
    expect(options.status).toBe(200);
    expect(options.headers.get('allow')).toContain('POST');
    const head = await api(sim, 'HEAD', 'task-groups/');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });
});

describe('list work orders', () => {
  it('paginates DRF-style with absolute links', async () => {
    const first = await api(sim, 'GET', 'work-orders/?page_size=50');
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(300);
    expect(first.body.results).toHaveLength(50);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toBe(`${sim.url}/v0.2/work-orders/?page_size=50&page=2`);
    const second = await fetch(first.body.next, { headers: { Authorization: 'Token key-1' } }).then((r) => r.json());
    expect(second.previous).toBe(`${sim.url}/v0.2/work-orders/?page_size=50`);
    const ids = new Set([...first.body.results, ...second.results].map((w: AnyJson) => w.id));
    expect(ids.size).toBe(100);
    const last = await api(sim, 'GET', 'work-orders/?page_size=50&page=6');
    expect(last.body.next).toBeNull();
    expect((await api(sim, 'GET', 'work-orders/?page_size=50&page=7')).body).toEqual({ detail: 'Invalid page.' });
    expect((await api(sim, 'GET', 'work-orders/?page=abc')).status).toBe(404);
  });
  it('defaults to 100, caps page_size at 1000', async () => {
    expect((await api(sim, 'GET', 'work-orders/')).body.results).toHaveLength(100);
    const big = await startSimulator({ workOrders: 1500 });
    try {
      expect((await api(big, 'GET', 'work-orders/?page_size=5000')).body.results).toHaveLength(1000);
    } finally {
      await big.close();
    }
  });
  it('summaries carry every work-order field except task groups, tasks and inputs', async () => {
    const summary = await firstWorkOrder();
    expect(Object.keys(summary).sort()).toEqual(
      [
        'id',
        'name',
        'site_id',
        'app_version_id',
        'create_date',
        'update_date',
        'review_date',
        'metadata',
        'tags',
        'field_engineer_email',
        'field_engineer_name',
        'user_group_ids',
        'work_order_types',
        'progress_score',
      ].sort(),
    );
    expect(summary.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(summary.create_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  });
  it.each(['create_date', '-create_date', 'update_date', '-update_date'])('orders by %s', async (ordering) => {
    const { results } = (await api(sim, 'GET', `work-orders/?page_size=1000&ordering=${ordering}`)).body;
    const field = ordering.replace('-', '');
    const dates = results.map((w: AnyJson) => w[field]);
    const sorted = [...dates].sort();
    expect(dates).toEqual(ordering.startsWith('-') ? sorted.reverse() : sorted);
  });
  it('filters by name (exact), created_after and updated_after (inclusive)', async () => {
    const all = (await api(sim, 'GET', 'work-orders/?page_size=1000&ordering=create_date')).body.results;
    const target = all[10];
    const byName = (await api(sim, 'GET', `work-orders/?name=${encodeURIComponent(target.name)}`)).body;
    expect(byName.results.map((w: AnyJson) => w.name)).toEqual(Array(byName.count).fill(target.name));
    const created = (await api(sim, 'GET', `work-orders/?page_size=1000&created_after=${target.create_date}`)).body;
    expect(created.count).toBe(all.filter((w: AnyJson) => w.create_date >= target.create_date).length);
    const updated = (await api(sim, 'GET', `work-orders/?page_size=1000&updated_after=${target.update_date}`)).body;
    expect(updated.count).toBe(all.filter((w: AnyJson) => w.update_date >= target.update_date).length);
    expect(await api(sim, 'GET', 'work-orders/?updated_after=yesterday')).toMatchObject({
      status: 400,
      body: { updated_after: ['Enter a valid date/time.'] },
    });
  });
});

describe('create, retrieve, update, delete', () => {
  it('creates a work order with every field and filters task groups by type', async () => {
    const site = (await admin(sim, 'GET', '/site')).body;
    const technician = site.technicians.find((t: AnyJson) => t.name !== null);
    const response = await api(sim, 'POST', 'work-orders/', {
      body: {
        name: 'INT-75-TEST_1',
        metadata: { region: 'Île-de-France', 'ID PB': 'PB-75-0001', priority: 1, urgent: false },
        tags: ['group-1', 'group-2'],
        field_engineer_email: technician.email,
        user_group_ids: [site.user_groups[0].id],
        work_order_types: ['releve-compteur'],
      },
    });
    expect(response.status).toBe(201);
    const wo = response.body;
    expect(wo).toMatchObject({
      name: 'INT-75-TEST_1',
      review_date: null,
      metadata: { 'ID PB': 'PB-75-0001' },
      tags: ['group-1', 'group-2'],
      field_engineer_email: technician.email,
      field_engineer_name: technician.name,
      user_group_ids: [site.user_groups[0].id],
      work_order_types: ['releve-compteur'],
      progress_score: 0,
      inputs: [],
    });
    expect(wo.task_groups.map((g: AnyJson) => g.name)).toEqual(['compteur-electrique']);
    expect(wo.tasks.every((t: AnyJson) => t.state === null && t.task_group_name === 'compteur-electrique')).toBe(true);
    expect(wo.task_groups[0].tasks).toEqual(wo.tasks.map((t: AnyJson) => t.id));
    const fetched = await api(sim, 'GET', `work-orders/${wo.id}/`);
    expect(fetched.body).toEqual(wo);
  });
  it('no type means every task group', async () => {
    const wo = (await api(sim, 'POST', 'work-orders/', { body: { name: 'all-groups' } })).body;
    const groups = (await api(sim, 'GET', 'task-groups/')).body;
    expect(wo.task_groups.map((g: AnyJson) => g.name).sort()).toEqual(groups.map((g: AnyJson) => g.name).sort());
    expect(wo.field_engineer_email).toBeNull();
  });
  const invalid: Array<[string, unknown, Record<string, unknown>]> = [
    ['name missing', {}, { name: ['This field is required.'] }],
    // The name pattern is an option now, off by default: its 400s are in profile.test.ts.
    ['name wrong type', { name: 12 }, { name: ['Not a valid string.'] }],
    [
      'unknown engineer',
      { name: 'x', field_engineer_email: 'ghost@nowhere.example' },
      { field_engineer_email: ['No Deepomatic account exists with the email "ghost@nowhere.example".'] },
    ],
    ['bad email', { name: 'x', field_engineer_email: 'not-an-email' }, { field_engineer_email: ['Enter a valid email address.'] }],
    ['unknown type', { name: 'x', work_order_types: ['teleportation'] }, { work_order_types: ['Object with name=teleportation does not exist.'] }],
    ['types not a list', { name: 'x', work_order_types: 'maintenance' }, { work_order_types: ['Expected a list of items but got type "string".'] }],
    ['unknown user group', { name: 'x', user_group_ids: ['nope'] }, { user_group_ids: ['Invalid pk "nope" - object does not exist.'] }],
    ['tags of numbers', { name: 'x', tags: [1, 2] }, { tags: ['Not a valid string.'] }],
    ['metadata not an object', { name: 'x', metadata: ['a'] }, { metadata: ['Expected a dictionary of items but got type "list".'] }],
    ['metadata nested', { name: 'x', metadata: { a: { b: 1 } } }, { metadata: ['Value of "a" must be a text, a number or a boolean.'] }],
  ];
  it.each(invalid)('400 for %s', async (_name, body, fields) => {
    const response = await api(sim, 'POST', 'work-orders/', { body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(fields);
  });
  it('400 for a JSON root that is not an object', async () => {
    expect((await api(sim, 'POST', 'work-orders/', { body: [1] })).body).toEqual({
      non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
    });
  });
  it('PATCH changes only the given fields; PUT replaces the whole work order', async () => {
    const wo = (
      await api(sim, 'POST', 'work-orders/', { body: { name: 'patch-me', tags: ['a'], metadata: { k: 'v' }, work_order_types: ['maintenance'] } })
    ).body;
    const patched = await api(sim, 'PATCH', `work-orders/${wo.id}/`, { body: { field_engineer_email: 'tech.ouest.07@subcontractor.example' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'patch-me',
      tags: ['a'],
      metadata: { k: 'v' },
      field_engineer_name: 'tech.ouest.07@subcontractor.example',
    });
    expect(patched.body.update_date > wo.update_date).toBe(true);
    const retyped = await api(sim, 'PATCH', `work-orders/${wo.id}/`, { body: { work_order_types: ['audit-poteau'] } });
    expect(retyped.body.task_groups.map((g: AnyJson) => g.name).sort()).toEqual(['etiquette-cable', 'poteau']);
    expect((await api(sim, 'PATCH', `work-orders/${wo.id}/`, { body: { name: '' } })).body).toEqual({ name: ['This field may not be blank.'] });
    expect((await api(sim, 'PUT', `work-orders/${wo.id}/`, { body: { tags: [] } })).body).toEqual({ name: ['This field is required.'] });
    const replaced = await api(sim, 'PUT', `work-orders/${wo.id}/`, { body: { name: 'replaced' } });
    expect(replaced.body).toMatchObject({ name: 'replaced', tags: [], metadata: {}, field_engineer_email: null, work_order_types: [] });
  });
  it('DELETE answers 204, then the work order is gone', async () => {
    const wo = (await api(sim, 'POST', 'work-orders/', { body: { name: 'delete-me' } })).body;
    const removed = await api(sim, 'DELETE', `work-orders/${wo.id}/`);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    expect((await api(sim, 'GET', `work-orders/${wo.id}/`)).status).toBe(404);
    expect((await api(sim, 'GET', `work-orders/${wo.id}/timeline/`)).status).toBe(404);
    expect((await api(sim, 'DELETE', `work-orders/${wo.id}/`)).status).toBe(404);
    expect((await api(sim, 'GET', 'work-orders/?name=delete-me')).body.count).toBe(0);
  });
  it('include_inputs=false drops inputs and analyzed_inputs', async () => {
    const wo = await analysedWorkOrder();
    expect(wo.inputs.length).toBeGreaterThan(0);
    const light = (await api(sim, 'GET', `work-orders/${wo.id}/?include_inputs=false`)).body;
    expect(light.inputs).toBeUndefined();
    const analysed = light.tasks.find((t: AnyJson) => t.state);
    expect(analysed.state.analyzed_inputs).toBeUndefined();
    expect(analysed.state.analyzed_value).not.toBeUndefined();
  });
});

describe('metadata', () => {
  it('PATCH merges (null removes a key), PUT replaces', async () => {
    const wo = (await api(sim, 'POST', 'work-orders/', { body: { name: 'meta', metadata: { 'ID PB': 'Paris', 'ID PM': 'Roule' } } })).body;
    const merged = await api(sim, 'PATCH', `work-orders/${wo.id}/metadata/`, { body: { 'ID PM': null, region: 'Nord', priority: 2 } });
    expect(merged.status).toBe(200);
    expect(merged.body.metadata).toEqual({ 'ID PB': 'Paris', region: 'Nord', priority: 2 });
    const replaced = await api(sim, 'PUT', `work-orders/${wo.id}/metadata/`, { body: { only: true } });
    expect(replaced.body.metadata).toEqual({ only: true });
    expect((await api(sim, 'PUT', `work-orders/${wo.id}/metadata/`, { body: { a: null } })).status).toBe(400);
    expect((await api(sim, 'PATCH', `work-orders/${wo.id}/metadata/`, { body: ['x'] })).status).toBe(400);
    expect((await api(sim, 'GET', `work-orders/${wo.id}/metadata/`)).status).toBe(405);
  });
});

describe('task groups', () => {
  it('lists a bare array sorted by order, with task definitions', async () => {
    const groups = (await api(sim, 'GET', 'task-groups/')).body;
    expect(Array.isArray(groups)).toBe(true);
    const orders = groups.map((g: AnyJson) => g.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    const sample = groups.find((g: AnyJson) => g.name === 'pm-ouvert-avant');
    expect(sample).toMatchObject({ id: '54d4ef99-5254-49ab-bed4-92c0eb180f0c', display_name: 'PM ouvert avant', order: 0 });
    expect(sample.input_examples).toHaveLength(5);
    expect(sample.tasks[0]).not.toHaveProperty('state');
    expect(groups.some((g: AnyJson) => g.tasks.some((t: AnyJson) => t.outcome_validation === null))).toBe(true);
    expect(new Set(groups.flatMap((g: AnyJson) => g.tasks.map((t: AnyJson) => t.outcome_type)))).toEqual(new Set(['Boolean', 'Number', 'Text']));
  });
  it('retrieves by exact, case-sensitive name', async () => {
    expect((await api(sim, 'GET', 'task-groups/PM-ferme-apres/')).body.name).toBe('PM-ferme-apres');
    expect((await api(sim, 'GET', 'task-groups/pm-ferme-apres/')).status).toBe(404);
    expect((await api(sim, 'GET', 'task-groups/Pm-ferme-avant/')).status).toBe(200);
  });
});

describe('corrections', () => {
  it('400 before any analysis', async () => {
    const wo = (await api(sim, 'POST', 'work-orders/', { body: { name: 'never-analysed', work_order_types: ['maintenance'] } })).body;
    const response = await api(sim, 'PATCH', `work-orders/${wo.id}/tasks/${wo.tasks[0].id}/correction/`, { body: { corrected_value: true } });
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/not been analyzed/);
  });
  it('404 for a task of another work order or an unknown task', async () => {
    const wo = (await api(sim, 'POST', 'work-orders/', { body: { name: 'meter', work_order_types: ['releve-compteur'] } })).body;
    const groups = (await api(sim, 'GET', 'task-groups/')).body;
    const foreign = groups.find((g: AnyJson) => g.name === 'poteau').tasks[0].id;
    expect((await api(sim, 'PATCH', `work-orders/${wo.id}/tasks/${foreign}/correction/`, { body: { corrected_value: 1 } })).status).toBe(404);
    expect(
      (await api(sim, 'PATCH', `work-orders/${wo.id}/tasks/00000000-0000-4000-8000-000000000000/correction/`, { body: { corrected_value: 1 } }))
        .status,
    ).toBe(404);
  });
  it('checks the value against the outcome type, then recomputes state and score', async () => {
    const wo = (await api(sim, 'POST', 'work-orders/', { body: { name: 'correct-me', work_order_types: ['releve-compteur'] } })).body;
    // Analysis forced through the admin API so the values are known.
    const analysed = await admin(sim, 'POST', `/work-orders/${wo.id}/analysis`, {
      body: { task_group_name: 'compteur-electrique', values: { numero_prm: '1450026611', index_kwh: -1, scelle_present: false } },
    });
    expect(analysed.status).toBe(200);
    expect(analysed.body.progress_score).toBe(0);
    const byName = Object.fromEntries(wo.tasks.map((t: AnyJson) => [t.name, t.id]));
    const bad: Array<[string, unknown, string]> = [
      ['scelle_present', 'maybe', 'Must be a valid boolean.'],
      ['index_kwh', 'lots', 'A valid number is required.'],
      ['numero_prm', true, 'Not a valid string.'],
      ['numero_prm', null, 'This field may not be null.'],
    ];
    for (const [task, value, message] of bad) {
      const response = await api(sim, 'PATCH', `work-orders/${wo.id}/tasks/${byName[task]}/correction/`, { body: { corrected_value: value } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ corrected_value: [message] });
    }
    expect((await api(sim, 'PATCH', `work-orders/${wo.id}/tasks/${byName.scelle_present}/correction/`, { body: {} })).body).toEqual({
      corrected_value: ['This field is required.'],
    });
    const first = await api(sim, 'PATCH', `work-orders/${wo.id}/tasks/${byName.scelle_present}/correction/`, { body: { corrected_value: 'true' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      id: byName.scelle_present,
      name: 'scelle_present',
      state: { analyzed_value: false, corrected_value: true, message: 'Scellé présent', is_conformity_validated: true },
      progress_score: 33,
    });
    const number = await api(sim, 'PATCH', `work-orders/${wo.id}/tasks/${byName.index_kwh}/correction/`, { body: { corrected_value: '15230' } });
    expect(number.body.state).toMatchObject({ corrected_value: 15230, message: 'Index relevé : 15230 kWh', color: '#26e4bc' });
    expect(number.body.progress_score).toBe(66);
    const text = await api(sim, 'PATCH', `work-orders/${wo.id}/tasks/${byName.numero_prm}/correction/`, {
      body: { corrected_value: '09214587334512' },
    });
    expect(text.body.progress_score).toBe(100);
    // A later correction replaces the earlier one.
    const again = await api(sim, 'PATCH', `work-orders/${wo.id}/tasks/${byName.scelle_present}/correction/`, { body: { corrected_value: false } });
    expect(again.body.state).toMatchObject({ corrected_value: false, message: 'Scellé absent', is_conformity_validated: false });
    expect(again.body.progress_score).toBe(66);
    const fetched = (await api(sim, 'GET', `work-orders/${wo.id}/`)).body;
    expect(fetched.progress_score).toBe(66);
    const timeline = (await api(sim, 'GET', `work-orders/${wo.id}/timeline/`)).body;
    expect(timeline.map((e: AnyJson) => e.type)).toEqual(['work_order_created', 'analysis', 'correction', 'correction', 'correction', 'correction']);
    expect(timeline[2]).toMatchObject({
      task_id: byName.scelle_present,
      task_name: 'scelle_present',
      payload: { previous_value: false, corrected_value: true },
    });
  });
});

describe('timeline', () => {
  it('records creation, updates, metadata, analyses and corrections in order', async () => {
    const wo = (await api(sim, 'POST', 'work-orders/', { body: { name: 'story', work_order_types: ['inspection-rapide'] } })).body;
    await api(sim, 'PATCH', `work-orders/${wo.id}/`, { body: { tags: ['t'] } });
    await api(sim, 'PATCH', `work-orders/${wo.id}/metadata/`, { body: { a: 1 } });
    await admin(sim, 'POST', `/work-orders/${wo.id}/analysis`, {
      body: { task_group_name: 'pm-ouvert-apres', conformity: [{ code: 'blur', level: 'error' }] },
    });
    await admin(sim, 'POST', `/work-orders/${wo.id}/analysis`, { body: { task_group_name: 'pm-ouvert-apres', values: { pm_ouvert_apres: true } } });
    const events = (await api(sim, 'GET', `work-orders/${wo.id}/timeline/`)).body;
    expect(events.map((e: AnyJson) => e.type)).toEqual([
      'work_order_created',
      'work_order_updated',
      'metadata_updated',
      'conformity_error',
      'analysis',
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ work_order_id: wo.id, user_email: expect.any(String) });
      expect(event.date).toMatch(/Z$/);
    }
    expect(events[3]).toMatchObject({ task_group_name: 'pm-ouvert-apres', payload: { status: 'conformity_error' } });
    expect(events[4].payload.status).toMatch(/^analysis_(ok|ko)$/);
    const dates = events.map((e: AnyJson) => e.date);
    expect(dates).toEqual([...dates].sort());
  });
});

describe('seeded data', () => {
  it('has realistic state: scores 0, partial and 100, errors, corrections, reviews, unsorted groups', async () => {
    const { results } = (await api(sim, 'GET', 'work-orders/?page_size=300')).body;
    const scores = results.map((w: AnyJson) => w.progress_score);
    expect(scores).toContain(0);
    expect(scores).toContain(100);
    expect(scores.some((s: number) => s > 0 && s < 100)).toBe(true);
    expect(results.some((w: AnyJson) => w.review_date !== null)).toBe(true);
    expect(results.some((w: AnyJson) => w.field_engineer_email === null)).toBe(true);
    expect(results.some((w: AnyJson) => Object.keys(w.metadata).some((k) => k.includes(' ')))).toBe(true);
    let corrections = 0;
    let conformityErrors = 0;
    let unsorted = 0;
    for (const summary of results.slice(0, 120)) {
      const wo = (await api(sim, 'GET', `work-orders/${summary.id}/`)).body;
      expect(wo.progress_score).toBe(summary.progress_score);
      if (wo.tasks.some((t: AnyJson) => t.state?.corrected_value !== null && t.state?.corrected_value !== undefined)) corrections += 1;
      if (wo.inputs.some((i: AnyJson) => i.status === 'conformity_error')) conformityErrors += 1;
      const orders = wo.task_groups.map((g: AnyJson) => g.order);
      if (orders.join() !== [...orders].sort((a: number, b: number) => a - b).join()) unsorted += 1;
    }
    expect(corrections).toBeGreaterThan(0);
    expect(conformityErrors).toBeGreaterThan(0);
    expect(unsorted).toBeGreaterThan(0);
  });
  it('is deterministic for a seed and differs across seeds', async () => {
    const again = await startSimulator({ workOrders: 300, seed: 'api-test', now: sim.simulation.options.nowUs / 1000 });
    const other = await startSimulator({ workOrders: 300, seed: 'another-seed' });
    try {
      const a = (await api(sim, 'GET', 'work-orders/?page_size=20&ordering=create_date')).body.results;
      const b = (await api(again, 'GET', 'work-orders/?page_size=20&ordering=create_date')).body.results;
      const c = (await api(other, 'GET', 'work-orders/?page_size=20&ordering=create_date')).body.results;
      const strip = (w: AnyJson) => ({ ...w, site_id: undefined, app_version_id: undefined });
      // `sim` may have changed some work orders in earlier tests: compare untouched ones.
      const untouched = a.filter((w: AnyJson) => b.find((x: AnyJson) => x.id === w.id)?.update_date === w.update_date);
      expect(untouched.length).toBeGreaterThan(10);
      for (const w of untouched) expect(strip(b.find((x: AnyJson) => x.id === w.id))).toEqual(strip(w));
      expect(c.map((w: AnyJson) => w.id)).not.toEqual(b.map((w: AnyJson) => w.id));
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });
});

describe('photos', () => {
  it('serves signed PNGs for inputs and examples without an API key; refuses bad signatures', async () => {
    const wo = await analysedWorkOrder();
    const urls = [wo.inputs[0].url, wo.task_groups.flatMap((g: AnyJson) => g.input_examples)[0]].filter(Boolean);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url.startsWith(`${sim.url}/media/`)).toBe(true);
      expect(url).toMatch(/\?Expires=\d+&Signature=[\w-]+$/);
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, 4).toString('hex')).toBe('89504e47');
      expect((await fetch(url.replace(/Signature=[\w-]+/, 'Signature=forged'))).status).toBe(403);
      expect((await fetch(url.split('?')[0])).status).toBe(403);
    }
  });
});

describe('application version upgrade', () => {
  it('changes task and task-group ids, keeps names; old task ids stop working', async () => {
    const own = await startSimulator({ workOrders: 20, seed: 'upgrade' });
    try {
      const wo = (await api(own, 'POST', 'work-orders/', { body: { name: 'upgrade', work_order_types: ['inspection-rapide'] } })).body;
      await admin(own, 'POST', `/work-orders/${wo.id}/analysis`, {
        body: { task_group_name: 'pm-ouvert-apres', values: { pm_ouvert_apres: false } },
      });
      const before = (await api(own, 'GET', 'task-groups/')).body;
      expect((await admin(own, 'POST', '/app-version/upgrade', { anonymous: true })).status).toBe(401);
      const upgrade = await admin(own, 'POST', '/app-version/upgrade');
      expect(upgrade.status).toBe(200);
      expect(upgrade.body.app_version_id).not.toBe(upgrade.body.previous_app_version_id);
      const after = (await api(own, 'GET', 'task-groups/')).body;
      expect(after.map((g: AnyJson) => g.name)).toEqual(before.map((g: AnyJson) => g.name));
      after.forEach((group: AnyJson, i: number) => {
        expect(group.id).not.toBe(before[i].id);
        expect(group.tasks.map((t: AnyJson) => t.name)).toEqual(before[i].tasks.map((t: AnyJson) => t.name));
        group.tasks.forEach((task: AnyJson, j: number) => expect(task.id).not.toBe(before[i].tasks[j].id));
      });
      const fresh = (await api(own, 'GET', `work-orders/${wo.id}/`)).body;
      expect(fresh.app_version_id).toBe(upgrade.body.app_version_id);
      const oldId = wo.tasks.find((t: AnyJson) => t.name === 'pm_ouvert_apres').id;
      const newTask = fresh.tasks.find((t: AnyJson) => t.name === 'pm_ouvert_apres');
      expect(newTask.id).not.toBe(oldId);
      expect(newTask.state.analyzed_value).toBe(false);
      expect((await api(own, 'PATCH', `work-orders/${wo.id}/tasks/${oldId}/correction/`, { body: { corrected_value: true } })).status).toBe(404);
      expect((await api(own, 'PATCH', `work-orders/${wo.id}/tasks/${newTask.id}/correction/`, { body: { corrected_value: true } })).status).toBe(200);
      // Reset goes back to the initial version.
      await admin(own, 'POST', '/reset');
      expect((await api(own, 'GET', 'task-groups/')).body[0].id).toBe(before[0].id);
      expect((await api(own, 'GET', `work-orders/${wo.id}/`)).status).toBe(404);
    } finally {
      await own.close();
    }
  });
});

describe('list summaries kept between walks', () => {
  it('serves the same summaries again, and a work order as it is after a change, deletion or upgrade', async () => {
    const own = await startSimulator({ workOrders: 30, seed: 'summary-cache' });
    try {
      const walk = async () => (await api(own, 'GET', 'work-orders/?page_size=1000&ordering=create_date')).body.results as AnyJson[];
      const first = await walk();
      expect(await walk()).toEqual(first);
      // Every summary equals the detail's summary fields (the kept JSON is the same serialisation).
      const detail = (await api(own, 'GET', `work-orders/${first[3].id}/`)).body;
      expect(first[3]).toEqual(Object.fromEntries(Object.keys(first[3]).map((key) => [key, detail[key]])));

      const patch = await api(own, 'PATCH', `work-orders/${first[0].id}/`, { body: { name: 'renamed-after-a-walk' } });
      expect(patch.status, JSON.stringify(patch.body)).toBe(200);
      const renamed = patch.body;
      expect((await api(own, 'DELETE', `work-orders/${first[1].id}/`)).status).toBe(204);
      const after = await walk();
      expect(after.find((summary) => summary.id === first[0].id)).toMatchObject({ name: 'renamed-after-a-walk', update_date: renamed.update_date });
      expect(after.map((summary) => summary.id)).not.toContain(first[1].id);

      expect((await admin(own, 'POST', '/app-version/upgrade')).status).toBe(200);
      const upgraded = (await api(own, 'GET', `work-orders/${first[2].id}/`)).body;
      const listed = (await walk()).find((summary) => summary.id === first[2].id)!;
      expect(listed.app_version_id).toBe(upgraded.app_version_id);
      expect(listed.app_version_id).not.toBe(first[2].app_version_id);
    } finally {
      await own.close();
    }
  });
});
