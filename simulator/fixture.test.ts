import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, vi, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from './server';
import { admin, api, type AnyJson } from '@/test/harness/simulator-api';

// The real, anonymised sample of 20 work orders (Deepomatic/field_api_client).
const FIXTURE = fileURLToPath(new URL('./fixtures/deepomatic-sample-work-orders.json', import.meta.url));
const sample: AnyJson[] = JSON.parse(readFileSync(FIXTURE, 'utf8'));

// Real HTTP on a shared 2-core machine: generous per-test time, no wall-clock assertions.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ fixture: FIXTURE });
});
afterAll(() => sim.close());

describe('fixture import (--fixture)', () => {
  it('serves the 20 sample work orders and nothing else by default', async () => {
    const list = (await api(sim, 'GET', 'work-orders/?page_size=100')).body;
    expect(list.count).toBe(20);
    expect(new Set(list.results.map((w: AnyJson) => w.id))).toEqual(new Set(sample.map((w) => w.id)));
  });

  it.each(sample.map((w) => [w.name, w.id, w] as const))('%s (%s) loads untouched', async (_name, id, original) => {
    const wo = (await api(sim, 'GET', `work-orders/${id}/`)).body;
    expect(wo).toMatchObject({
      id: original.id,
      name: original.name,
      site_id: original.site_id,
      app_version_id: original.app_version_id,
      create_date: original.create_date,
      update_date: original.update_date,
      metadata: original.metadata,
      field_engineer_email: original.field_engineer_email,
      field_engineer_name: original.field_engineer_name,
      progress_score: original.progress_score,
      review_date: null,
    });
    // Task groups in the sample's (unsorted, sometimes repeated) order, with their ids and tasks.
    expect(wo.task_groups.map((g: AnyJson) => [g.id, g.name, g.order, g.description])).toEqual(
      original.task_groups.map((g: AnyJson) => [g.id, g.name, g.order, g.description]),
    );
    expect(wo.task_groups.map((g: AnyJson) => g.tasks)).toEqual(original.task_groups.map((g: AnyJson) => g.tasks.map((t: AnyJson) => t.id)));
    expect(wo.task_groups.map((g: AnyJson) => g.input_examples.length)).toEqual(original.task_groups.map((g: AnyJson) => g.input_examples.length));
    const originalTasks = original.task_groups.flatMap((g: AnyJson) => g.tasks.map((t: AnyJson) => ({ ...t, task_group_name: g.name })));
    expect(wo.tasks).toHaveLength(originalTasks.length);
    wo.tasks.forEach((task: AnyJson, i: number) => {
      const expected = originalTasks[i];
      for (const field of [
        'id',
        'name',
        'sentence',
        'mandatory',
        'only_for_dashboard',
        'conformity_status',
        'outcome_type',
        'outcome_display',
        'outcome_validation',
        'state',
        'task_group_name',
      ]) {
        expect(task[field], `${task.name}.${field}`).toEqual(expected[field]);
      }
    });
    // Type ids of the sample map to the application's type names.
    expect(wo.work_order_types).toHaveLength(original.types.length);
  });

  it('keeps the sample oddities: duplicate names, metadata keys with spaces, null rules, a stored score of 12', async () => {
    const duplicates = (await api(sim, 'GET', 'work-orders/?name=046ba69a-7f08-417c-89f1-504295418b8z')).body;
    expect(duplicates.count).toBe(6);
    expect(duplicates.results[0].metadata).toEqual({ 'ID PB': 'Paris', 'ID PM': 'Roule' });
    const testQa = (await api(sim, 'GET', 'work-orders/?name=TestQA')).body.results[0];
    expect(testQa.progress_score).toBe(12);
    const full = (await api(sim, 'GET', `work-orders/${testQa.id}/`)).body;
    expect(full.tasks.filter((t: AnyJson) => t.outcome_validation === null).length).toBeGreaterThan(0);
  });

  it('sample work orders can then be analysed and corrected; the score is recomputed', async () => {
    const testQa = (await api(sim, 'GET', 'work-orders/?name=TestQA')).body.results[0];
    const result = await admin(sim, 'POST', `/work-orders/${testQa.id}/analysis`, {
      body: { task_group_name: 'pm-ouvert-apres', values: { pm_ouvert_apres: true, pm_ouvert_apres_quality: true } },
    });
    expect(result.status).toBe(200);
    // 14 counted tasks in this work order, 2 validated.
    expect(result.body.progress_score).toBe(14);
  });

  it('the fixture application is the sample one: six task groups with the sample ids', async () => {
    const groups = (await api(sim, 'GET', 'task-groups/')).body;
    expect(groups.map((g: AnyJson) => g.name)).toEqual([
      'pm-ouvert-avant',
      'pm-ouvert-apres',
      'Pm-ferme-avant',
      'PM-ferme-apres',
      'PB-ferme-avant',
      'PB-ouvert-avant',
    ]);
  });
});
