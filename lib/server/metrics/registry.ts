import 'server-only';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's one Prometheus registry, with Node's default process metrics (CPU, memory,
 * event-loop lag, handles). Held on `globalThis` so that dev reloads and duplicated module
 * instances keep counting into the same metrics instead of starting new ones.
 *
 * Labels are route and endpoint templates, methods, statuses, job and outcome names: never an
 * id, a user, an address or anything a request carries.
 */

const globalForMetrics = globalThis as typeof globalThis & { __fieldReviewMetrics?: Registry };

export function metricsRegistry(): Registry {
  if (!globalForMetrics.__fieldReviewMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    globalForMetrics.__fieldReviewMetrics = registry;
  }
  return globalForMetrics.__fieldReviewMetrics;
}

/** Forgets every metric (tests only: each starts from zero). */
export function resetMetrics(): void {
  globalForMetrics.__fieldReviewMetrics?.clear();
  globalForMetrics.__fieldReviewMetrics = undefined;
}

type Kind = typeof Counter | typeof Gauge | typeof Histogram;

/** The metric called `config.name` in the registry, created on first use. */
function metric<K extends Kind>(kind: K, config: ConstructorParameters<K>[0]): InstanceType<K> {
  const registry = metricsRegistry();
  const existing = registry.getSingleMetric(config.name);
  if (existing) return existing as InstanceType<K>;
  return new kind({ ...config, registers: [registry] } as never) as InstanceType<K>;
}

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return metric(Counter, { name, help, labelNames }) as Counter<L>;
}

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  return metric(Gauge, { name, help, labelNames }) as Gauge<L>;
}

/** Latency buckets in seconds: from a cached read (5 ms) to the analyze deadline (60 s). */
const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 60];

export function histogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
  return metric(Histogram, { name, help, labelNames, buckets: SECONDS_BUCKETS }) as Histogram<L>;
}
