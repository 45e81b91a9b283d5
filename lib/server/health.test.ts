import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  dbFails: false,
  upstream: { ok: true, configured: true, latencyMs: 12, breaker: 'closed' } as Record<string, unknown>,
  upstreamCalls: 0,
}));

vi.mock('@/lib/server/db/client', () => ({
  getHandle: async () => {
    if (state.dbFails) throw new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
    return { driver: 'pglite', db: { execute: async () => ({ rows: [{ '?column?': 1 }] }) } };
  },
}));
vi.mock('@/lib/server/deepomatic', () => ({
  checkUpstream: async () => {
    state.upstreamCalls++;
    return state.upstream;
  },
}));

const { checkHealth, resetHealthCache } = await import('./health');

beforeEach(() => {
  resetHealthCache();
  state.dbFails = false;
  state.upstream = { ok: true, configured: true, latencyMs: 12, breaker: 'closed' };
  state.upstreamCalls = 0;
});

describe('checkHealth', () => {
  it('reports ok with version, database driver and upstream breaker', async () => {
    const health = await checkHealth();
    expect(health).toEqual({
      status: 'ok',
      app: { version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      database: { ok: true, latencyMs: expect.any(Number), driver: 'pglite' },
      upstream: { ok: true, latencyMs: 12, breaker: 'closed' },
    });
  });

  it('is degraded, not down, when only the upstream fails', async () => {
    state.upstream = { ok: false, configured: true, latencyMs: 5001, breaker: 'open', error: 'upstream_timeout' };
    const health = await checkHealth();
    expect(health.status).toBe('degraded');
    expect(health.upstream).toEqual({ ok: false, latencyMs: null, breaker: 'open' });
  });

  it('is down when the database fails, and says nothing about why', async () => {
    state.dbFails = true;
    const health = await checkHealth();
    expect(health.status).toBe('down');
    expect(health.database).toEqual({ ok: false, latencyMs: null, driver: 'pglite' });
    const text = JSON.stringify(health);
    expect(text).not.toMatch(/10\.0\.0\.5|hunter2|ECONNREFUSED/);
  });

  it('reuses a recent answer instead of calling the upstream for every probe', async () => {
    await Promise.all([checkHealth(), checkHealth(), checkHealth()]);
    await checkHealth();
    expect(state.upstreamCalls).toBe(1);
  });
});
