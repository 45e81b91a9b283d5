/**
 * Simulator throughput at 100k work orders: requests per second for retrieve and list,
 * reported with the ratio to a trivial endpoint (`/__sim/health`) measured in the same run.
 * The simulator runs in its own process (as in the demo); the load comes from this one,
 * over loopback, as a bounded number of requests with a fixed concurrency.
 *
 * Env: BENCH_WORK_ORDERS (100000), BENCH_REQUESTS (2000 per scenario), BENCH_CONCURRENCY (16).
 */
import { Agent, request } from 'node:http';
import { startSimulatorProcess } from './simulator-process';

const WORK_ORDERS = Number(process.env.BENCH_WORK_ORDERS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const API_KEY = 'bench-key';

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { Authorization: `Token ${API_KEY}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

interface Scenario {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  errors: number;
}

async function run(requests: number, next: (i: number) => string): Promise<Scenario> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < requests) {
      const i = issued;
      issued += 1;
      const t = performance.now();
      try {
        const { status } = await get(next(i));
        if (status !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 100) / 100;
  return { requests, seconds: Math.round(seconds * 1000) / 1000, rps: Math.round(requests / seconds), p50Ms: pick(0.5), p95Ms: pick(0.95), errors };
}

async function main(): Promise<void> {
  const simulator = await startSimulatorProcess({ SIMULATOR_WORK_ORDERS: String(WORK_ORDERS), SIMULATOR_API_KEYS: API_KEY });
  try {
    const api = `${simulator.url}/v0.2/`;
    // Ids spread over the whole site (first pages of both orderings and random pages).
    const ids: string[] = [];
    for (const page of [1, 7, 23, 51, 77, 99]) {
      const list = JSON.parse((await get(`${api}work-orders/?page_size=1000&page=${Math.min(page, Math.ceil(WORK_ORDERS / 1000))}`)).body.toString());
      ids.push(...list.results.map((w: { id: string }) => w.id));
    }
    const pages = Math.max(1, Math.floor(WORK_ORDERS / 100));
    // Warm-up: JIT and the list orderings' sort caches.
    await run(200, () => `${simulator.url}/__sim/health`);
    await run(
      50,
      (i) => `${api}work-orders/?ordering=${['-update_date', 'update_date', 'create_date', '-create_date'][i % 4]}&page=${1 + (i % pages)}`,
    );

    const baseline = await run(REQUESTS, () => `${simulator.url}/__sim/health`);
    // First reads build each work order from the seed; later reads hit the record cache.
    const firstRead = await run(Math.min(REQUESTS, ids.length), (i) => `${api}work-orders/${ids[i]}/`);
    const retrieve = await run(REQUESTS, (i) => `${api}work-orders/${ids[i % Math.min(REQUESTS, ids.length)]}/`);
    const retrieveLight = await run(REQUESTS, (i) => `${api}work-orders/${ids[i % Math.min(REQUESTS, ids.length)]}/?include_inputs=false`);
    const list = await run(REQUESTS, (i) => `${api}work-orders/?ordering=-update_date&page=${1 + ((i * 104729) % pages)}`);
    const listFiltered = await run(Math.max(100, REQUESTS / 10), (i) => `${api}work-orders/?updated_after=2000-01-01T00:00:00Z&page=${1 + (i % 50)}`);
    const list1000 = await run(
      Math.max(50, REQUESTS / 20),
      (i) => `${api}work-orders/?page_size=1000&page=${1 + (i % Math.max(1, Math.floor(WORK_ORDERS / 1000)))}`,
    );
    const ratio = (s: Scenario) => Math.round((s.rps / baseline.rps) * 1000) / 1000;
    console.log(
      JSON.stringify({
        workOrders: WORK_ORDERS,
        concurrency: CONCURRENCY,
        startupMs: simulator.startupMs,
        baseline: { endpoint: '/__sim/health', ...baseline },
        retrieveFirstRead: { ...firstRead, ratioToBaseline: ratio(firstRead) },
        retrieve: { ...retrieve, ratioToBaseline: ratio(retrieve) },
        retrieveWithoutInputs: { ...retrieveLight, ratioToBaseline: ratio(retrieveLight) },
        list: { pageSize: 100, ...list, ratioToBaseline: ratio(list) },
        listFilteredUpdatedAfter: { pageSize: 100, ...listFiltered, ratioToBaseline: ratio(listFiltered) },
        listPageSize1000: { pageSize: 1000, ...list1000, ratioToBaseline: ratio(list1000) },
      }),
    );
  } finally {
    simulator.stop();
    agent.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
