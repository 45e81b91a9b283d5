import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditLog, users } from './schema';
import { createTestDb, useTestDb } from '@/test/harness/db';
import { getDb, withAdvisoryLock } from './client';

// PGlite start-up and argon2 are CPU-bound; a shared, busy machine must not fail the suite.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

describe('database', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('applies every migration to a fresh database', async () => {
    const test = await createTestDb();
    close = test.close;
    const [user] = await test.db.insert(users).values({ email: 'a@example.test', role: 'viewer' }).returning();
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.sessionsValidAfter).toBeInstanceOf(Date);
    await expect(test.db.insert(users).values({ email: 'A@example.test' })).rejects.toThrow();
    await expect(test.db.insert(users).values({ email: 'b@example.test', role: 'root' as never })).rejects.toThrow();
  });

  it('refuses to delete or rewrite audit rows, but lets a pending outcome settle once', async () => {
    const test = await createTestDb();
    close = test.close;
    const [row] = await test.db.insert(auditLog).values({ action: 'correction', outcome: 'pending' }).returning();
    await expect(test.db.delete(auditLog).where(sql`${auditLog.id} = ${row.id}`)).rejects.toThrow();
    await expect(test.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    await expect(
      test.db
        .update(auditLog)
        .set({ action: 'forged' })
        .where(sql`${auditLog.id} = ${row.id}`),
    ).rejects.toThrow();
    await test.db
      .update(auditLog)
      .set({ outcome: 'applied' })
      .where(sql`${auditLog.id} = ${row.id}`);
    await expect(
      test.db
        .update(auditLog)
        .set({ outcome: 'rejected' })
        .where(sql`${auditLog.id} = ${row.id}`),
    ).rejects.toThrow();
    const rows = await test.db.select().from(auditLog);
    expect(rows).toHaveLength(1);
    expect(rows[0].outcome).toBe('applied');
    expect(rows[0].action).toBe('correction');
  });

  it('lets only one caller hold an advisory lock at a time', async () => {
    const test = await useTestDb();
    close = test.close;
    expect(await getDb()).toBe(test.db);
    let release!: () => void;
    const blocker = new Promise<void>((resolve) => (release = resolve));
    const first = withAdvisoryLock('sync', async () => {
      await blocker;
      return 'first';
    });
    const second = await withAdvisoryLock('sync', async () => 'second');
    expect(second).toEqual({ acquired: false });
    release();
    expect(await first).toEqual({ acquired: true, value: 'first' });
    expect(await withAdvisoryLock('sync', async () => 'third')).toEqual({ acquired: true, value: 'third' });
  });
});
