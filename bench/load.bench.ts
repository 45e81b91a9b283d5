/**
 * Bounded load test of the production build on loopback (prints one JSON document).
 *
 * The simulator (its own process, 300 work orders) answers every API call 50 ms late (a
 * permanent delay fault on /v0.2/); the app runs as deployed (`next start`, production build in
 * NEXT_DIST_DIR, default `.next-e2e`, built first if absent). 200 sessions are made by signing in
 * the demo supervisor through next-auth's credentials route, as the sign-in form does.
 *
 * 1. Baseline: one user searching back to back (GET /api/work-orders with varied queries), then
 *    one user walking the journey below back to back (what each kind of request costs alone).
 * 2. Load: 200 signed-in users, each on a kept-alive connection of its own
 *    (bench/virtual-users.ts), every user walking the same journey with the requests a browser
 *    sends for it (bench/navigation.ts, pinned by an e2e test): a search, opening the work
 *    order of its own task from the list (prefetch, navigation, then the reason codes and the
 *    photos the page shows, but what the user's tab still holds) and correcting that task
 *    (PATCH with If-Match and a fresh Idempotency-Key; each correcting user holds its own task,
 *    so no two race for one), the page then reading the work order's timeline again; back to
 *    the list (a navigation of the list page, whose server render searches); then another
 *    search, another work order opened, and back to the list. Each user pauses between actions
 *    BENCH_LOAD_THINK_SECONDS (default 5) on average, drawn from an exponential distribution, so
 *    the fleet's actions arrive spread out as independent people's do. The users' first phase
 *    (arrival: every session starting and every tab reading its first work order's tree, reason
 *    codes and photos within seconds of each other) is reported; the goals apply to the next
 *    one, the same users at work. The cores the app, the simulator and the load generator used
 *    in each are reported. When the goals are missed, capacity: the same pace with fewer users
 *    (halving from half, then one step back up) until one instance on this machine meets them.
 * 3. Saturation: the same 200 users with no pause at all, reported to show where one instance
 *    tops out; no goal applies.
 * 4. Scale-out (when Debian's PostgreSQL is installed): a throwaway PostgreSQL cluster and two
 *    instances sharing it; the arrival and load phases split over both (the goals again, on the
 *    deployment meant for many users) and its capacity search; then the saturation run against
 *    one of them, then split over both, so the throughput of two reads as a ratio to one on the
 *    same database.
 * Figures per request kind: count, throughput, p50/p95/p99 (ms), errors (status ≥ 400 or no
 * answer); the searches' percentiles as ratios to the baseline's. Then every correction is
 * checked against the upstream's timeline: none answered 200 and not applied (lost), none
 * applied twice (duplicated).
 *
 * Bounded: BENCH_LOAD_SECONDS (default 40) per phase; the app and the simulator are stopped at
 * the end, on failure too. BENCH_KEEP_LOGS=1 keeps the apps' and PostgreSQL's logs.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, run, type Guarded } from '../e2e/servers';
import {
  backToListNavigation,
  navigationRequest,
  photosOf,
  showsList,
  showsWorkOrder,
  taskVersionIn,
  type NavigationKind,
  type NavigationRequest,
} from './navigation';
import { signIn, startBenchApp } from './app-session';
import { findPostgresBin, startPostgres } from '../scripts/lib/postgres.mjs';
import { startCpuMeter, type CpuSource } from './process-cpu';
import { startSimulatorProcess } from './simulator-process';
import { runUsers, type Action, type Step } from './virtual-users';
import { percentile } from './timing';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Long enough for a user to walk a whole journey (six actions at the mean pause) in each phase. */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS || 40);
const USERS = Number(process.env.BENCH_LOAD_USERS || 200);
/** Mean pause of one user between two actions. */
const THINK_SECONDS = Number(process.env.BENCH_LOAD_THINK_SECONDS || 5);
const WORK_ORDERS = 300;
/** Work orders made for the correcting users, two Number tasks each: a task for every user. */
const CORRECTION_WORK_ORDERS = Math.ceil(USERS / 2);
const UPSTREAM_LATENCY_MS = 50;
const SEARCH_P95_GOAL_MS = 100;
/** How long a browser holds the reason codes and a photo it read (the page's and the image routes' freshness). */
const BROWSER_HOLDS_MS = 5 * 60_000;
/** The capacity search stops halving here (a handful of users says little about a fleet). */
const MIN_CAPACITY_USERS = 5;
const API_KEY = `bench-load-${randomBytes(8).toString('hex')}`;
const ADMIN_TOKEN = `bench-load-admin-${randomBytes(8).toString('hex')}`;
const PASSWORD = `bench-${randomBytes(8).toString('hex')}`;

// ---- per-kind samples -----------------------------------------------------------------

type Kind = 'search' | 'prefetch' | 'open' | 'photo' | 'reason_codes' | 'correction' | 'refresh' | 'list';
interface Samples {
  ms: number[];
  errors: number;
  statuses: Record<string, number>;
}

function summary(samples: Samples, seconds: number) {
  const sorted = [...samples.ms].sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, errors: samples.errors, statuses: samples.statuses };
  return {
    count: sorted.length,
    per_second: Number((sorted.length / seconds).toFixed(1)),
    p50_ms: percentile(sorted, 50),
    p95_ms: percentile(sorted, 95),
    p99_ms: percentile(sorted, 99),
    errors: samples.errors,
    statuses: samples.statuses,
  };
}

function countErrors(samples: Record<Kind, Samples>): number {
  return Object.values(samples).reduce((sum, kindSamples) => sum + kindSamples.errors, 0);
}

async function main() {
  const distDir = process.env.NEXT_DIST_DIR || '.next-e2e';
  if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    process.stderr.write(`load: no production build in ${distDir}, building it…\n`);
    const code = await run(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
    });
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'field-review-bench-load-'));
  const servers: Guarded[] = [];
  let stopSimulator: () => void = () => undefined;
  const stopAll = async () => {
    for (const server of servers) await server.stop().catch(() => undefined);
    stopSimulator();
  };
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));
  try {
    const simulator = await startSimulatorProcess({
      SIMULATOR_WORK_ORDERS: String(WORK_ORDERS),
      SIMULATOR_SEED: 'bench-load',
      SIMULATOR_API_KEYS: API_KEY,
      SIMULATOR_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    stopSimulator = simulator.stop;
    const output = await measure(simulator, distDir, dataDir, servers);
    console.log(JSON.stringify(output));
  } finally {
    await stopAll();
    // The apps' and PostgreSQL's logs, kept on request to look into errors.
    if (process.env.BENCH_KEEP_LOGS === '1') process.stderr.write(`load: logs kept in ${dataDir}\n`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure({ url: simulatorUrl, pid: simulatorPid }: { url: string; pid: number }, distDir: string, dataDir: string, servers: Guarded[]) {
  const admin = async <T>(method: string, adminPath: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${simulatorUrl}/__sim${adminPath}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator admin ${method} ${adminPath} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const upstream = async <T>(method: string, apiPath: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${simulatorUrl}/v0.2/${apiPath}`, {
      method,
      headers: { Authorization: `Token ${API_KEY}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator ${method} ${apiPath} → ${response.status}`);
    return (await response.json()) as T;
  };

  // ---- correction targets: fresh work orders whose two Number tasks are analysed ----
  const site = await admin<{ task_groups: { name: string; tasks: { id: string; name: string }[] }[] }>('GET', '/site');
  const group = site.task_groups.find((candidate) => candidate.name === 'mesure-optique')!;
  const numberTasks = group.tasks.filter((task) => task.name === 'attenuation_db' || task.name === 'puissance_recue_dbm');
  const targets: { workOrderId: string; taskId: string }[] = [];
  for (let i = 0; i < CORRECTION_WORK_ORDERS; i += 1) {
    const created = await upstream<{ id: string }>('POST', 'work-orders/', { name: `bench-load-${i}`, work_order_types: ['raccordement'] });
    await admin('POST', `/work-orders/${created.id}/analysis`, {
      task_group_name: 'mesure-optique',
      values: { attenuation_db: 20, puissance_recue_dbm: -15, ecran_lisible: true },
    });
    for (const task of numberTasks) targets.push({ workOrderId: created.id, taskId: task.id });
  }
  // From now on every upstream call takes 50 ms more, as a distant API would.
  await admin('POST', '/faults', { path: '^/v0\\.2/', delayMs: UPSTREAM_LATENCY_MS });

  // ---- the app, as deployed ----
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const app = await startBenchApp({ name: 'app', port, distDir, dataDir, simulatorUrl, apiKey: API_KEY, demoPassword: PASSWORD, servers });

  // ---- 200 signed-in users ----
  const signInStarted = performance.now();
  const signInUsers = async (base: string): Promise<string[]> => {
    const sessions: string[] = [];
    for (let i = 0; i < USERS; i += 4)
      sessions.push(...(await Promise.all(Array.from({ length: Math.min(4, USERS - i) }, () => signIn(base, PASSWORD)))));
    return sessions;
  };
  const cookies = await signInUsers(baseURL);
  const signInMs = performance.now() - signInStarted;

  // ---- the index is synced (the app syncs at start): the searches have rows to find ----
  type SearchPage = { total: number; rows: { id: string; fieldEngineerName: string | null; tags: string[] }[] };
  const search = async (query: string, base = baseURL, cookie = cookies[0]): Promise<SearchPage> => {
    const response = await fetch(`${base}/api/work-orders?${query}`, { headers: { Cookie: cookie } });
    if (!response.ok) throw new Error(`search → ${response.status}`);
    return (await response.json()) as SearchPage;
  };
  const syncDeadline = Date.now() + 180_000;
  while ((await search('review=all')).total < WORK_ORDERS) {
    if (Date.now() > syncDeadline) throw new Error('the index did not fill within 180 s');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const sample = await search('review=all&pageSize=200');
  const ids = sample.rows.map((row) => row.id);
  const words = [...new Set(sample.rows.map((row) => row.fieldEngineerName?.split(' ')[0]).filter((word): word is string => !!word))];
  const tags = [...new Set(sample.rows.flatMap((row) => row.tags))];
  const queries = [
    '',
    'review=all',
    'review=all&sort=-updateDate',
    'review=all&sort=name&page=2',
    'review=all&progressMin=50&progressMax=99',
    'review=reviewed',
    'corrected=yes&review=all',
    'conformity=no&review=all',
    ...words.slice(0, 6).map((word) => `review=all&q=${encodeURIComponent(word)}`),
    ...tags.slice(0, 6).map((tag) => `review=all&tag=${encodeURIComponent(tag)}`),
  ];
  let counter = 0;
  const next = <T>(items: readonly T[]) => items[counter++ % items.length];

  // ---- samples per kind, from each answer ----
  const fresh = (): Record<Kind, Samples> => ({
    search: { ms: [], errors: 0, statuses: {} },
    prefetch: { ms: [], errors: 0, statuses: {} },
    open: { ms: [], errors: 0, statuses: {} },
    photo: { ms: [], errors: 0, statuses: {} },
    reason_codes: { ms: [], errors: 0, statuses: {} },
    correction: { ms: [], errors: 0, statuses: {} },
    refresh: { ms: [], errors: 0, statuses: {} },
    list: { ms: [], errors: 0, statuses: {} },
  });
  /**
   * A step's `onResponse` notes the kind of request it was, and the answer is recorded right
   * after it, in the same turn: the kind the first noted is the one the second times.
   */
  let answered: Kind = 'search';
  const tag = (kind: Kind) => () => {
    answered = kind;
  };
  /**
   * A page streams: once its first bytes are sent its status is 200, and a failure after that
   * (the upstream refused, a timeout) arrives inside the payload as the error page. The step that
   * reads the payload says so here, and the answer counts as an error.
   */
  let failedInPayload = false;
  const recordTo = (samples: Record<Kind, Samples>) => (status: number, ms: number) => {
    const entry = samples[answered];
    entry.ms.push(ms);
    const key = status === 0 ? 'no answer' : failedInPayload ? `${status}, error page` : String(status);
    entry.statuses[key] = (entry.statuses[key] ?? 0) + 1;
    if (status === 0 || status >= 400 || failedInPayload) entry.errors += 1;
    failedInPayload = false;
  };
  /**
   * One phase: `users` signed-in users on each target (several instances share the fleet),
   * each walking the journey with its own session and pausing `thinkSeconds` between actions
   * on average; the cores each process used meanwhile.
   */
  const phase = async (
    targets: { base: string; users: number; sessions: string[] }[],
    thinkSeconds: number,
    cpu: Record<string, CpuSource>,
    journey: (base: string, session: string) => Action[] = journeyFor,
  ) => {
    const samples = fresh();
    freeEveryTarget();
    const meter = startCpuMeter(cpu);
    const started = performance.now();
    const results = await Promise.all(
      targets.map(({ base, users, sessions }) =>
        runUsers({
          url: base,
          users,
          journey: (user) => journey(base, sessions[user % sessions.length]),
          thinkSeconds,
          durationSeconds: SECONDS,
          timeoutSeconds: 30,
          onAnswer: recordTo(samples),
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuCores = meter.stop();
    const requests = results.reduce((sum, result) => sum + result.requests, 0);
    return {
      offered_actions_per_second:
        thinkSeconds > 0 ? Number((targets.reduce((sum, target) => sum + target.users, 0) / thinkSeconds).toFixed(1)) : null,
      requests,
      requests_per_second: Number((requests / seconds).toFixed(1)),
      errors: countErrors(samples),
      cpu_cores: cpuCores,
      by_kind: Object.fromEntries(Object.entries(samples).map(([kind, kindSamples]) => [kind, summary(kindSamples, seconds)])) as Record<
        Kind,
        ReturnType<typeof summary>
      >,
    };
  };

  const searchRequest = (sessions = cookies): Step => ({
    method: 'GET',
    setupRequest: (req) => ({ ...req, path: `/api/work-orders?${next(queries)}`, headers: { Cookie: next(sessions) } }),
    onResponse: tag('search'),
  });

  // ---- 2. load: 200 users walking the whole journey ----
  // Each correcting user takes a task of its own from here and gives it back once answered. A
  // phase that ends between the two keeps some: every phase starts from the full set again, so
  // no two users ever correct one task (which would rightly answer 412, version changed).
  const free = [...targets];
  const freeEveryTarget = () => free.splice(0, free.length, ...targets);
  const corrections: { value: number; target: { workOrderId: string; taskId: string }; status: number }[] = [];
  let valueCounter = 0;
  /** Corrections not sent because their work order did not open (no version to send). */
  let skippedCorrections = 0;
  // The requests that open each work order and go back to the list from it, made once (their
  // cache-busting hash is async).
  const navigations = new Map<string, Record<NavigationKind | 'back', NavigationRequest>>();
  for (const id of new Set([...ids, ...targets.map((target) => target.workOrderId)])) {
    const [prefetch_tree, prefetch_loading, open, back] = await Promise.all([
      ...(['prefetch_tree', 'prefetch_loading', 'open'] as const).map((kind) => navigationRequest(id, kind)),
      backToListNavigation(id),
    ]);
    navigations.set(id, { prefetch_tree, prefetch_loading, open, back });
  }
  /**
   * What a user's browser tab holds, as the browser would: the route's tree once one work order
   * was opened, and the reason codes and each photo for BROWSER_HOLDS_MS after it read them.
   */
  const tabs = new Map<string, { treeKnown: boolean; held: Map<string, number> }>();
  const tabOf = (base: string, session: string) => {
    const key = `${base} ${session}`;
    if (!tabs.has(key)) tabs.set(key, { treeKnown: false, held: new Map() });
    return tabs.get(key)!;
  };
  /** A GET the page sends once shown, unless the tab still holds its answer. */
  const unlessHeld = (tab: ReturnType<typeof tabOf>, sessions: string[], path: string, kind: Kind): Step => ({
    method: 'GET',
    setupRequest: (req) => {
      if (performance.now() - (tab.held.get(path) ?? -Infinity) < BROWSER_HOLDS_MS) return null;
      return { ...req, path, headers: { Cookie: next(sessions) } };
    },
    onResponse: (status) => {
      answered = kind;
      if (status === 200) tab.held.set(path, performance.now());
    },
  });
  /**
   * Opening a work order from the list, as the browser sends it (bench/navigation.ts): the
   * prefetch of the pointer resting on its link (with the route's tree the first time), the
   * client-side navigation, then what the page shows that the tab does not hold yet: the reason
   * codes and the photos. `pick` chooses the work order (and may note in the context what the
   * next steps need); `onOpened` reads the page.
   */
  const openRequests = (
    tab: ReturnType<typeof tabOf>,
    sessions: string[],
    pick: (context: Record<string, unknown>) => string,
    onOpened: (status: number, body: string, context: Record<string, unknown>) => void = () => undefined,
  ): Action => [
    {
      method: 'GET',
      setupRequest: (req, context) => {
        context.opened = pick(context);
        if (tab.treeKnown) return null;
        return { ...req, ...navigationTo(context.opened as string, 'prefetch_tree', sessions) };
      },
      onResponse: (status) => {
        answered = 'prefetch';
        tab.treeKnown = status === 200;
      },
    },
    {
      method: 'GET',
      setupRequest: (req, context) => ({ ...req, ...navigationTo(context.opened as string, 'prefetch_loading', sessions) }),
      onResponse: tag('prefetch'),
    },
    {
      method: 'GET',
      setupRequest: (req, context) => ({ ...req, ...navigationTo(context.opened as string, 'open', sessions) }),
      onResponse: (status, body, context) => {
        answered = 'open';
        failedInPayload = status === 200 && !showsWorkOrder(body, context.opened as string);
        onOpened(status, body, context);
        if (status !== 200 || failedInPayload) return [];
        return [
          unlessHeld(tab, sessions, '/api/reason-codes', 'reason_codes'),
          ...photosOf(body).map((photo) => unlessHeld(tab, sessions, photo, 'photo')),
        ];
      },
    },
  ];
  const navigationTo = (id: string, kind: NavigationKind | 'back', sessions: string[]) => {
    const request = navigations.get(id)![kind];
    return { path: request.path, headers: { ...request.headers, Cookie: next(sessions) } };
  };
  /** The page's link back to the list: a navigation of the list page, whose server render searches. */
  const backToList = (sessions: string[]): Action => [
    {
      method: 'GET',
      setupRequest: (req, context) => ({ ...req, ...navigationTo(context.opened as string, 'back', sessions) }),
      onResponse: (status, body) => {
        answered = 'list';
        failedInPayload = status === 200 && !showsList(body);
      },
    },
  ];
  /**
   * One user's walk through the app served at `base`, signed in with `session`, as the browser
   * sends it, action by action: searches; opens the work order of its own task from the list and
   * corrects that task with the version the page showed (PATCH with If-Match and a fresh
   * Idempotency-Key), after which the page reads the work order's timeline again (it gained the
   * correction); goes back to the list; searches again, opens another work order and goes back.
   * Seven actions, the correction early so that every phase has its share of them.
   */
  function journeyFor(base: string, session: string): Action[] {
    const sessions = [session];
    const tab = tabOf(base, session);
    return [
      [searchRequest(sessions)],
      openRequests(
        tab,
        sessions,
        (context) => {
          const target = free.pop() ?? next(targets);
          Object.assign(context, { target, cookie: session });
          return target.workOrderId;
        },
        (status, body, context) => {
          context.version = status === 200 ? (taskVersionIn(body, (context.target as { taskId: string }).taskId) ?? undefined) : undefined;
        },
      ),
      [
        {
          method: 'PATCH',
          setupRequest: (req, context) => {
            const target = context.target as { workOrderId: string; taskId: string };
            // The page failed to open: no version to send, so no correction either (counted
            // as skipped; the failed opening is the error).
            if (context.version === undefined) {
              free.unshift(target);
              skippedCorrections += 1;
              return null;
            }
            valueCounter += 1;
            context.value = 1_000_000 + valueCounter;
            return {
              ...req,
              path: `/api/work-orders/${target.workOrderId}/tasks/${target.taskId}/correction`,
              headers: {
                Cookie: context.cookie as string,
                Origin: base,
                'Content-Type': 'application/json',
                'Idempotency-Key': randomUUID(),
                'If-Match': `"${String(context.version)}"`,
              },
              body: JSON.stringify({ correctedValue: context.value, reason: 'ai_false_positive', comment: 'load test' }),
            };
          },
          onResponse: (status, _body, context) => {
            const target = context.target as { workOrderId: string; taskId: string };
            free.unshift(target);
            answered = 'correction';
            corrections.push({ value: context.value as number, target, status });
            // The page reads the timeline again once the correction is answered.
            return status === 200 ? [timelineRequest(target.workOrderId, session)] : [];
          },
        },
      ],
      backToList(sessions),
      [searchRequest(sessions)],
      openRequests(tab, sessions, () => next(ids)),
      backToList(sessions),
    ];
  }
  const timelineRequest = (workOrderId: string, session: string): Step => ({
    method: 'GET',
    path: `/api/work-orders/${workOrderId}/timeline`,
    headers: { Cookie: session },
    onResponse: tag('refresh'),
  });
  const actionsPerJourney = journeyFor(baseURL, cookies[0]).length;
  // Which process took the cores: the app, the simulator, the load generator (this process).
  const onPglite: Record<string, CpuSource> = { app: { trees: [app.pid] }, simulator: { pids: [simulatorPid] } };

  // ---- 1. baseline: one user, searches back to back ----
  const baseline = await phase([{ base: baseURL, users: 1, sessions: cookies }], 0, onPglite, (_base, session) => [[searchRequest([session])]]);
  // 1b. One user walking the journey back to back: what each kind of request costs alone, so
  // the loaded figures can be read as queueing (many users) or as work (one request).
  const solo = await phase([{ base: baseURL, users: 1, sessions: cookies }], 0, onPglite);

  // 2a. The goals: 200 users, each pausing THINK_SECONDS between actions on average (reading a
  // list, looking at photos). The pause is between a user's actions (a search, opening a work
  // order, a correction), not between the requests the browser sends for one.
  const idleSearchP50 = baseline.by_kind.search.p50_ms;
  // A saturated instance still works through its backlog after the load stops: start each run
  // only once every instance answers a search at about its idle speed again (bounded).
  const settle = async (bases: string[], cookie: string) => {
    const until = Date.now() + 60_000;
    for (const base of bases) {
      while (Date.now() < until) {
        const started = performance.now();
        await search('review=all', base, cookie);
        if (performance.now() - started < Math.max(50, 3 * (idleSearchP50 ?? 10))) break;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  };
  type PhaseSummary = Awaited<ReturnType<typeof phase>>;
  const meetsGoals = (result: PhaseSummary) =>
    result.errors === 0 && result.by_kind.search.p95_ms !== undefined && result.by_kind.search.p95_ms <= SEARCH_P95_GOAL_MS;
  // The users' first SECONDS: every session starts within a pause of the phase's start and
  // every tab opens its first work order (the route's tree, the reason codes, each photo).
  // Reported, no goal: that is a fleet starting its day in the same seconds, not the steady
  // pace of 200 users at work the goals are about, which the goal phase measures next, its
  // tabs holding what this one read.
  const everyone = [{ base: baseURL, users: USERS, sessions: cookies }];
  const arrival = await phase(everyone, THINK_SECONDS, onPglite);
  await settle([baseURL], cookies[0]);
  const load = await phase(everyone, THINK_SECONDS, onPglite);
  // Answers still on their way are waited for; give late PATCHes a moment to land all the same.
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  // 2b. Capacity, reported: the most users at the same pace and journey for which one instance
  // on this machine meets the goals (searches' p95, no error).
  /** One run of the capacity search, as reported. */
  const capacityRun = (users: number, result: PhaseSummary) => ({
    users,
    requests_per_second: result.requests_per_second,
    errors: result.errors,
    search_p50_ms: result.by_kind.search.p50_ms ?? null,
    search_p95_ms: result.by_kind.search.p95_ms ?? null,
    cpu_cores: result.cpu_cores,
    meets_goals: meetsGoals(result),
  });
  /**
   * When the goal phase (`atAllUsers`) misses the goals: `run` with half the users, halving until
   * they hold, then one step halfway back up. The runs, and the most users that met the goals.
   */
  const capacity = async (atAllUsers: PhaseSummary, run: (users: number) => Promise<PhaseSummary>) => {
    // What the app took at that load: about what each such share of users asks of a core.
    if (meetsGoals(atAllUsers)) return { users_within_goals: USERS, app_cores_at_capacity: atAllUsers.cpu_cores.app, runs: [] };
    const runs: ReturnType<typeof capacityRun>[] = [];
    const paced = async (users: number) => {
      runs.push(capacityRun(users, await run(users)));
      return runs[runs.length - 1];
    };
    let missed = USERS;
    for (let users = Math.floor(USERS / 2); users >= MIN_CAPACITY_USERS; users = Math.floor(users / 2)) {
      if ((await paced(users)).meets_goals) break;
      missed = users;
    }
    const met = runs.find((entry) => entry.meets_goals);
    if (met && missed - met.users > 1) await paced(Math.round((met.users + missed) / 2));
    const best = runs.filter((entry) => entry.meets_goals).sort((a, b) => b.users - a.users)[0];
    return { users_within_goals: best?.users ?? null, app_cores_at_capacity: best?.cpu_cores.app ?? null, runs };
  };
  const onePgliteCapacity = await capacity(load, async (users) => {
    await settle([baseURL], cookies[0]);
    return phase([{ base: baseURL, users, sessions: cookies.slice(0, users) }], THINK_SECONDS, onPglite);
  });

  // 2c. Saturation, reported, not a goal: the same 200 users with no pause at all, to show where
  // one instance on this machine tops out.
  await settle([baseURL], cookies[0]);
  const saturation = await phase(everyone, 0, onPglite);
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  // ---- 3. Scale-out: the saturation run on PostgreSQL against one instance, then split over two ----
  const scaleOut = await measureScaleOut();
  async function measureScaleOut() {
    const binDir = findPostgresBin();
    if (!binDir) return { skipped: "no PostgreSQL server on this machine (Debian's postgresql package)" };
    // The PGlite instance is done: its cores go to the two that follow.
    for (const server of servers.splice(0)) await server.stop();
    const postgres = await startPostgres({ binDir, logFile: path.join(dataDir, 'postgres.log') });
    const instances: Guarded[] = [];
    try {
      // What a deployment gives every instance alike: one database, one session secret.
      const shared = { DATABASE_URL: postgres.databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' };
      const bases = await Promise.all(
        ['a', 'b'].map(async (name) => {
          const instancePort = await freePort();
          await startBenchApp({
            name: `app-${name}`,
            port: instancePort,
            distDir,
            dataDir,
            simulatorUrl,
            apiKey: API_KEY,
            demoPassword: PASSWORD,
            env: shared,
            servers: instances,
          });
          return `http://127.0.0.1:${instancePort}`;
        }),
      );
      // A session made on one instance is valid on the other (same database and secret).
      const sessions = await signInUsers(bases[0]);
      const deadline = Date.now() + 180_000;
      while ((await search('review=all', bases[0], sessions[0])).total < WORK_ORDERS) {
        if (Date.now() > deadline) throw new Error('the PostgreSQL index did not fill within 180 s');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      /** One phase over the given instances, at the users' pace or with no pause (saturating). */
      const cpu: Record<string, CpuSource> = {
        app: { trees: instances.map((instance) => instance.pid) },
        simulator: { pids: [simulatorPid] },
        postgres: { trees: [postgres.pid] },
      };
      const runOn = async (targets: { base: string; users: number }[], thinkSeconds: number) => {
        await settle(bases, sessions[0]);
        const result = await phase(
          targets.map((target) => ({ ...target, sessions })),
          thinkSeconds,
          cpu,
        );
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        return result;
      };
      // The goal phase again, on the deployment the README gives for this many users: the same
      // 200 users at the same pace, half of them on each instance, after their arrival (new
      // sessions, so new tabs) as above.
      const halves = bases.map((base) => ({ base, users: Math.ceil(USERS / 2) }));
      const arrival = await runOn(halves, THINK_SECONDS);
      const load = await runOn(halves, THINK_SECONDS);
      // Capacity again, the users split over both instances: what a second process (and core) adds.
      const twoCapacity = await capacity(load, (users) =>
        runOn(
          bases.map((base, index) => ({ base, users: Math.ceil((users - index) / 2) })),
          THINK_SECONDS,
        ),
      );
      const one = await runOn([{ base: bases[0], users: USERS }], 0);
      const two = await runOn(halves, 0);
      return {
        database: 'postgresql',
        arrival_two_instances: arrival,
        load_two_instances: load,
        capacity_two_instances: twoCapacity,
        one_instance: one,
        two_instances: two,
        throughput_two_over_one: one.requests_per_second ? Number((two.requests_per_second / one.requests_per_second).toFixed(2)) : null,
      };
    } finally {
      for (const instance of instances) await instance.stop().catch(() => undefined);
      await postgres.stop();
    }
  }

  // ---- the upstream's record of the corrections ----
  const appliedCount = new Map<number, number>();
  for (const workOrderId of new Set(targets.map((target) => target.workOrderId))) {
    const events = await upstream<{ type: string; payload: { corrected_value?: unknown } }[]>('GET', `work-orders/${workOrderId}/timeline/`);
    for (const event of events.filter((candidate) => candidate.type === 'correction')) {
      const value = Number(event.payload.corrected_value);
      appliedCount.set(value, (appliedCount.get(value) ?? 0) + 1);
    }
  }
  const lost = corrections.filter((c) => c.status === 200 && (appliedCount.get(c.value) ?? 0) === 0).length;
  const duplicated = [...appliedCount.values()].filter((count) => count > 1).length;
  const answeredValues = new Set(corrections.map((c) => c.value));
  const appliedUnanswered = [...appliedCount.keys()].filter((value) => value > 1_000_000 && !answeredValues.has(value)).length;

  const base = baseline.by_kind.search;
  const loaded = load.by_kind;
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? Number((a / b).toFixed(2)) : null);
  return {
    users: USERS,
    seconds_per_phase: SECONDS,
    upstream_latency_ms: UPSTREAM_LATENCY_MS,
    work_orders: WORK_ORDERS,
    actions_per_journey: actionsPerJourney,
    sign_in: { sessions: cookies.length, ms_each: Number((signInMs / cookies.length).toFixed(1)) },
    baseline_one_user_search: { ...base, requests_per_second: baseline.requests_per_second, cpu_cores: baseline.cpu_cores },
    one_user_journey: solo,
    think_seconds: THINK_SECONDS,
    arrival,
    load,
    capacity: onePgliteCapacity,
    saturation,
    scale_out: scaleOut,
    search_ratio_to_baseline: {
      p50: ratio(loaded.search.p50_ms, base.p50_ms),
      p95: ratio(loaded.search.p95_ms, base.p95_ms),
      p99: ratio(loaded.search.p99_ms, base.p99_ms),
    },
    corrections: {
      answered: corrections.length,
      not_sent_page_failed: skippedCorrections,
      answered_200: corrections.filter((c) => c.status === 200).length,
      lost,
      duplicated,
      applied_unanswered: appliedUnanswered,
    },
    goals: { errors: 0, search_p95_ms: SEARCH_P95_GOAL_MS, lost: 0, duplicated: 0 },
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
