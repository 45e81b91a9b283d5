/**
 * Where the production server's CPU goes, per request kind of the load benchmark's journey
 * (not a benchmark: prints a summary, no goal). Run: `npx tsx bench/cpu-profile.ts [outDir]`.
 *
 * The simulator and `next start` (build in NEXT_DIST_DIR, default `.next-e2e`) are started as
 * in bench/load.bench.ts, the app with `--cpu-prof`. Signed-in users then send each kind of
 * request in its own phase (PROFILE_REQUESTS of them, 4 at a time so the CPU stays busy); once
 * the app has stopped and written its profile, the samples of each phase are summed: CPU ms per
 * request and the functions with the most self time, also grouped by package.
 *
 * The kinds: the browser's requests to open a work order from the list (its two prefetches and
 * the client-side navigation, bench/navigation.ts), a photo and the reason codes the page reads;
 * the navigation back to the list (its server render searches); a search; a correction
 * (the PATCH alone, with the version the previous correction of the task answered) and the
 * timeline the page reads again after it; and, for
 * comparison, the work order's JSON and its page as a full HTML load (a reload, a new tab).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startApp, type Guarded } from '../e2e/servers';
import { signIn } from './app-session';
import { backToListNavigation, firstPhotoOf, navigationRequest, type NavigationKind } from './navigation';
import { startSimulatorProcess } from './simulator-process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REQUESTS = Number(process.env.PROFILE_REQUESTS || 200);
const CONCURRENCY = 4;
const API_KEY = `bench-profile-${randomBytes(8).toString('hex')}`;
const ADMIN_TOKEN = `bench-profile-admin-${randomBytes(8).toString('hex')}`;
const PASSWORD = `bench-${randomBytes(8).toString('hex')}`;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The monotonic clock in µs, the one V8's profile timestamps count on. */
const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

async function main() {
  const outDir = path.resolve(process.argv[2] || mkdtempSync(path.join(tmpdir(), 'field-review-profile-')));
  mkdirSync(outDir, { recursive: true });
  const startedAt = Date.now();
  const distDir = process.env.NEXT_DIST_DIR || '.next-e2e';
  if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) throw new Error(`no production build in ${distDir}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'field-review-profile-data-'));
  const servers: Guarded[] = [];
  const simulator = await startSimulatorProcess({
    SIMULATOR_WORK_ORDERS: '300',
    SIMULATOR_SEED: 'bench-load',
    SIMULATOR_API_KEYS: API_KEY,
    SIMULATOR_ADMIN_TOKEN: ADMIN_TOKEN,
  });
  const phases: { kind: string; start: number; end: number; count: number; errors: number }[] = [];
  try {
    const sim = (method: string, p: string, body?: unknown, admin = false) =>
      fetch(`${simulator.url}${admin ? '/__sim' : '/v0.2/'}${p}`, {
        method,
        headers: { Authorization: admin ? `Bearer ${ADMIN_TOKEN}` : `Token ${API_KEY}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (r) => {
        if (!r.ok) throw new Error(`simulator ${method} ${p} → ${r.status}`);
        const text = await r.text();
        return text ? JSON.parse(text) : undefined;
      });
    const site = await sim('GET', '/site', undefined, true);
    const group = site.task_groups.find((g: { name: string }) => g.name === 'mesure-optique');
    const numberTasks = group.tasks.filter((t: { name: string }) => t.name === 'attenuation_db' || t.name === 'puissance_recue_dbm');
    const targets: { workOrderId: string; taskId: string }[] = [];
    for (let i = 0; i < 10; i += 1) {
      const created = await sim('POST', 'work-orders/', { name: `bench-profile-${i}`, work_order_types: ['raccordement'] });
      await sim(
        'POST',
        `/work-orders/${created.id}/analysis`,
        { task_group_name: 'mesure-optique', values: { attenuation_db: 20, puissance_recue_dbm: -15, ecran_lisible: true } },
        true,
      );
      for (const task of numberTasks) targets.push({ workOrderId: created.id, taskId: task.id });
    }
    await sim('POST', '/faults', { path: '^/v0\\.2/', delayMs: 50 }, true);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // As startBenchApp does, but through `node --cpu-prof` (not allowed in NODE_OPTIONS).
    await startApp({
      command: process.execPath,
      args: [
        '--cpu-prof',
        `--cpu-prof-dir=${outDir}`,
        '--cpu-prof-interval=250',
        path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'),
        'start',
        '--keepAliveTimeout',
        '65000',
      ],
      name: 'app',
      logFile: path.join(dataDir, 'app.log'),
      root,
      port,
      distDir,
      dataDir: path.join(dataDir, 'data-app'),
      demoPassword: PASSWORD,
      apiUrl: `${simulator.url}/v0.2/`,
      canary: API_KEY,
      env: { LOG_LEVEL: 'warn' },
      servers,
    });
    const cookies: string[] = [];
    for (let i = 0; i < 8; i += 1) cookies.push(await signIn(base, PASSWORD));
    let n = 0;
    const cookie = () => cookies[n++ % cookies.length];
    const get = async (p: string) => {
      const r = await fetch(`${base}${p}`, { headers: { Cookie: cookie() } });
      const text = await r.text();
      return { status: r.status, text };
    };
    const deadline = Date.now() + 180_000;
    while ((JSON.parse((await get('/api/work-orders?review=all')).text) as { total: number }).total < 300) {
      if (Date.now() > deadline) throw new Error('index did not fill');
      await new Promise((r) => setTimeout(r, 1000));
    }
    const ids = (JSON.parse((await get('/api/work-orders?review=all&pageSize=200')).text) as { rows: { id: string }[] }).rows.map((r) => r.id);
    const queries = ['', 'review=all', 'review=all&sort=-updateDate', 'review=all&sort=name&page=2', 'conformity=no&review=all', 'review=reviewed'];

    const navigate = async (i: number, kind: NavigationKind | 'back') => {
      const id = ids[i % ids.length];
      const request = kind === 'back' ? await backToListNavigation(id) : await navigationRequest(id, kind);
      const r = await fetch(`${base}${request.path}`, { headers: { ...request.headers, Cookie: cookie() }, redirect: 'manual' });
      await r.text();
      return r.status === 200 ? 200 : 400 + r.status;
    };
    // The first photo of each work order, as the page shows it (the browser then asks for it).
    const photos: string[] = [];
    for (const id of ids.slice(0, 40)) {
      const request = await navigationRequest(id, 'open');
      const photo = firstPhotoOf(await (await fetch(`${base}${request.path}`, { headers: { ...request.headers, Cookie: cookie() } })).text());
      if (photo) photos.push(photo);
    }
    if (photos.length === 0) throw new Error('no photo in the opened work orders');
    // The version each correction sends is the one the last correction of its task answered
    // (as the page does), so a correction phase times the PATCHes alone.
    const versions = new Map<string, string>();
    const versionKey = (t: { workOrderId: string; taskId: string }) => `${t.workOrderId}/${t.taskId}`;
    for (const target of targets) {
      const page = (await (await fetch(`${base}/api/work-orders/${target.workOrderId}`, { headers: { Cookie: cookie() } })).json()) as {
        workOrder: { taskGroups: { tasks: { id: string; version: string }[] }[] };
      };
      const version = page.workOrder.taskGroups.flatMap((g) => g.tasks).find((t) => t.id === target.taskId)?.version;
      if (version) versions.set(versionKey(target), version);
    }
    const kinds: Record<string, (i: number) => Promise<number>> = {
      prefetch_tree: (i) => navigate(i, 'prefetch_tree'),
      prefetch_loading: (i) => navigate(i, 'prefetch_loading'),
      open: (i) => navigate(i, 'open'),
      list: (i) => navigate(i, 'back'),
      reason_codes: async () => (await get('/api/reason-codes')).status,
      search: async (i) => (await get(`/api/work-orders?${queries[i % queries.length]}`)).status,
      open_api: async (i) => (await get(`/api/work-orders/${ids[i % ids.length]}`)).status,
      open_page: async (i) => (await get(`/work-orders/${ids[i % ids.length]}`)).status,
      photo: async (i) => (await get(photos[i % photos.length])).status,
      timeline: async (i) => (await get(`/api/work-orders/${ids[i % ids.length]}/timeline`)).status,
      correction: async (i) => {
        const target = targets[i % targets.length];
        const r = await fetch(`${base}/api/work-orders/${target.workOrderId}/tasks/${target.taskId}/correction`, {
          method: 'PATCH',
          headers: {
            Cookie: cookie(),
            Origin: base,
            'Content-Type': 'application/json',
            'Idempotency-Key': randomUUID(),
            'If-Match': `"${versions.get(versionKey(target))}"`,
          },
          body: JSON.stringify({ correctedValue: 1000 + i, reason: 'ai_false_positive', comment: 'profile' }),
        });
        const answer = (await r.json()) as { task?: { version: string } };
        if (answer.task) versions.set(versionKey(target), answer.task.version);
        return r.status;
      },
    };
    for (const [kind, send] of Object.entries(kinds)) {
      for (let i = 0; i < 10; i += 1) await send(i); // warm-up, outside the phase
      await new Promise((r) => setTimeout(r, 500));
      const phase = { kind, start: nowMicros(), end: 0, count: 0, errors: 0 };
      // Corrections of one task run one after the other (each needs the version the last one made).
      const concurrency = kind === 'correction' ? Math.min(CONCURRENCY, targets.length) : CONCURRENCY;
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async (_, lane) => {
          while (next < REQUESTS) {
            const i = kind === 'correction' ? lane + targets.length * next++ : next++;
            const status = await send(i);
            phase.count += 1;
            if (status >= 400) phase.errors += 1;
          }
        }),
      );
      phase.end = nowMicros();
      phases.push(phase);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    for (const server of servers) await server.stop().catch(() => undefined);
    simulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  // The app's profile is the largest one this run wrote (the guard process writes a tiny one
  // too; an earlier run's profiles in the same directory are not this run's).
  const files = readdirSync(outDir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(outDir, f))
    .filter((f) => statSync(f).mtimeMs >= startedAt)
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (files.length === 0) throw new Error(`no profile written in ${outDir}`);
  const profile = JSON.parse(readFileSync(files[0], 'utf8')) as CpuProfile;
  console.log(JSON.stringify({ profile: files[0], phases: phases.map((p) => summarise(profile, p)) }, null, 1));
}

/** Self time per function and per package, and CPU per request, of the samples inside `phase`. */
function summarise(profile: CpuProfile, phase: { kind: string; start: number; end: number; count: number; errors: number }) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByFunction = new Map<string, number>();
  const selfByPackage = new Map<string, number>();
  let time = profile.startTime;
  let busy = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    time += profile.timeDeltas[i];
    if (time < phase.start || time > phase.end) continue;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    const { functionName, url, lineNumber } = byId.get(profile.samples[i])!.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') {
      if (functionName === '(idle)') idle += delta;
      else busy += delta;
      if (functionName === '(idle)') continue;
    } else busy += delta;
    const file = url.replace(/^file:\/\//, '').replace(root, '');
    const key = `${functionName || '(anonymous)'} ${file ? `${file.split('/').slice(-2).join('/')}:${lineNumber + 1}` : ''}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + delta);
    selfByPackage.set(packageOf(file, functionName), (selfByPackage.get(packageOf(file, functionName)) ?? 0) + delta);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([name, micros]) =>
          `${(micros / 1000 / phase.count).toFixed(2).padStart(6)} ms/req ${((100 * micros) / busy).toFixed(1).padStart(5)}% ${name}`,
      );
  return {
    kind: phase.kind,
    window_micros: [phase.start, phase.end],
    requests: phase.count,
    errors: phase.errors,
    wall_ms: Math.round((phase.end - phase.start) / 1000),
    cpu_ms_per_request: Number((busy / 1000 / phase.count).toFixed(2)),
    idle_share: Number((idle / (idle + busy)).toFixed(2)),
    by_package: top(selfByPackage, 15),
    by_function: top(selfByFunction, 30),
  };
}

function packageOf(file: string, functionName: string): string {
  if (!file) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = file.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (file.startsWith('node:')) return 'node:';
  if (file.includes('/server/chunks/') || file.includes('/server/app/')) return `build:${file.split('/').slice(-1)[0]}`;
  return file.split('/').slice(0, 3).join('/');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
