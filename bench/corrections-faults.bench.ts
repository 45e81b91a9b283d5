/**
 * Correction fault-injection proof (prints one JSON document).
 *
 * At least 1,000 correction intents (one idempotency key each) go through the real DAL
 * operation `correctTask` (what PATCH /api/work-orders/{id}/tasks/{taskId}/correction calls), in
 * process, as the DAL integration tests call it, against the simulator in its own process. A
 * seeded PRNG (BENCH_SEED, printed) decides, per intent: the upstream fault on its PATCH (500,
 * 502, 503, 429, a delay past the client's deadline that the upstream still applies late, a
 * connection reset, applied-then-500, a malformed answer), or on the read before it, or a timed
 * out PATCH whose reconciling read fails too (outcome unknown); whether the user double-submits
 * (two concurrent calls, same key); and how the user retries (same key, as the Retry button
 * does) — retries may meet faults too. An intent still "outcome unknown" is settled by the
 * user's retry once the upstream answers again, waiting the `Retry-After` it was given (a PATCH
 * that got no answer may land until the in-flight horizon has passed), before its lane moves on.
 *
 * Then every intent is checked against the upstream's own record (each intent sends a value no
 * other intent sends; the simulator's timeline has one event per applied correction, its ledger
 * one entry per PATCH received) and against the audit log:
 * - lost: the user got a success but the value never reached the upstream, or a success's value
 *   was later replaced by an older intent's PATCH landing late (the typed value vanished with no
 *   error shown);
 * - duplicated: the upstream applied one key's value more than once;
 * - unresolved: audit rows still pending, or keys whose last audit row is "unknown";
 * - audit mismatches: the audit says applied and the upstream does not, or the reverse;
 * - PATCHes without an audit row (matched by request id).
 * Baseline: the same number of intents without any fault, time per intent; the faulty run is
 * reported as a ratio to it.
 *
 * Runs on PGlite in a throwaway data directory. BENCH_FAULT_INTENTS (default 1000) sets the size.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installFakeSession } from './fake-session';
import { startSimulatorProcess } from './simulator-process';

// Server modules start with `import 'server-only'`, which only resolves under the
// `react-server` condition (as inside Next.js): re-run this file with it.
if (!process.execArgv.some((arg) => arg.includes('react-server'))) {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: process.env,
  });
  process.exit(result.status ?? 1);
}

const INTENTS = Number(process.env.BENCH_FAULT_INTENTS || 1000);
const SEED = process.env.BENCH_SEED || String(Date.now() % 1_000_000_007);
/** Independent lanes, each on its own work orders (faults are scoped to a work order's paths). */
const LANES = 4;
const WORK_ORDERS_PER_LANE = 3;
/** The Number tasks of the simulated `mesure-optique` group: a unique value per intent. */
const TASKS = ['attenuation_db', 'puissance_recue_dbm'] as const;
const GROUP = 'mesure-optique';

/** Client budgets: short, so a run takes minutes; the delay fault outlasts the write deadline. */
const READ_TIMEOUT_MS = 400;
const WRITE_TIMEOUT_MS = 400;
const WRITE_DEADLINE_MS = 800;
const READ_ATTEMPTS = 2;
const LATE_APPLY_MS = 1_200;
/**
 * CORRECTION_IN_FLIGHT_SECONDS: how long a PATCH that got no answer may still land. The late
 * apply above lands at most LATE_APPLY_MS − WRITE_TIMEOUT_MS after the attempt is settled
 * unknown; the horizon leaves more than a second of margin on top.
 */
const IN_FLIGHT_SECONDS = 2;

const API_KEY = 'bench-faults-key-0001';
const ADMIN_TOKEN = 'bench-faults-admin';

// ---- seeded randomness ----------------------------------------------------------------

function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

// ---- fault plans ------------------------------------------------------------------------

const FAULT_KINDS = [
  'status_500',
  'status_502',
  'status_503',
  'status_429',
  'timeout_late_apply',
  'timeout_unread',
  'reset',
  'apply_then_fail',
  'malformed',
  'preread_503',
] as const;
type FaultKind = (typeof FAULT_KINDS)[number] | 'none';

function patchFaultOf(kind: FaultKind, random: () => number): Record<string, unknown> | null {
  switch (kind) {
    case 'status_500':
      return { status: 500 };
    case 'status_502':
      return { status: 502 };
    case 'status_503':
      return { status: 503 };
    case 'status_429':
      return { status: 429 };
    case 'timeout_late_apply':
    case 'timeout_unread':
      // Answered (and applied) long after the client stopped waiting.
      return { delayMs: LATE_APPLY_MS };
    case 'reset':
      return { reset: true };
    case 'apply_then_fail':
      return { applyThenFail: true };
    case 'malformed':
      return { malformed: pick(random, ['truncated', 'html', 'wrong-shape', 'invalid-json']) };
    default:
      return null;
  }
}

// ---- simulator access -------------------------------------------------------------------

interface LedgerEntry {
  seq: number;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status: number | null;
  faultId: string | null;
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'field-review-bench-faults-'));
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'silent',
    INDEX_SYNC: 'off',
    DEEPOMATIC_TIMEOUT_MS: String(READ_TIMEOUT_MS),
    DEEPOMATIC_DEADLINE_MS: String(READ_TIMEOUT_MS * READ_ATTEMPTS + 200),
    DEEPOMATIC_READ_ATTEMPTS: String(READ_ATTEMPTS),
    DEEPOMATIC_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS),
    DEEPOMATIC_WRITE_DEADLINE_MS: String(WRITE_DEADLINE_MS),
    DEEPOMATIC_RETRY_BASE_MS: '10',
    DEEPOMATIC_RETRY_MAX_DELAY_MS: '20',
    // Every fault here is injected on purpose: a breaker opening on them would turn most
    // intents into fast refusals that never reach the PATCH this proof is about.
    DEEPOMATIC_BREAKER_THRESHOLD: '1000',
    CORRECTION_IN_FLIGHT_SECONDS: String(IN_FLIGHT_SECONDS),
  });

  const simulator = await startSimulatorProcess({
    SIMULATOR_WORK_ORDERS: '10',
    SIMULATOR_SEED: 'bench-faults',
    SIMULATOR_API_KEYS: API_KEY,
    SIMULATOR_ADMIN_TOKEN: ADMIN_TOKEN,
  });
  const stops: Array<() => void | Promise<void>> = [simulator.stop];
  try {
    process.env.DEEPOMATIC_API_URL = `${simulator.url}/v0.2/`;
    process.env.DEEPOMATIC_API_KEY = API_KEY;
    const output = await prove(simulator.url, stops);
    console.log(JSON.stringify(output));
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function prove(simulatorUrl: string, stops: Array<() => void | Promise<void>>) {
  installFakeSession();
  const { session } = await import('../test/fakes/authorize');
  const { correctTask } = await import('../lib/server/dal/corrections');
  const { getWorkOrderPage } = await import('../lib/server/dal/work-orders');
  const { getDb, closeDb } = await import('../lib/server/db/client');
  const { auditLog } = await import('../lib/server/db/schema');
  const { isAppError } = await import('../lib/server/http/errors');
  const { eq } = await import('drizzle-orm');
  stops.push(closeDb);
  const db = await getDb();

  async function admin<T>(method: string, adminPath: string, body?: unknown): Promise<T> {
    const response = await fetch(`${simulatorUrl}/__sim${adminPath}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator admin ${method} ${adminPath} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  async function upstream<T>(method: string, apiPath: string, body?: unknown): Promise<T> {
    const response = await fetch(`${simulatorUrl}/v0.2/${apiPath}`, {
      method,
      headers: { Authorization: `Token ${API_KEY}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator ${method} ${apiPath} → ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  const addFault = async (spec: Record<string, unknown>) => (await admin<{ id: string }>('POST', '/faults', spec)).id;
  const removeFault = (id: string) => admin('DELETE', `/faults/${id}`).catch(() => undefined);

  // ---- the site: work orders whose two Number tasks are analysed ----
  const site = await admin<{ task_groups: { name: string; tasks: { id: string; name: string }[] }[] }>('GET', '/site');
  const group = site.task_groups.find((candidate) => candidate.name === GROUP);
  if (!group) throw new Error(`the simulated application has no ${GROUP} group`);
  const taskIds = TASKS.map((name) => group.tasks.find((task) => task.name === name)!.id);
  interface Target {
    workOrderId: string;
    taskId: string;
    taskName: string;
  }
  const lanes: Target[][] = [];
  for (let lane = 0; lane < LANES; lane += 1) {
    const targets: Target[] = [];
    for (let w = 0; w < WORK_ORDERS_PER_LANE; w += 1) {
      const created = await upstream<{ id: string }>('POST', 'work-orders/', {
        name: `bench-faults-${lane}-${w}`,
        work_order_types: ['raccordement'],
      });
      await admin('POST', `/work-orders/${created.id}/analysis`, {
        task_group_name: GROUP,
        values: { attenuation_db: 20, puissance_recue_dbm: -15, ecran_lisible: true },
      });
      TASKS.forEach((name, index) => targets.push({ workOrderId: created.id, taskId: taskIds[index], taskName: name }));
    }
    lanes.push(targets);
  }

  // ---- the upstream's ledger of PATCHes, collected before its ring buffer forgets them ----
  const patches = new Map<number, LedgerEntry>();
  let ledgerCursor = 0;
  async function collectLedger() {
    const entries = await admin<LedgerEntry[]>('GET', `/ledger?method=PATCH&since=${ledgerCursor}`);
    for (const entry of entries) {
      patches.set(entry.seq, entry);
      ledgerCursor = Math.max(ledgerCursor, entry.seq);
    }
  }
  let collecting = Promise.resolve();
  const collector = setInterval(() => {
    collecting = collecting.then(collectLedger).catch(() => undefined);
  }, 1_000);
  stops.push(() => clearInterval(collector));

  // ---- one user, one call ----
  const supervisor = {
    id: uuidFrom(seededRandom(`${SEED}:user`)),
    email: 'bench.supervisor@field-review.test',
    name: null,
    role: 'supervisor' as const,
    scope: { all: true } as const,
  };
  session.user = supervisor;

  type Answer =
    { ok: true; replayed: boolean; value: unknown; requestId: string } | { ok: false; code: string; requestId: string; retryAfter?: number };
  async function call(target: Target, key: string, version: string, value: number): Promise<Answer> {
    const requestId = crypto.randomUUID();
    try {
      const result = await correctTask(
        { requestId, locale: 'en' },
        {
          params: { id: target.workOrderId, taskId: target.taskId },
          headers: { 'Idempotency-Key': key, 'If-Match': `"${version}"` },
          body: async () => ({ correctedValue: value, reason: 'ai_false_positive', comment: 'fault-injection run' }),
        },
      );
      return { ok: true, replayed: result.replayed, value: result.body.task.state?.correctedValue, requestId };
    } catch (error) {
      if (isAppError(error)) return { ok: false, code: error.code, requestId, retryAfter: error.retryAfter };
      throw error;
    }
  }

  async function versionOf(target: Target): Promise<string> {
    const page = await getWorkOrderPage({ requestId: crypto.randomUUID(), locale: 'en' }, { params: { id: target.workOrderId } });
    const task = page.workOrder.taskGroups.flatMap((g) => g.tasks).find((t) => t.id === target.taskId);
    if (!task) throw new Error('task vanished');
    return task.version;
  }

  /** Waits (bounded) until the upstream received this value's PATCH. */
  async function untilPatchReceived(target: Target, value: number) {
    const correctionPath = `/tasks/${target.taskId}/correction/`;
    for (let i = 0; i < 100; i += 1) {
      const entries = await admin<LedgerEntry[]>('GET', `/ledger?method=PATCH&path=${encodeURIComponent(correctionPath)}&since=${ledgerCursor}`);
      if (entries.some((entry) => sameValue(entry.body, value) && entry.path.includes(target.workOrderId))) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  // ---- one intent ----
  const RETRYABLE = new Set([
    'outcome_unknown',
    'correction_not_applied',
    'upstream_error',
    'upstream_timeout',
    'upstream_unavailable',
    'upstream_invalid_response',
    'request_in_progress',
    'correction_in_flight',
  ]);
  interface Intent {
    index: number;
    target: Target;
    key: string;
    value: number;
    faults: FaultKind[];
    doubleSubmit: boolean;
    calls: Answer[];
    settlementCalls: number;
    reachedUnknown: boolean;
    /** Settlement waited out an in-flight horizon (the answer carried a Retry-After). */
    waitedForHorizon: boolean;
    inFlightRefusals: number;
    startedAt: number;
    successAt: number | null;
  }
  const faultsByKind: Record<string, number> = {};
  const countFault = (kind: FaultKind) => {
    if (kind !== 'none') faultsByKind[kind] = (faultsByKind[kind] ?? 0) + 1;
  };

  async function callWithFault(intent: Intent, version: string, kind: FaultKind, random: () => number, concurrent: number): Promise<Answer[]> {
    const { target } = intent;
    const added: string[] = [];
    try {
      const patchFault = patchFaultOf(kind, random);
      if (patchFault) {
        added.push(
          await addFault({
            method: 'PATCH',
            path: `/v0.2/work-orders/${target.workOrderId}/tasks/${target.taskId}/correction/`,
            ...patchFault,
            times: 1,
          }),
        );
      }
      if (kind === 'preread_503') {
        added.push(await addFault({ method: 'GET', path: `/v0.2/work-orders/${target.workOrderId}/`, status: 503, times: READ_ATTEMPTS }));
      }
      countFault(kind);
      const calls = Array.from({ length: concurrent }, () => call(target, intent.key, version, intent.value));
      if (kind === 'timeout_unread') {
        // Once the PATCH is in flight, the reads that would reconcile it fail too.
        await untilPatchReceived(target, intent.value);
        added.push(await addFault({ method: 'GET', path: `/v0.2/work-orders/${target.workOrderId}/`, status: 503, times: READ_ATTEMPTS * 2 }));
      }
      return await Promise.all(calls);
    } finally {
      await Promise.all(added.map(removeFault));
    }
  }

  async function runIntent(intent: Intent, random: () => number, faulty: boolean) {
    const version = await versionOf(intent.target);
    const firstKind: FaultKind = faulty && random() < 0.7 ? pick(random, FAULT_KINDS) : 'none';
    intent.faults.push(firstKind);
    intent.doubleSubmit = faulty && random() < 0.15;
    intent.calls.push(...(await callWithFault(intent, version, firstKind, random, intent.doubleSubmit ? 2 : 1)));
    // The user retries with the same key while the answer invites it (the Retry button).
    for (let retry = 0; retry < 3; retry += 1) {
      const last = intent.calls.at(-1)!;
      if (last.ok || !RETRYABLE.has(last.code)) break;
      if (last.code === 'outcome_unknown') intent.reachedUnknown = true;
      // Refused before any PATCH because an earlier correction of the task may still land: wait as told.
      if (last.code === 'correction_in_flight') {
        intent.inFlightRefusals += 1;
        await waitSeconds(last.retryAfter);
      }
      const kind: FaultKind = random() < 0.3 ? pick(random, FAULT_KINDS) : 'none';
      intent.faults.push(kind);
      intent.calls.push(...(await callWithFault(intent, version, kind, random, 1)));
    }
    // A success whose answer got lost on the way to the browser: the retry must be a replay.
    if (faulty && intent.calls.at(-1)!.ok && random() < 0.1) intent.calls.push(await call(intent.target, intent.key, version, intent.value));
    // Settlement: an outcome still unknown is retried once the upstream answers again, after the
    // wait it was given (the PATCH may still land until then; retrying earlier only hears "unknown").
    for (let settle = 0; settle < 5; settle += 1) {
      const last = intent.calls.at(-1)!;
      if (last.ok || (last.code !== 'outcome_unknown' && last.code !== 'correction_in_flight')) break;
      if (last.code === 'outcome_unknown') intent.reachedUnknown = true;
      if (last.retryAfter !== undefined) intent.waitedForHorizon = true;
      await waitSeconds(last.retryAfter);
      intent.settlementCalls += 1;
      intent.calls.push(await call(intent.target, intent.key, version, intent.value));
    }
    const success = intent.calls.find((answer) => answer.ok);
    intent.successAt = success ? Date.now() : null;
  }

  async function runLanes(count: number, faulty: boolean, valueBase: number): Promise<{ intents: Intent[]; ms: number }> {
    const intents: Intent[] = [];
    const started = performance.now();
    await Promise.all(
      lanes.map(async (targets, lane) => {
        const random = seededRandom(`${SEED}:${faulty ? 'faults' : 'baseline'}:${lane}`);
        for (let i = lane; i < count; i += LANES) {
          const intent: Intent = {
            index: i,
            target: pick(random, targets),
            key: uuidFrom(random),
            value: valueBase + i,
            faults: [],
            doubleSubmit: false,
            calls: [],
            settlementCalls: 0,
            reachedUnknown: false,
            waitedForHorizon: false,
            inFlightRefusals: 0,
            startedAt: Date.now(),
            successAt: null,
          };
          intents.push(intent);
          await runIntent(intent, random, faulty);
        }
      }),
    );
    return { intents, ms: performance.now() - started };
  }

  // ---- baseline, then the faulty run ----
  const baseline = await runLanes(INTENTS, false, 100_000);
  const faulty = await runLanes(INTENTS, true, 200_000);
  await admin('DELETE', '/faults');
  // Let every PATCH the upstream is still sitting on land before reading its record.
  await new Promise((resolve) => setTimeout(resolve, LATE_APPLY_MS + 1_000));
  clearInterval(collector);
  await collecting;
  await collectLedger();

  // ---- the upstream's truth: its timeline, one event per applied correction ----
  interface Applied {
    workOrderId: string;
    taskName: string;
    value: number;
    date: string;
    order: number;
  }
  const applied: Applied[] = [];
  const workOrderIds = [...new Set(lanes.flat().map((target) => target.workOrderId))];
  for (const id of workOrderIds) {
    const events = await upstream<{ type: string; task_name?: string; date: string; payload: { corrected_value?: unknown } }[]>(
      'GET',
      `work-orders/${id}/timeline/`,
    );
    events
      .filter((event) => event.type === 'correction')
      .forEach((event, order) =>
        applied.push({ workOrderId: id, taskName: event.task_name ?? '', value: Number(event.payload.corrected_value), date: event.date, order }),
      );
  }
  const appliedCount = new Map<number, number>();
  for (const event of applied) appliedCount.set(event.value, (appliedCount.get(event.value) ?? 0) + 1);

  const auditRows = await db.select().from(auditLog).where(eq(auditLog.action, 'correction'));

  function check(run: { intents: Intent[] }) {
    const byKey = new Map<string, typeof auditRows>();
    for (const row of auditRows) {
      const key = (row.details as { idempotencyKey?: string } | null)?.idempotencyKey;
      if (!key) continue;
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
    const outcomes: Record<string, number> = {};
    let lost = 0;
    let lostOverwritten = 0;
    let successShowingAnotherValue = 0;
    let duplicated = 0;
    let unresolvedKeys = 0;
    let auditAppliedNotUpstream = 0;
    let upstreamAppliedAuditNot = 0;
    let toldNotAppliedButApplied = 0;
    let intentsWithoutAuditRow = 0;
    let intentsWithoutAuditRowThatReachedPatch = 0;
    let reachedUnknown = 0;
    let waitedForHorizon = 0;
    let inFlightRefusals = 0;
    let settlementCalls = 0;
    let doubleSubmits = 0;
    let calls = 0;
    /** Which faults the intents that went wrong met (first attempt, then retries). */
    const culprits: Record<string, number> = {};
    const blame = (intent: Intent, what: string) => {
      const key = `${what}: ${intent.faults.join(' > ')}`;
      culprits[key] = (culprits[key] ?? 0) + 1;
    };
    const values = new Set(run.intents.map((intent) => intent.value));
    const patchesOfRun = [...patches.values()].filter((entry) => values.has(Number((entry.body as { corrected_value?: unknown })?.corrected_value)));
    const requestIdsOfPatches = new Set(patchesOfRun.map((entry) => String(entry.headers['x-request-id'])));
    for (const intent of run.intents) {
      calls += intent.calls.length;
      settlementCalls += intent.settlementCalls;
      if (intent.doubleSubmit) doubleSubmits += 1;
      if (intent.reachedUnknown) reachedUnknown += 1;
      if (intent.waitedForHorizon) waitedForHorizon += 1;
      inFlightRefusals += intent.inFlightRefusals;
      const final = intent.calls.find((answer) => answer.ok) ?? intent.calls.at(-1)!;
      const outcome = final.ok ? (final.replayed ? 'ok_replayed' : 'ok') : final.code;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      const times = appliedCount.get(intent.value) ?? 0;
      const userSawSuccess = intent.calls.some((answer) => answer.ok);
      if (userSawSuccess && times === 0) {
        lost += 1;
        blame(intent, 'lost');
      }
      if (intent.calls.some((answer) => answer.ok && Number(answer.value) !== intent.value)) {
        successShowingAnotherValue += 1;
        blame(intent, 'success showing another value');
      }
      if (times > 1) {
        duplicated += 1;
        blame(intent, 'duplicated');
      }
      if (!userSawSuccess && times > 0 && !final.ok && final.code === 'correction_not_applied') toldNotAppliedButApplied += 1;
      const rows = byKey.get(intent.key) ?? [];
      const auditApplied = rows.some((row) => row.outcome === 'applied');
      if (auditApplied && times === 0) auditAppliedNotUpstream += 1;
      if (!auditApplied && times > 0) upstreamAppliedAuditNot += 1;
      const newest = [...rows].sort((a, b) => b.seq - a.seq)[0];
      if (newest && (newest.outcome === 'unknown' || newest.outcome === 'pending')) unresolvedKeys += 1;
      if (rows.length === 0) {
        intentsWithoutAuditRow += 1;
        if (intent.calls.some((answer) => requestIdsOfPatches.has(answer.requestId))) intentsWithoutAuditRowThatReachedPatch += 1;
      }
    }
    // A success silently replaced: on its task, a correction of an intent that started before
    // it was applied after it.
    const intentByValue = new Map(run.intents.map((intent) => [intent.value, intent]));
    const eventsByTask = new Map<string, Applied[]>();
    for (const event of applied.filter((candidate) => intentByValue.has(candidate.value))) {
      const key = `${event.workOrderId}/${event.taskName}`;
      eventsByTask.set(key, [...(eventsByTask.get(key) ?? []), event]);
    }
    for (const events of eventsByTask.values()) {
      events.sort((a, b) => a.order - b.order);
      events.forEach((event, position) => {
        const intent = intentByValue.get(event.value)!;
        if (!intent.calls.some((answer) => answer.ok)) return;
        const overwrittenByOlder = events
          .slice(position + 1)
          .some((later) => intentByValue.get(later.value)!.index < intent.index && later.value !== event.value);
        if (overwrittenByOlder) {
          lostOverwritten += 1;
          blame(intent, 'overwritten');
        }
      });
    }
    const auditRequestIds = new Set(auditRows.map((row) => row.requestId));
    const patchesWithoutAuditRow = patchesOfRun.filter((entry) => !auditRequestIds.has(String(entry.headers['x-request-id']))).length;
    const rowIdsOfRun = new Set(run.intents.map((intent) => intent.key));
    const pendingRows = auditRows.filter(
      (row) => row.outcome === 'pending' && rowIdsOfRun.has((row.details as { idempotencyKey?: string } | null)?.idempotencyKey ?? ''),
    ).length;
    return {
      intents: run.intents.length,
      calls,
      double_submits: doubleSubmits,
      patches_received_upstream: patchesOfRun.length,
      outcomes,
      reached_outcome_unknown: reachedUnknown,
      settlements_that_waited_out_the_in_flight_horizon: waitedForHorizon,
      refused_correction_in_flight: inFlightRefusals,
      settlement_calls: settlementCalls,
      lost: lost + lostOverwritten,
      lost_detail: { success_not_applied: lost, success_overwritten_by_older_late_patch: lostOverwritten },
      /** A success whose answer already showed another value (a late PATCH landed before the re-read). */
      success_showing_another_value: successShowingAnotherValue,
      duplicated,
      unresolved: pendingRows + unresolvedKeys,
      unresolved_detail: { pending_rows: pendingRows, keys_last_row_unknown: unresolvedKeys },
      told_not_applied_but_applied: toldNotAppliedButApplied,
      audit_applied_not_upstream: auditAppliedNotUpstream,
      upstream_applied_audit_not: upstreamAppliedAuditNot,
      patches_without_audit_row: patchesWithoutAuditRow,
      intents_without_audit_row: intentsWithoutAuditRow,
      intents_without_audit_row_that_reached_the_patch: intentsWithoutAuditRowThatReachedPatch,
      faults_met_by_failing_intents: culprits,
    };
  }

  const baselineCheck = check(baseline);
  const faultyCheck = check(faulty);
  const perIntent = (run: { intents: Intent[]; ms: number }) => Number((run.ms / run.intents.length).toFixed(2));
  return {
    seed: SEED,
    reproduce: `BENCH_SEED=${SEED} node bench/run.mjs corrections-faults`,
    lanes: LANES,
    client_budgets_ms: {
      read_timeout: READ_TIMEOUT_MS,
      write_timeout: WRITE_TIMEOUT_MS,
      write_deadline: WRITE_DEADLINE_MS,
      late_apply: LATE_APPLY_MS,
      in_flight_horizon: IN_FLIGHT_SECONDS * 1000,
    },
    faults_by_kind: faultsByKind,
    faulty: faultyCheck,
    baseline: { ...baselineCheck, ms_per_intent: perIntent(baseline) },
    ms_per_intent: perIntent(faulty),
    ratio_to_baseline: Number((perIntent(faulty) / perIntent(baseline)).toFixed(2)),
    goals: { lost: 0, duplicated: 0, unresolved: 0, patches_without_audit_row: 0 },
  };
}

/** Waits `seconds` (a `Retry-After`), a little more so the server's horizon has surely passed. */
function waitSeconds(seconds: number | undefined): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds === undefined ? 0 : seconds * 1000 + 100));
}

function sameValue(body: unknown, value: number): boolean {
  return Number((body as { corrected_value?: unknown } | null)?.corrected_value) === value;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
