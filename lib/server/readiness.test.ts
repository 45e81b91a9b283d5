import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Health } from './health';

const state = vi.hoisted(() => ({
  database: true,
  upstream: true,
  migrated: true as boolean | 'throws',
  reads: 0,
}));

vi.mock('@/lib/server/health', () => ({
  checkHealth: async (): Promise<Health> => ({
    status: !state.database ? 'down' : state.upstream ? 'ok' : 'degraded',
    app: { version: '0.1.0' },
    database: { ok: state.database, latencyMs: state.database ? 1 : null, driver: 'postgres' },
    upstream: { ok: state.upstream, latencyMs: state.upstream ? 10 : null, breaker: state.upstream ? 'closed' : 'open' },
  }),
}));
vi.mock('@/lib/server/db/client', () => ({ getDb: async () => ({}) }));
vi.mock('@/lib/server/db/migration-status', () => ({
  migrationsApplied: async () => {
    state.reads++;
    if (state.migrated === 'throws') throw new Error('relation "drizzle.__drizzle_migrations" does not exist at 10.0.0.5');
    return state.migrated;
  },
}));

const { checkReadiness } = await import('./readiness');
const ready = await import('@/app/api/health/ready/route');
const live = await import('@/app/api/health/live/route');

beforeEach(() => {
  Object.assign(state, { database: true, upstream: true, migrated: true, reads: 0 });
});

const get = (path: string) => new NextRequest(`http://127.0.0.1:3000${path}`);
const noParams = { params: Promise.resolve({}) };

describe('readiness', () => {
  it('is ready when the database answers and has every migration', async () => {
    expect(await checkReadiness()).toEqual({
      status: 'ready',
      database: { ok: true, migrated: true },
      upstream: { ok: true, breaker: 'closed' },
    });
    const response = await ready.GET(get('/api/health/ready'), noParams);
    expect(response.status).toBe(200);
  });

  it('stays ready, degraded, when only Deepomatic is down', async () => {
    state.upstream = false;
    const response = await ready.GET(get('/api/health/ready'), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'degraded', database: { ok: true, migrated: true }, upstream: { ok: false, breaker: 'open' } });
  });

  it('is not ready (503) with migrations missing, unreadable, or no database — and says nothing of why', async () => {
    for (const setup of [{ migrated: false }, { migrated: 'throws' as const }, { database: false }]) {
      Object.assign(state, { database: true, migrated: true }, setup);
      const response = await ready.GET(get('/api/health/ready'), noParams);
      expect(response.status).toBe(503);
      const body = await response.text();
      expect(JSON.parse(body).status).toBe('not_ready');
      expect(body).not.toMatch(/10\.0\.0\.5|relation|drizzle/);
    }
  });
});

describe('liveness', () => {
  it('answers 200 without touching the database or the upstream', async () => {
    state.database = false;
    state.upstream = false;
    const response = await live.GET(get('/api/health/live'), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    expect(state.reads).toBe(0);
  });
});
