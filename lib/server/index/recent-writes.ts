import 'server-only';
import { createHash } from 'node:crypto';
import type { Db } from '@/lib/server/db/client';
import type { WorkOrder } from '@/lib/server/deepomatic/types';
import { inputStats, taskIndexRows } from '@/lib/server/overview/task-rows';
import { workOrderToRow } from './row';

/** A fixed "now", so the same work order always gives the same row to fingerprint. */
const FIXED_TIME = new Date(0);

/**
 * A fingerprint of everything `indexWorkOrder` writes for a work order (its index row, its task
 * rows, its photo counts), leaving out only the times of the write.
 */
export function indexFingerprint(workOrder: WorkOrder): string {
  const written = [workOrderToRow(workOrder, FIXED_TIME), taskIndexRows(workOrder), inputStats(workOrder)];
  return createHash('sha1').update(JSON.stringify(written)).digest('base64url');
}

/**
 * What this process last wrote to the index for each work order, and when. Reading a work
 * order (its page, its API, the re-read after a correction) refreshes its index rows; a work
 * order read again unchanged shortly after needs no second write of the same rows (a dozen
 * statements, most of the database's work for such a read). Holds work-order ids and
 * fingerprints only, never data a user reads: it decides whether to write, nothing else.
 *
 * An entry stands for `ttlMs` at most, and any other write of the same rows in this process
 * forgets it (`forget`), so the sync's writes are never mistaken for ours. Only a write of
 * stale data by another instance sharing the database can then go unrepaired by a read: the
 * row waits for the next sync, or `ttlMs` at most, as it would have without any read. The
 * oldest entries go first beyond `max`.
 */
export class RecentIndexWrites {
  private readonly entries = new Map<string, { fingerprint: string; at: number }>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly max = 10_000,
  ) {}

  /** True when this process wrote exactly `fingerprint` for `id` less than `ttlMs` ago. */
  isCurrent(id: string, fingerprint: string, now = Date.now()): boolean {
    const entry = this.entries.get(id);
    return entry !== undefined && entry.fingerprint === fingerprint && now - entry.at < this.ttlMs;
  }

  remember(id: string, fingerprint: string, now = Date.now()): void {
    this.entries.delete(id); // re-inserted last: the map's order is the age order
    this.entries.set(id, { fingerprint, at: now });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(ids: Iterable<string>): void {
    for (const id of ids) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}

// One record per database: what was written to one says nothing about another (tests open many).
const byDatabase = new WeakMap<Db, RecentIndexWrites>();

export function recentIndexWrites(db: Db): RecentIndexWrites {
  let writes = byDatabase.get(db);
  if (!writes) {
    writes = new RecentIndexWrites();
    byDatabase.set(db, writes);
  }
  return writes;
}
