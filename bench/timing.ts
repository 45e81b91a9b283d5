/** Latency sampling shared by the benchmarks: warm up, time `runs` calls, report p50/p95/mean in ms. */
export interface Latency {
  p50: number;
  p95: number;
  mean: number;
}

export function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Number(sorted[Math.max(0, index)].toFixed(2));
}

export async function measureLatency(fn: () => Promise<unknown>, { warmup, runs }: { warmup: number; runs: number }): Promise<Latency> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), mean: Number(mean.toFixed(2)) };
}
