import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/server/db/client';
import { auditLog, signInAttempts, users } from '@/lib/server/db/schema';
import { createTestDb } from '@/test/harness/db';
import { authorizeCredentials } from './credentials';
import { hashPassword } from './password';
import { checkSignInThrottle, clientIp } from './throttle';

// PGlite start-up and argon2 are CPU-bound; a shared, busy machine must not fail the suite.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let db: Db;
let close: () => Promise<void>;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await db.insert(users).values({ email: 'target@example.test', role: 'supervisor', passwordHash: await hashPassword(PASSWORD) });
}, 60_000);
afterAll(async () => close());
beforeEach(async () => {
  await db.delete(signInAttempts);
});

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + minutes * 60_000);

describe('sign-in throttling', () => {
  it('refuses the 11th attempt on one account within 15 minutes, even with the right password', async () => {
    for (let i = 0; i < 10; i += 1) {
      expect(await authorizeCredentials(db, { email: 'target@example.test', password: `wrong ${i}`, ip: `10.0.0.${i}` }, at(i))).toBeNull();
    }
    await expect(authorizeCredentials(db, { email: 'TARGET@example.test', password: PASSWORD, ip: '10.0.1.1' }, at(10))).rejects.toThrow(
      /^TooManyAttempts:300$/,
    );
    // the window slides: once the first failures age out, the right password works again
    expect(await authorizeCredentials(db, { email: 'target@example.test', password: PASSWORD, ip: '10.0.1.1' }, at(16))).toMatchObject({
      email: 'target@example.test',
    });
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const unknown = await authorizeCredentials(db, { email: 'nobody@example.test', password: 'whatever it is', ip: null }, at(0));
    const wrong = await authorizeCredentials(db, { email: 'target@example.test', password: 'whatever it is', ip: null }, at(0));
    expect(unknown).toBeNull();
    expect(wrong).toBeNull();
  });

  it('throttles unknown accounts too, so throttling does not reveal which exist', async () => {
    for (let i = 0; i < 10; i += 1) {
      await authorizeCredentials(db, { email: 'ghost@example.test', password: 'nope nope', ip: null }, at(i));
    }
    await expect(authorizeCredentials(db, { email: 'ghost@example.test', password: 'nope nope', ip: null }, at(10))).rejects.toThrow(
      /TooManyAttempts/,
    );
  });

  it('refuses an address that fails on many accounts', async () => {
    for (let i = 0; i < 50; i += 1) {
      await db.insert(signInAttempts).values({ email: `user${i}@example.test`, ip: '203.0.113.9', succeeded: false, at: at(i / 10) });
    }
    const decision = await checkSignInThrottle(db, 'target@example.test', '203.0.113.9', at(6));
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 9 * 60 });
    expect(await checkSignInThrottle(db, 'target@example.test', '198.51.100.1', at(6))).toEqual({ allowed: true });
  });

  it('forgets failures before a successful sign-in', async () => {
    for (let i = 0; i < 9; i += 1) await authorizeCredentials(db, { email: 'target@example.test', password: 'bad password', ip: null }, at(i));
    await authorizeCredentials(db, { email: 'target@example.test', password: PASSWORD, ip: null }, at(9));
    await authorizeCredentials(db, { email: 'target@example.test', password: 'bad password', ip: null }, at(9.5));
    expect(await checkSignInThrottle(db, 'target@example.test', null, at(10))).toEqual({ allowed: true });
  });

  it('audits throttled attempts without the password', async () => {
    const rows = await db.select().from(auditLog);
    expect(rows.some((row) => (row.details as { reason?: string })?.reason === 'throttled')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });
});

describe('clientIp', () => {
  it('takes the address the nearest hop appended', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '1.1.1.1, 10.0.0.7' }))).toBe('10.0.0.7');
    expect(clientIp({ 'x-forwarded-for': '192.0.2.1' })).toBe('192.0.2.1');
    expect(clientIp({ 'x-real-ip': '192.0.2.2' })).toBe('192.0.2.2');
    expect(clientIp({})).toBeNull();
  });
});
