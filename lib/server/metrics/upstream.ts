import 'server-only';
import { counter, gauge, histogram } from './registry';

/**
 * Calls to Deepomatic per endpoint template (`work-orders/{id}/`, never the id). `status` is the
 * HTTP status of an attempt that got one, else what stopped it: `timeout`, `network`,
 * `aborted`, or the resilience policy that refused to send it (`breaker_open`,
 * `bulkhead_full`, `cool_down`).
 */
export function recordUpstreamCall(call: { method: string; endpoint: string; status: number | string; seconds?: number }): void {
  const labels = { method: call.method, endpoint: call.endpoint, status: String(call.status) };
  counter('deepomatic_requests_total', 'Calls to the Deepomatic API, each attempt counted.', ['method', 'endpoint', 'status']).inc(labels);
  if (call.seconds !== undefined) {
    histogram('deepomatic_request_duration_seconds', 'Duration of one attempt of a Deepomatic call, in seconds.', [
      'method',
      'endpoint',
      'status',
    ]).observe(labels, call.seconds);
  }
}

/** What the resilience policies toward Deepomatic hold now (see lib/server/deepomatic/http.ts). */
export interface UpstreamPolicies {
  breakers: { origin: string; state: 'closed' | 'half-open' | 'open' | 'isolated' }[];
  bulkheads: { lane: string; active: number; queued: number }[];
}

const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2, isolated: 3 } as const;

/** Sets the breaker and bulkhead gauges from a snapshot of the policies (taken at each scrape). */
export function observeUpstreamPolicies(policies: UpstreamPolicies): void {
  const breaker = gauge('deepomatic_circuit_breaker_state', 'Circuit breaker per upstream origin: 0 closed, 1 half-open, 2 open, 3 isolated.', [
    'origin',
  ]);
  const active = gauge('deepomatic_bulkhead_active', 'Deepomatic calls running now, per lane (shared, background).', ['lane']);
  const queued = gauge('deepomatic_bulkhead_queued', 'Deepomatic calls waiting for a slot, per lane.', ['lane']);
  breaker.reset();
  for (const entry of policies.breakers) breaker.set({ origin: entry.origin }, BREAKER_VALUE[entry.state]);
  for (const lane of ['shared', 'background']) {
    const entry = policies.bulkheads.find((candidate) => candidate.lane === lane);
    active.set({ lane }, entry?.active ?? 0);
    queued.set({ lane }, entry?.queued ?? 0);
  }
}
