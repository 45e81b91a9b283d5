/**
 * All work orders of the site. Seeded ones exist as skeletons (id, name, dates) until a
 * request reads one (built and cached) or changes one (then kept as an owned record).
 * Lists are ordered from the skeletons, so 100k work orders start in about a second.
 */
import type { Micros } from './dates';
import { generateWorkOrder, skeleton, type GenerationContext } from './generate';
import type { WorkOrderRecord } from './model';

export interface Entry {
  id: string;
  /** Seed index, or -1 for work orders created through the API or imported. */
  index: number;
  name: string;
  createUs: Micros;
  updateUs: Micros;
  deleted: boolean;
  /** Owned record once the work order was changed, created or imported. */
  record?: WorkOrderRecord;
}

export type Ordering = 'create_date' | '-create_date' | 'update_date' | '-update_date';
export const ORDERINGS: Ordering[] = ['create_date', '-create_date', 'update_date', '-update_date'];

export interface ListFilter {
  ordering: Ordering;
  name?: string;
  createdAfter?: Micros;
  updatedAfter?: Micros;
}

const CACHE_SIZE = 4096;
const SUMMARY_CACHE_SIZE = 50_000;

export class WorkOrderStore {
  private entries: Entry[] = [];
  private byId = new Map<string, Entry>();
  private cache = new Map<string, WorkOrderRecord>();
  /** Lite records (no inputs, boxes or timeline): enough for list summaries, much cheaper. */
  private summaries = new Map<string, WorkOrderRecord>();
  /**
   * List summaries as JSON, of seeded work orders nobody changed (see `summaryJson`): ~1 kB
   * each, so walking a 100k list again builds no record (the lite-record cache holds half).
   */
  private summaryJsonById = new Map<string, string>();
  private summaryJsonSite = '';
  private sorted = new Map<Ordering, Entry[]>();
  /** Filtered lists by filter, so paging through one filter scans once. */
  private filtered = new Map<string, Entry[]>();
  private version = 0;
  private live = 0;

  constructor(private readonly ctx: GenerationContext) {
    for (let index = 0; index < ctx.count; index += 1) {
      const skel = skeleton(ctx, index);
      this.add({ id: skel.id, index, name: skel.name, createUs: skel.createUs, updateUs: skel.updateUs, deleted: false });
    }
  }

  private add(entry: Entry): void {
    // A seeded id colliding with another one is practically impossible; keep the first.
    if (this.byId.has(entry.id)) return;
    this.entries.push(entry);
    this.byId.set(entry.id, entry);
    this.live += 1;
    this.changed();
  }

  private changed(): void {
    this.version += 1;
    this.sorted.clear();
    this.filtered.clear();
  }

  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    const entry = this.byId.get(id);
    return !!entry && !entry.deleted;
  }

  /** The current record, read-only (may be shared with a cache). */
  get(id: string): WorkOrderRecord | undefined {
    const entry = this.byId.get(id);
    if (!entry || entry.deleted) return undefined;
    return this.read(entry);
  }

  private read(entry: Entry): WorkOrderRecord {
    if (entry.record) return entry.record;
    let record = this.cache.get(entry.id);
    if (record) {
      // Refresh its position in the LRU.
      this.cache.delete(entry.id);
      this.cache.set(entry.id, record);
      return record;
    }
    record = generateWorkOrder(this.ctx, entry.index);
    this.cache.set(entry.id, record);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return record;
  }

  /** The record to change; call `saved` afterwards so lists see the new dates and name. */
  mutable(id: string): WorkOrderRecord | undefined {
    const entry = this.byId.get(id);
    if (!entry || entry.deleted) return undefined;
    if (!entry.record) {
      entry.record = generateWorkOrder(this.ctx, entry.index);
      this.cache.delete(entry.id);
      this.summaries.delete(entry.id);
      this.summaryJsonById.delete(entry.id);
    }
    return entry.record;
  }

  saved(record: WorkOrderRecord): void {
    const entry = this.byId.get(record.id);
    if (!entry) return;
    if (entry.name !== record.name || entry.updateUs !== record.update_us || entry.createUs !== record.create_us) {
      entry.name = record.name;
      entry.updateUs = record.update_us;
      entry.createUs = record.create_us;
      this.changed();
    }
  }

  insert(record: WorkOrderRecord): void {
    this.add({ id: record.id, index: -1, name: record.name, createUs: record.create_us, updateUs: record.update_us, deleted: false, record });
  }

  delete(id: string): boolean {
    const entry = this.byId.get(id);
    if (!entry || entry.deleted) return false;
    entry.deleted = true;
    this.live -= 1;
    this.cache.delete(id);
    this.summaries.delete(id);
    this.summaryJsonById.delete(id);
    this.changed();
    return true;
  }

  private ordered(ordering: Ordering): Entry[] {
    let list = this.sorted.get(ordering);
    if (!list) {
      const key = ordering.endsWith('create_date') ? 'createUs' : 'updateUs';
      const direction = ordering.startsWith('-') ? -1 : 1;
      list = this.entries.filter((e) => !e.deleted);
      // Ties broken by id so pages never overlap or skip.
      list.sort((a, b) => direction * (a[key] - b[key]) || (a.id < b.id ? -direction : a.id > b.id ? direction : 0));
      this.sorted.set(ordering, list);
    }
    return list;
  }

  /** Entries matching the filter, in order. Cheap: no record is built. */
  list(filter: ListFilter): Entry[] {
    const ordered = this.ordered(filter.ordering);
    if (filter.name === undefined && filter.createdAfter === undefined && filter.updatedAfter === undefined) return ordered;
    const key = JSON.stringify([filter.ordering, filter.name, filter.createdAfter, filter.updatedAfter]);
    let list = this.filtered.get(key);
    if (!list) {
      list = ordered.filter(
        (e) =>
          (filter.name === undefined || e.name === filter.name) &&
          (filter.createdAfter === undefined || e.createUs >= filter.createdAfter) &&
          (filter.updatedAfter === undefined || e.updateUs >= filter.updatedAfter),
      );
      this.filtered.set(key, list);
      if (this.filtered.size > 64) this.filtered.delete(this.filtered.keys().next().value as string);
    }
    return list;
  }

  readEntry(entry: Entry): WorkOrderRecord {
    return this.read(entry);
  }

  /** A record good for a list summary only (inputs, boxes and timeline may be missing). */
  readSummary(entry: Entry): WorkOrderRecord {
    if (entry.record) return entry.record;
    const full = this.cache.get(entry.id);
    if (full) return full;
    let lite = this.summaries.get(entry.id);
    if (!lite) {
      lite = generateWorkOrder(this.ctx, entry.index, true);
      this.summaries.set(entry.id, lite);
      if (this.summaries.size > SUMMARY_CACHE_SIZE) this.summaries.delete(this.summaries.keys().next().value as string);
    }
    return lite;
  }

  /**
   * The list summary of an entry as JSON (`serialize` applied to `readSummary`). A seeded work
   * order nobody changed has the same summary until the site changes (`siteKey`: its app
   * version), so that JSON is kept; a changed or created one is serialised on every read.
   */
  summaryJson(entry: Entry, siteKey: string, serialize: (record: WorkOrderRecord) => unknown): string {
    if (entry.record) return JSON.stringify(serialize(entry.record));
    if (siteKey !== this.summaryJsonSite) {
      this.summaryJsonById.clear();
      this.summaryJsonSite = siteKey;
    }
    let json = this.summaryJsonById.get(entry.id);
    if (json === undefined) {
      json = JSON.stringify(serialize(this.readSummary(entry)));
      this.summaryJsonById.set(entry.id, json);
    }
    return json;
  }

  /** Every live record (builds them all: admin and tests only). */
  *all(): Generator<WorkOrderRecord> {
    for (const entry of this.entries) if (!entry.deleted) yield this.read(entry);
  }
}
