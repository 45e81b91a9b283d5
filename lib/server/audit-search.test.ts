import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/server/db/client';
import { auditLog } from '@/lib/server/db/schema';
import { NO_AUDIT_FILTERS, type AuditFilters } from '@/lib/shared/audit-query';
import { createTestDb } from '@/test/harness/db';
import { auditPage, countAudit, latestAuditSeq, streamAudit } from './audit-search';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const WO_A = '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';
const WO_B = '9a1b2c3d-0000-4000-8000-000000000001';

let db: Db;
let close: () => Promise<void>;

/** A small log: two actors, refusals and corrections, across three days (UTC), two rows in one clock tick. */
const ROWS = [
  { at: '2026-12-01T10:00:00.000Z', actorEmail: 'Sup@Demo.test', action: 'correction', outcome: 'applied', workOrderId: WO_A },
  { at: '2026-12-01T23:30:00.000Z', actorEmail: 'viewer@demo.test', action: 'authz_denied', outcome: 'denied', workOrderId: null },
  { at: '2026-12-02T08:00:00.000Z', actorEmail: 'sup@demo.test', action: 'correction', outcome: 'conflict', workOrderId: WO_B },
  { at: '2026-12-02T08:00:00.000Z', actorEmail: 'sup@demo.test', action: 'correction', outcome: 'rejected', workOrderId: WO_A },
  { at: '2026-12-03T12:00:00.000Z', actorEmail: 'viewer@demo.test', action: 'authz_denied', outcome: 'denied', workOrderId: null },
  { at: '2026-12-03T12:30:00.000Z', actorEmail: 'admin@demo.test', action: 'user_created', outcome: 'succeeded', workOrderId: null },
] as const;

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  for (const row of ROWS) await db.insert(auditLog).values({ ...row, at: new Date(row.at) });
});
afterAll(async () => close());

const filters = (change: Partial<AuditFilters>): AuditFilters => ({ ...NO_AUDIT_FILTERS, ...change });
const outcomes = async (change: Partial<AuditFilters>, zone = 'UTC') =>
  (await auditPage(db, { ...filters(change), cursor: null, limit: 50 }, zone)).rows.map((row) => row.outcome);

describe('audit log search', () => {
  it('lists newest first, the later of two rows of one clock tick first', async () => {
    expect(await outcomes({})).toEqual(['succeeded', 'denied', 'rejected', 'conflict', 'denied', 'applied']);
  });

  it('filters by actor (any case), action, outcome and work order, each alone and together', async () => {
    expect(await outcomes({ actor: 'SUP@demo.test' })).toEqual(['rejected', 'conflict', 'applied']);
    expect(await outcomes({ action: 'authz_denied' })).toEqual(['denied', 'denied']);
    expect(await outcomes({ outcome: 'conflict' })).toEqual(['conflict']);
    expect(await outcomes({ workOrder: WO_A })).toEqual(['rejected', 'applied']);
    expect(await outcomes({ actor: 'sup@demo.test', workOrder: WO_A, outcome: 'applied' })).toEqual(['applied']);
    expect(await outcomes({ action: 'sign_in' })).toEqual([]);
  });

  it('takes from and to as whole days of the display time zone, both inclusive', async () => {
    expect(await outcomes({ from: '2026-12-02', to: '2026-12-02' })).toEqual(['rejected', 'conflict']);
    expect(await outcomes({ to: '2026-12-01' })).toEqual(['denied', 'applied']);
    expect(await outcomes({ from: '2026-12-03' })).toEqual(['succeeded', 'denied']);
    // 23:30 UTC on the 1st is already the 2nd in Paris.
    expect(await outcomes({ from: '2026-12-02', to: '2026-12-02' }, 'Europe/Paris')).toEqual(['rejected', 'conflict', 'denied']);
  });

  it('pages by cursor without skipping or repeating a row, and counts every page', async () => {
    const seen: string[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof auditPage>> = await auditPage(db, { ...NO_AUDIT_FILTERS, cursor, limit: 4 }, 'UTC');
      seen.push(...page.rows.map((row) => row.outcome ?? ''));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(2);
    expect(seen).toEqual(await outcomes({}));
    expect(await countAudit(db, NO_AUDIT_FILTERS, 'UTC')).toBe(6);
    expect(await countAudit(db, filters({ actor: 'sup@demo.test', to: '2026-12-01' }), 'UTC')).toBe(1);
    // The page that ends exactly at the last row says there is no next page.
    expect((await auditPage(db, { ...NO_AUDIT_FILTERS, cursor: null, limit: 6 }, 'UTC')).nextCursor).toBeNull();
  });

  it('streams every matching row up to a moment, in batches, leaving later rows out', async () => {
    const upTo = await latestAuditSeq(db);
    await db.insert(auditLog).values({ action: 'authz_denied', outcome: 'denied', actorEmail: 'late@demo.test' });
    const batches: number[] = [];
    const streamed: string[] = [];
    for await (const batch of streamAudit(db, filters({ action: 'authz_denied' }), 'UTC', upTo, 1)) {
      batches.push(batch.length);
      streamed.push(...batch.map((row) => row.actorEmail ?? ''));
    }
    expect(batches).toEqual([1, 1]);
    expect(streamed).toEqual(['viewer@demo.test', 'viewer@demo.test']);
    expect(await countAudit(db, filters({ action: 'authz_denied' }), 'UTC', upTo)).toBe(2);
    expect(await countAudit(db, filters({ action: 'authz_denied' }), 'UTC')).toBe(3);
  });
});
