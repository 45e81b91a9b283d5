import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.APP_URL = 'http://127.0.0.1:3999';
  delete process.env.METRICS_TOKEN;
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { GET as metricsRoute } from '@/app/api/metrics/route';
import { GET as taskGroupsRoute } from '@/app/api/task-groups/route';
import { deepomatic } from '@/lib/server/deepomatic';
import { withLogContext } from '@/lib/server/log-context';
import { ledgerOfRequest, setUpDalIntegration, testUser } from '@/test/harness/dal';

const TOKEN = `metrics-${crypto.randomUUID()}`;
const noParams = { params: Promise.resolve({}) };

setUpDalIntegration({ signedIn: testUser('viewer') });

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

function scrape(authorization?: string): Promise<Response> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  return metricsRoute(new NextRequest('http://127.0.0.1:3999/api/metrics', { headers }), noParams);
}

function listTaskGroups(requestId: string): Promise<Response> {
  return taskGroupsRoute(new NextRequest('http://127.0.0.1:3999/api/task-groups', { headers: { 'x-request-id': requestId } }), noParams);
}

describe('GET /api/metrics', () => {
  it('does not exist while METRICS_TOKEN is unset', async () => {
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
  });

  it('wants the configured bearer token', async () => {
    process.env.METRICS_TOKEN = TOKEN;
    for (const authorization of [undefined, 'Bearer not-the-token-at-all', TOKEN]) {
      const response = await scrape(authorization);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('http_requests_total');
    }
  });

  it('shows the requests served, the upstream calls they made and the resilience policies — no ids, no key', async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const requestId = crypto.randomUUID();
    expect((await listTaskGroups(requestId)).status).toBe(200);
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^http_requests_total\{method="GET",route="\/api\/task-groups",status="200"\} \d+$/m);
    expect(text).toMatch(/^deepomatic_requests_total\{method="GET",endpoint="task-groups\/",status="200"\} \d+$/m);
    expect(text).toMatch(/^deepomatic_request_duration_seconds_count\{method="GET",endpoint="task-groups\/",status="200"\} \d+$/m);
    expect(text).toMatch(/^deepomatic_circuit_breaker_state\{origin="http:\/\/127\.0\.0\.1:\d+"\} 0$/m);
    expect(text).toMatch(/^deepomatic_bulkhead_active\{lane="shared"\} 0$/m);
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).not.toContain(requestId);
    expect(text).not.toContain(process.env.DEEPOMATIC_API_KEY);
    expect(text).not.toContain(TOKEN);
  });
});

describe('request ids across both systems', () => {
  it('sends Deepomatic the id of the request that caused the call', async () => {
    const requestId = crypto.randomUUID();
    expect((await listTaskGroups(requestId)).status).toBe(200);
    const calls = await ledgerOfRequest(requestId);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((call) => call.path.includes('task-groups'))).toBe(true);
  });

  it('sends it even from code that was not handed the id', async () => {
    const requestId = crypto.randomUUID();
    await withLogContext({ requestId }, () => deepomatic.listTaskGroups({}));
    expect(await ledgerOfRequest(requestId)).toHaveLength(1);
  });
});
