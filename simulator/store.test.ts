import { describe, expect, it } from 'vitest';
import { loadApp } from './apps';
import { DAY } from './dates';
import { generateWorkOrder, skeleton } from './generate';
import { workOrderScore } from './serialize';
import { Site } from './site';
import { WorkOrderStore } from './store';

const NOW = Date.UTC(2026, 0, 31, 12) * 1000;

function context(count: number, seed = 'store-test', app = 'network') {
  return { seed, site: new Site(loadApp(app)), nowUs: NOW, count };
}

describe('seeded work orders', () => {
  it('100k work orders are listed and ordered from skeletons alone', () => {
    const store = new WorkOrderStore(context(100_000));
    expect(store.size).toBe(100_000);
    const page = store.list({ ordering: '-update_date' }).slice(0, 5);
    for (let i = 1; i < page.length; i += 1) expect(page[i - 1].updateUs).toBeGreaterThanOrEqual(page[i].updateUs);
    // Nothing was built beyond what was read.
    expect(page.every((entry) => entry.record === undefined)).toBe(true);
  }, 120_000);

  it('spreads creation over the 90 days before "now", updates after creation and never in the future', () => {
    const ctx = context(2000);
    for (let index = 0; index < 2000; index += 37) {
      const skel = skeleton(ctx, index);
      expect(skel.createUs).toBeGreaterThanOrEqual(NOW - 90 * DAY);
      expect(skel.updateUs).toBeGreaterThanOrEqual(skel.createUs);
      expect(skel.updateUs).toBeLessThanOrEqual(NOW);
    }
  });

  it('the full record agrees with its skeleton (id, name, dates) and is deterministic', () => {
    const ctx = context(500);
    for (const index of [0, 1, 99, 250, 499]) {
      const skel = skeleton(ctx, index);
      const record = generateWorkOrder(ctx, index);
      expect(record).toMatchObject({ id: skel.id, name: skel.name, create_us: skel.createUs, update_us: skel.updateUs });
      expect(generateWorkOrder(ctx, index)).toEqual(record);
      // The lite record (list summaries) agrees on everything a summary shows.
      const lite = generateWorkOrder(ctx, index, true);
      expect({ ...lite, states: undefined, inputs: undefined, timeline: undefined }).toEqual({
        ...record,
        states: undefined,
        inputs: undefined,
        timeline: undefined,
      });
      expect(Object.fromEntries(Object.entries(lite.states).map(([k, s]) => [k, [s.analyzed_value, s.corrected_value, s.update_us]]))).toEqual(
        Object.fromEntries(Object.entries(record.states).map(([k, s]) => [k, [s.analyzed_value, s.corrected_value, s.update_us]])),
      );
      const lastEvent = Math.max(...record.timeline.map((e) => e.date_us));
      expect(lastEvent).toBe(skel.updateUs);
      for (const input of record.inputs) expect(record.layout).toContain(input.task_group_name);
    }
  });

  it('lite records give the same summary as full ones', () => {
    const ctx = context(400);
    for (let index = 0; index < 400; index += 1) {
      const full = generateWorkOrder(ctx, index);
      const lite = generateWorkOrder(ctx, index, true);
      expect([lite.review_us, lite.update_us, workOrderScore(ctx.site, lite)]).toEqual([
        full.review_us,
        full.update_us,
        workOrderScore(ctx.site, full),
      ]);
    }
  }, 60_000);

  it('a distribution a supervisor would recognise', () => {
    const ctx = context(1000);
    const counts = { not_started: 0, in_progress: 0, complete: 0, blocked: 0 };
    let reviewed = 0;
    let corrected = 0;
    let withoutEngineer = 0;
    const names = new Map<string, number>();
    for (let index = 0; index < 1000; index += 1) {
      const record = generateWorkOrder(ctx, index);
      counts[skeleton(ctx, index).profile] += 1;
      if (record.review_us !== null) reviewed += 1;
      if (Object.values(record.states).some((s) => s.corrected_value !== null)) corrected += 1;
      if (record.field_engineer_email === null) withoutEngineer += 1;
      names.set(record.name, (names.get(record.name) ?? 0) + 1);
    }
    expect(counts.not_started).toBeGreaterThan(20);
    expect(counts.in_progress).toBeGreaterThan(200);
    expect(counts.complete).toBeGreaterThan(350);
    expect(counts.blocked).toBeGreaterThan(50);
    expect(reviewed).toBeGreaterThan(100);
    expect(corrected).toBeGreaterThan(30);
    expect(withoutEngineer).toBeGreaterThan(20);
    expect([...names.values()].some((n) => n > 1)).toBe(true);
  }, 60_000);

  it('mutations are kept and reorder lists; deletes drop out', () => {
    const store = new WorkOrderStore(context(50));
    const oldest = store.list({ ordering: 'update_date' })[0];
    const record = store.mutable(oldest.id)!;
    record.update_us = NOW + 1;
    store.saved(record);
    expect(store.list({ ordering: '-update_date' })[0].id).toBe(oldest.id);
    expect(store.get(oldest.id)).toBe(record);
    store.delete(oldest.id);
    expect(store.get(oldest.id)).toBeUndefined();
    expect(store.list({ ordering: 'create_date' })).toHaveLength(49);
  });

  it('the sample application (fiber) generates too', () => {
    const ctx = context(100, 'fiber-seed', 'fiber');
    const record = generateWorkOrder(ctx, 3);
    expect(record.layout.every((name) => ctx.site.group(name))).toBe(true);
  });
});
