import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler, routeMethods } from '@/lib/server/http/route';
import { recordCorrectionOutcome } from './corrections';
import { routeTemplate } from './http';
import { observeIndexSyncLag, recordIndexSyncError } from './index-sync';
import { metricsRegistry, resetMetrics } from './registry';
import { observeUpstreamPolicies, recordUpstreamCall } from './upstream';

beforeEach(() => resetMetrics());

const text = () => metricsRegistry().metrics();

describe('routeTemplate', () => {
  it('puts the route file’s names in place of the values', () => {
    expect(routeTemplate('/api/work-orders/wo-1', { id: 'wo-1' })).toBe('/api/work-orders/[id]');
    expect(routeTemplate('/api/work-orders/wo-1/tasks/t%201/correction', { id: 'wo-1', taskId: 't 1' })).toBe(
      '/api/work-orders/[id]/tasks/[taskId]/correction',
    );
    expect(routeTemplate('/api/auth/callback/oidc', { nextauth: ['callback', 'oidc'] })).toBe('/api/auth/[...nextauth]');
    expect(routeTemplate('/api/health', {})).toBe('/api/health');
  });
});

describe('the metrics registry', () => {
  it('is one per process, kept on globalThis across module reloads', () => {
    expect(metricsRegistry()).toBe((globalThis as { __fieldReviewMetrics?: unknown }).__fieldReviewMetrics);
    expect(metricsRegistry()).toBe(metricsRegistry());
  });

  it('has the default process metrics', async () => {
    const out = await text();
    expect(out).toContain('process_cpu_user_seconds_total');
    expect(out).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts every request a route handler answers, by route template, method and status — never the id', async () => {
    const { GET, DELETE } = routeMethods({ GET: handler(async () => ({ ok: true })) });
    const id = crypto.randomUUID();
    const context = { params: Promise.resolve({ id }) };
    await GET(new NextRequest(`http://127.0.0.1:3000/api/work-orders/${id}`), context);
    await GET(new NextRequest(`http://127.0.0.1:3000/api/work-orders/${id}`), context);
    await DELETE(new NextRequest(`http://127.0.0.1:3000/api/work-orders/${id}`, { method: 'DELETE' }), context);
    const out = await text();
    expect(out).toContain('http_requests_total{method="GET",route="/api/work-orders/[id]",status="200"} 2');
    expect(out).toContain('http_requests_total{method="DELETE",route="/api/work-orders/[id]",status="405"} 1');
    expect(out).toContain('http_request_duration_seconds_count{method="GET",route="/api/work-orders/[id]",status="200"} 2');
    expect(out).not.toContain(id);
  });

  it('counts upstream calls per endpoint template and status, with their latency', async () => {
    recordUpstreamCall({ method: 'GET', endpoint: 'work-orders/{id}/', status: 200, seconds: 0.05 });
    recordUpstreamCall({ method: 'GET', endpoint: 'work-orders/{id}/', status: 'timeout', seconds: 5 });
    recordUpstreamCall({ method: 'GET', endpoint: 'work-orders/', status: 'breaker_open' });
    const out = await text();
    expect(out).toContain('deepomatic_requests_total{method="GET",endpoint="work-orders/{id}/",status="200"} 1');
    expect(out).toContain('deepomatic_requests_total{method="GET",endpoint="work-orders/{id}/",status="timeout"} 1');
    expect(out).toContain('deepomatic_requests_total{method="GET",endpoint="work-orders/",status="breaker_open"} 1');
    expect(out).toContain('deepomatic_request_duration_seconds_bucket{le="0.05",method="GET",endpoint="work-orders/{id}/",status="200"} 1');
  });

  it('shows each breaker’s state and each bulkhead lane’s load', async () => {
    observeUpstreamPolicies({
      breakers: [{ origin: 'https://api.site.example', state: 'open' }],
      bulkheads: [{ lane: 'shared', active: 3, queued: 2 }],
    });
    const out = await text();
    expect(out).toContain('deepomatic_circuit_breaker_state{origin="https://api.site.example"} 2');
    expect(out).toContain('deepomatic_bulkhead_active{lane="shared"} 3');
    expect(out).toContain('deepomatic_bulkhead_queued{lane="shared"} 2');
    expect(out).toContain('deepomatic_bulkhead_active{lane="background"} 0');
  });

  it('shows the index sync lag and errors per job, and corrections by outcome', async () => {
    const now = Date.parse('2026-12-06T10:00:00Z');
    observeIndexSyncLag(
      [
        { job: 'full', lastSuccessAt: '2026-12-06T09:45:00Z' },
        { job: 'incremental', lastSuccessAt: null },
      ],
      now,
    );
    recordIndexSyncError('incremental');
    recordCorrectionOutcome('applied');
    recordCorrectionOutcome('applied');
    recordCorrectionOutcome('rejected');
    const out = await text();
    expect(out).toContain('index_sync_lag_seconds{job="full"} 900');
    expect(out).not.toContain('index_sync_lag_seconds{job="incremental"}');
    expect(out).toContain('index_sync_errors_total{job="incremental"} 1');
    expect(out).toContain('corrections_total{outcome="applied"} 2');
    expect(out).toContain('corrections_total{outcome="rejected"} 1');
  });
});
