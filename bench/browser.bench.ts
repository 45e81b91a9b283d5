/**
 * What a supervisor's browser sees of the production build (prints one JSON document).
 *
 * The app runs as deployed (`next start`, production build in NEXT_DIST_DIR, default
 * `.next-e2e`, built first if absent) against the simulator in its own process with
 * BENCH_BROWSER_WORK_ORDERS (default 10,000) seeded work orders, once the index has synced them
 * all (GET /api/index/status). The demo supervisor signs in through next-auth's credentials
 * route, as the sign-in form does. One Chromium (/usr/bin/chromium, headless) serves both parts:
 *
 * 1. Lighthouse, default mobile profile (simulated slow 4G and a 4× slower CPU), the session
 *    cookie sent as an extra header: performance score, LCP, TBT, CLS, FCP, bytes transferred (all, and JavaScript alone),
 *    accessibility and best-practices scores; median of BENCH_LIGHTHOUSE_RUNS (default 3) runs
 *    per page.
 * 2. Timings in a 1440×900 window, median of BENCH_BROWSER_RUNS (default 5), each in a fresh
 *    browser context (empty cache, as a first visit): the list's first data row visible after
 *    navigation, typing a work order's full name into the list's search box until that row
 *    alone is shown (from the first keystroke), and the work-order page's LCP
 *    (PerformanceObserver). Times are read in the page (`performance.now()`, from navigation
 *    start), so the benchmark's own polling does not add to them.
 *
 * 3. The main thread of one load of the list and of the work-order page in a phone-sized window
 *    with the CPU 4× slower (as Lighthouse's mobile profile), from a Chromium trace: time by kind
 *    of work and script time by file (bench/main-thread-profile.ts), BENCH_PROFILE_RUNS (default 3).
 *
 * Pages: /sign-in (the baseline, signed out: framework, MUI and the form alone), /work-orders,
 * /work-orders/[id] (a seeded work order of ~30 tasks with photos), /overview. Every figure
 * that compares across machines is also given as a ratio to the sign-in page's in this run.
 * First-load JavaScript per page is bench/bundle.bench.ts's business, not repeated here.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { freePort, run, type Guarded } from '../e2e/servers';
import { signIn, startBenchApp } from './app-session';
import { recordLoadTrace, summarizeMainThread, type MainThreadSummary } from './main-thread-profile';
import { startSimulatorProcess } from './simulator-process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK_ORDERS = Number(process.env.BENCH_BROWSER_WORK_ORDERS || 10_000);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS || 3);
const BROWSER_RUNS = Number(process.env.BENCH_BROWSER_RUNS || 5);
const PROFILE_RUNS = Number(process.env.BENCH_PROFILE_RUNS || 3);
/** Lighthouse's mobile profile: its CPU slowdown and its phone's viewport. */
const PROFILE_CPU_SLOWDOWN = 4;
const PROFILE_VIEWPORT = { width: 412, height: 823 };
/** The work order opened: as close to this many tasks as the first seeded ones offer. */
const WANTED_TASKS = 30;
const API_KEY = `bench-browser-${randomBytes(8).toString('hex')}`;
const ADMIN_TOKEN = `bench-browser-admin-${randomBytes(8).toString('hex')}`;
const PASSWORD = `bench-${randomBytes(8).toString('hex')}`;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--headless=new',
];
/** Bounds every wait in a page: a run that cannot finish fails instead of hanging. */
const PAGE_TIMEOUT_MS = 60_000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value: number, digits = 0) => Number(value.toFixed(digits));
const ratio = (value: number, base: number) => (base ? round(value / base, 2) : null);

interface SimWorkOrder {
  id: string;
  name: string;
  tasks: unknown[];
  inputs?: unknown[];
}

async function main() {
  const distDir = process.env.NEXT_DIST_DIR || '.next-e2e';
  if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    process.stderr.write(`browser: no production build in ${distDir}, building it…\n`);
    const code = await run(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
    });
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'field-review-bench-browser-'));
  const servers: Guarded[] = [];
  let stopSimulator: () => void = () => undefined;
  let browser: Browser | undefined;
  const stopAll = async () => {
    await browser?.close().catch(() => undefined);
    for (const server of servers) await server.stop().catch(() => undefined);
    stopSimulator();
  };
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));
  try {
    const simulator = await startSimulatorProcess({
      SIMULATOR_WORK_ORDERS: String(WORK_ORDERS),
      SIMULATOR_SEED: 'bench-browser',
      SIMULATOR_API_KEYS: API_KEY,
      SIMULATOR_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    stopSimulator = simulator.stop;
    const debuggingPort = await freePort();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_FLAGS, `--remote-debugging-port=${debuggingPort}`],
    });
    const output = await measure(simulator.url, distDir, dataDir, servers, browser, debuggingPort);
    console.log(JSON.stringify(output));
  } finally {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(simulatorUrl: string, distDir: string, dataDir: string, servers: Guarded[], browser: Browser, debuggingPort: number) {
  const upstream = async <T>(apiPath: string): Promise<T> => {
    const response = await fetch(`${simulatorUrl}/v0.2/${apiPath}`, { headers: { Authorization: `Token ${API_KEY}` } });
    if (!response.ok) throw new Error(`simulator GET ${apiPath} → ${response.status}`);
    return (await response.json()) as T;
  };

  // ---- the app, as deployed ----
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  await startBenchApp({ name: 'app', port, distDir, dataDir, simulatorUrl, apiKey: API_KEY, demoPassword: PASSWORD, servers });

  const session = await signIn(baseURL, PASSWORD);
  const appGet = async <T>(appPath: string): Promise<T> => {
    const response = await fetch(`${baseURL}${appPath}`, { headers: { Cookie: session } });
    if (!response.ok) throw new Error(`GET ${appPath} → ${response.status}`);
    return (await response.json()) as T;
  };

  // ---- every seeded work order indexed (the app syncs at start) ----
  const syncStarted = Date.now();
  const syncDeadline = syncStarted + 10 * 60_000;
  for (;;) {
    const status = await appGet<{ total: number; jobs: { job: string; running: boolean; lastSuccessAt: string | null }[] }>('/api/index/status');
    const full = status.jobs.find((job) => job.job === 'full');
    if (status.total >= WORK_ORDERS && full?.lastSuccessAt && !full.running) break;
    if (Date.now() > syncDeadline) throw new Error(`the index held ${status.total} of ${WORK_ORDERS} work orders after 10 min`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  const syncSeconds = round((Date.now() - syncStarted) / 1000, 1);
  process.stderr.write(`browser: ${WORK_ORDERS} work orders indexed in ${syncSeconds} s\n`);

  // ---- the work order opened: ~30 tasks, the most photos, found alone by its name in the list's default view ----
  const list = await upstream<{ results: { id: string }[] }>('work-orders/?page_size=100&page=1&ordering=-create_date');
  const candidates: SimWorkOrder[] = [];
  for (const { id } of list.results) candidates.push(await upstream<SimWorkOrder>(`work-orders/${id}/`));
  candidates.sort(
    (a, b) => Math.abs(a.tasks.length - WANTED_TASKS) - Math.abs(b.tasks.length - WANTED_TASKS) || (b.inputs?.length ?? 0) - (a.inputs?.length ?? 0),
  );
  let chosen: SimWorkOrder | undefined;
  for (const candidate of candidates) {
    const found = await appGet<{ total: number }>(`/api/work-orders?q=${encodeURIComponent(candidate.name)}`);
    if (found.total === 1 && (candidate.inputs?.length ?? 0) > 0) {
      chosen = candidate;
      break;
    }
  }
  if (!chosen) throw new Error('no seeded work order with photos is found alone by its name in the default list');
  const workOrder = chosen;
  const workOrderPath = `/work-orders/${workOrder.id}`;
  const pages = { '/sign-in': '/sign-in', '/work-orders': '/work-orders', '/work-orders/[id]': workOrderPath, '/overview': '/overview' };

  // Each page once, unmeasured: the server's first render of a route is not what users wait for.
  for (const [route, pagePath] of Object.entries(pages)) {
    const response = await fetch(`${baseURL}${pagePath}`, { headers: route === '/sign-in' ? {} : { Cookie: session } });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`warm-up GET ${pagePath} → ${response.status}`);
  }

  // ---- 1. Lighthouse, mobile ----
  const lighthouseFigures: Record<string, ReturnType<typeof lighthouseMedian>> = {};
  // Lighthouse sometimes loses its own trace of a load (NO_NAVSTART, "run Lighthouse again"):
  // such a run is made once more, and counted here, so a rerun is never hidden.
  const lighthouseReruns: string[] = [];
  for (const [route, pagePath] of Object.entries(pages)) {
    const runs: LighthouseRun[] = [];
    for (let i = 0; i < LIGHTHOUSE_RUNS; i += 1) {
      const once = () => lighthouseRun(`${baseURL}${pagePath}`, debuggingPort, route === '/sign-in' ? undefined : session);
      runs.push(
        await once().catch((error: Error) => {
          if (!/NO_NAVSTART|NO_FCP|NO_LCP/.test(error.message)) throw error;
          lighthouseReruns.push(`${route}: ${/NO_[A-Z_]+/.exec(error.message)?.[0]}`);
          return once();
        }),
      );
    }
    lighthouseFigures[route] = lighthouseMedian(runs);
    process.stderr.write(`browser: lighthouse ${route} ${JSON.stringify(lighthouseFigures[route])}\n`);
  }
  const lighthouseBase = lighthouseFigures['/sign-in'];
  const lighthouseRatios = Object.fromEntries(
    Object.entries(lighthouseFigures)
      .filter(([route]) => route !== '/sign-in')
      .map(([route, figures]) => [
        route,
        {
          lcp: ratio(figures.lcp_ms, lighthouseBase.lcp_ms),
          fcp: ratio(figures.fcp_ms, lighthouseBase.fcp_ms),
          tbt: ratio(figures.tbt_ms, lighthouseBase.tbt_ms),
          bytes: ratio(figures.bytes, lighthouseBase.bytes),
          script_bytes: ratio(figures.script_bytes, lighthouseBase.script_bytes),
        },
      ]),
  );

  // ---- 2. desktop timings ----
  const cookie = parseCookie(session, baseURL);
  const sample = async (signedIn: boolean, measureOne: (page: Page) => Promise<number>) => {
    const values: number[] = [];
    for (let i = 0; i < BROWSER_RUNS; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL });
      try {
        if (signedIn) await context.addCookies([cookie]);
        const page = await context.newPage();
        page.setDefaultTimeout(PAGE_TIMEOUT_MS);
        await page.addInitScript(observeLcp);
        values.push(await measureOne(page));
      } finally {
        await context.close();
      }
    }
    return { median_ms: round(median(values)), runs_ms: values.map((value) => round(value)) };
  };

  // Baselines: the sign-in form visible, and the sign-in page's LCP.
  const signInVisible = await sample(false, async (page) => {
    await page.goto('/sign-in', { waitUntil: 'commit' });
    return visibleAt(page, 'input[type="password"]');
  });
  const signInLcp = await sample(false, async (page) => {
    await page.goto('/sign-in', { waitUntil: 'load' });
    return settledLcp(page);
  });
  const rowsVisible = await sample(true, async (page) => {
    await page.goto('/work-orders', { waitUntil: 'commit' });
    return visibleAt(page, 'tbody tr[data-id]');
  });
  // The same, from the last keystroke: without the typing itself, what the search costs (the
  // search box waits for a pause in typing before it asks, so that pause is in both).
  const afterLastKey: number[] = [];
  const typeToResult = await sample(true, async (page) => {
    await page.goto('/work-orders', { waitUntil: 'commit' });
    await visibleAt(page, 'tbody tr[data-id]');
    const box = page.getByRole('searchbox');
    await box.click();
    await page.evaluate(() => {
      const w = window as unknown as { __firstKey?: number; __lastKey?: number };
      delete w.__firstKey;
      delete w.__lastKey;
      document.addEventListener(
        'keydown',
        () => {
          w.__firstKey ??= performance.now();
          w.__lastKey = performance.now();
        },
        { capture: true },
      );
    });
    await box.pressSequentially(workOrder.name);
    const shownAt = await page
      .waitForFunction(
        (name) => {
          const rows = [...document.querySelectorAll('tbody tr[data-id]')];
          const shown = rows.length === 1 && rows[0].textContent?.includes(name) && rows[0].getBoundingClientRect().height > 0;
          return shown ? performance.now() : false;
        },
        workOrder.name,
        { polling: 'raf', timeout: PAGE_TIMEOUT_MS },
      )
      .then((handle) => handle.jsonValue() as Promise<number>);
    const keys = await page.evaluate(() => {
      const w = window as unknown as { __firstKey?: number; __lastKey?: number };
      return { __firstKey: w.__firstKey, __lastKey: w.__lastKey };
    });
    if (keys.__firstKey === undefined || keys.__lastKey === undefined) throw new Error('the keystrokes were not seen');
    afterLastKey.push(shownAt - keys.__lastKey);
    return shownAt - keys.__firstKey;
  });
  const workOrderLcp = await sample(true, async (page) => {
    await page.goto(workOrderPath, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: workOrder.name }).waitFor();
    return settledLcp(page);
  });

  // ---- 3. the main thread of a load, CPU slowed down as in Lighthouse's mobile profile ----
  const mainThread: Record<string, MainThreadSummary & { runs_busy_ms: number[] }> = {};
  for (const [route, pagePath] of [
    ['/work-orders', '/work-orders'],
    ['/work-orders/[id]', workOrderPath],
  ]) {
    const summaries: MainThreadSummary[] = [];
    for (let i = 0; i < PROFILE_RUNS; i += 1) {
      const context = await browser.newContext({ viewport: PROFILE_VIEWPORT, baseURL });
      try {
        await context.addCookies([cookie]);
        await context.addInitScript(markHydration);
        const events = await recordLoadTrace(context, `${baseURL}${pagePath}`, PROFILE_CPU_SLOWDOWN, async (page) => {
          await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', undefined, { timeout: PAGE_TIMEOUT_MS });
          await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
        });
        summaries.push(summarizeMainThread(events));
      } finally {
        await context.close();
      }
    }
    // The run whose busy time is the median, whole (its figures belong together).
    const middle = [...summaries].sort((a, b) => a.busy_ms - b.busy_ms)[Math.floor(summaries.length / 2)];
    mainThread[route] = { ...middle, runs_busy_ms: summaries.map((summary) => summary.busy_ms) };
    process.stderr.write(`browser: main thread ${route} ${JSON.stringify(mainThread[route])}\n`);
  }

  return {
    work_orders: WORK_ORDERS,
    index_sync_seconds: syncSeconds,
    work_order_opened: { tasks: workOrder.tasks.length, photos: workOrder.inputs?.length ?? 0 },
    lighthouse: {
      profile: 'mobile (Lighthouse default: simulated slow 4G, 4× CPU slowdown)',
      runs_per_page: LIGHTHOUSE_RUNS,
      reruns: lighthouseReruns,
      pages: lighthouseFigures,
      ratios_to_sign_in: lighthouseRatios,
    },
    desktop: {
      viewport: '1440x900',
      runs: BROWSER_RUNS,
      baseline_sign_in_form_visible: signInVisible,
      baseline_sign_in_lcp: signInLcp,
      list_rows_visible: { ...rowsVisible, ratio_to_sign_in_form: ratio(rowsVisible.median_ms, signInVisible.median_ms) },
      type_to_result: {
        ...typeToResult,
        ratio_to_sign_in_form: ratio(typeToResult.median_ms, signInVisible.median_ms),
        characters_typed: workOrder.name.length,
        after_last_keystroke_median_ms: round(median(afterLastKey)),
      },
      work_order_lcp: { ...workOrderLcp, ratio_to_sign_in_lcp: ratio(workOrderLcp.median_ms, signInLcp.median_ms) },
    },
    main_thread: {
      profile: `one load in a ${PROFILE_VIEWPORT.width}×${PROFILE_VIEWPORT.height} window, CPU ${PROFILE_CPU_SLOWDOWN}× slower, until hydrated and the network quiet; the median of ${PROFILE_RUNS} runs by busy time`,
      pages: mainThread,
    },
    first_load_js: 'bench/bundle.bench.ts (npm run bench -- bundle)',
    goals: {
      lighthouse_performance_min: { '/work-orders': 90, '/work-orders/[id]': 90, '/overview': 90 },
      list_rows_visible_ms: 800,
      type_to_result_ms: 300,
      work_order_lcp_ms: 1000,
    },
  };
}

function parseCookie(session: string, baseURL: string) {
  const separator = session.indexOf('=');
  return { name: session.slice(0, separator), value: session.slice(separator + 1), url: baseURL };
}

// ---- Lighthouse ----

interface LighthouseRun {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcp: number;
  tbt: number;
  cls: number;
  fcp: number;
  bytes: number;
  scriptBytes: number;
  failedAccessibility: string[];
  failedBestPractices: string[];
}

/** One Lighthouse run in a plain Node process (bench/lighthouse-page.mjs says why), bounded. */
async function lighthouseRun(url: string, port: number, cookie: string | undefined): Promise<LighthouseRun> {
  const { stdout, code, stderr } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bench', 'lighthouse-page.mjs'), url, String(port)], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(cookie ?? '');
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 3 * 60_000);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ stdout: out, stderr: err, code: exitCode });
    });
  });
  const line = stdout.trim().split('\n').at(-1);
  if (code !== 0 || !line) throw new Error(`lighthouse ${url} failed (exit ${code}): ${stderr.slice(-2000)}`);
  return JSON.parse(line) as LighthouseRun;
}

/** The median of each figure over the runs (each figure on its own, as Lighthouse's docs advise). */
function lighthouseMedian(runs: LighthouseRun[]) {
  const of = (key: 'performance' | 'accessibility' | 'bestPractices' | 'lcp' | 'tbt' | 'cls' | 'fcp' | 'bytes' | 'scriptBytes') =>
    median(runs.map((r) => r[key]));
  return {
    performance: of('performance'),
    accessibility: of('accessibility'),
    best_practices: of('bestPractices'),
    lcp_ms: round(of('lcp')),
    tbt_ms: round(of('tbt')),
    cls: round(of('cls'), 3),
    fcp_ms: round(of('fcp')),
    bytes: round(of('bytes')),
    script_bytes: round(of('scriptBytes')),
    performance_runs: runs.map((r) => r.performance),
    failed_accessibility_audits: [...new Set(runs.flatMap((r) => r.failedAccessibility))],
    failed_best_practices_audits: [...new Set(runs.flatMap((r) => r.failedBestPractices))],
  };
}

// ---- in-page timings ----

/** Installed before any page script: keeps the latest largest-contentful-paint candidate. */
function observeLcp() {
  const w = window as unknown as { __lcp?: number };
  new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) w.__lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

/** When (ms from navigation start) the first element matching `selector` was on screen. */
async function visibleAt(page: Page, selector: string): Promise<number> {
  const handle = await page.waitForFunction(
    (css) => {
      const element = document.querySelector(css);
      if (!element) return false;
      const box = element.getBoundingClientRect();
      return box.height > 0 && box.top < window.innerHeight ? performance.now() : false;
    },
    selector,
    { polling: 'raf', timeout: PAGE_TIMEOUT_MS },
  );
  return (await handle.jsonValue()) as number;
}

/** Installed before any page script: a user-timing mark `hydrated` once React has hydrated the page. */
function markHydration() {
  // Observed from the document: an init script runs before `<html>` may exist.
  new MutationObserver((_changes, observer) => {
    if (document.documentElement.dataset.hydrated !== 'true') return;
    performance.mark('hydrated');
    observer.disconnect();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] });
}

/** The page's LCP once the network is quiet (photos loaded), bounded. */
async function settledLcp(page: Page): Promise<number> {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  const lcp = await page.evaluate(() => (window as unknown as { __lcp?: number }).__lcp);
  if (lcp === undefined) throw new Error(`no largest-contentful-paint entry on ${page.url()}`);
  return lcp;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
