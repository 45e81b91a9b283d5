/**
 * Shared plumbing of the DAL integration tests (`*.int.test.ts`): a fake signed-in user for
 * the mocked `authorize` module, the simulator's admin API (faults, ledger, forced analyses)
 * and a per-call context whose request id lets a test find exactly its own upstream calls.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { SessionUser } from '@/lib/server/auth/users';
import type { Db } from '@/lib/server/db/client';
import { isAppError } from '@/lib/server/http/errors';
import { startSimulator } from '@/simulator/server';
import { simulatorProfile } from '@/test/harness/simulator-profile';
import type { Role } from '@/lib/shared/roles';
import { EVERY_WORK_ORDER, type WorkOrderScope } from '@/lib/shared/work-order-scope';
import type { OperationContext } from '@/lib/server/dal/context';
import { session } from '@/test/fakes/authorize';
import { useTestDb } from '@/test/harness/db';

export interface LedgerEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status: number | null;
}

/**
 * A simulator of this test file's own (small, ephemeral port), pointed at through the same
 * environment variables the integration setup exports, with the same profile. The shared one would do, but these
 * tests create, correct and delete work orders and inject faults: keeping them apart means no
 * other suite (e.g. the index sync comparing itself with the upstream list) sees them.
 */
export async function privateSimulator(): Promise<() => Promise<void>> {
  const apiKey = `canary-${crypto.randomUUID().replaceAll('-', '')}`;
  // Same profile as the run's shared simulator: these tests run against both.
  const simulator = await startSimulator({
    port: 0,
    workOrders: 10,
    seed: `dal-${crypto.randomUUID()}`,
    apiKeys: [apiKey],
    log: false,
    profile: simulatorProfile(),
  });
  process.env.DEEPOMATIC_API_URL = simulator.apiUrl;
  process.env.DEEPOMATIC_API_KEY = apiKey;
  process.env.SIMULATOR_ADMIN_URL = simulator.adminUrl;
  process.env.SIMULATOR_ADMIN_TOKEN = simulator.adminToken;
  return () => simulator.close();
}

/**
 * The hooks a DAL integration file starts with: before all its tests, a private simulator
 * (`privateSimulator()`) and a fresh process-wide test database (`useTestDb()`), both closed
 * after them; with `signedIn`, that user is `session.user` before each test. The returned
 * `db` is set once the `beforeAll` has run.
 */
export function setUpDalIntegration(options: { signedIn?: SessionUser } = {}): { db: Db } {
  const setup = {} as { db: Db };
  let closeDb: () => Promise<void>;
  let closeSimulator: () => Promise<void>;
  beforeAll(async () => {
    closeSimulator = await privateSimulator();
    ({ db: setup.db, close: closeDb } = await useTestDb());
  }, 120_000);
  afterAll(async () => {
    await closeDb();
    await closeSimulator();
  });
  const { signedIn } = options;
  if (signedIn) {
    beforeEach(() => {
      session.user = signedIn;
    });
  }
  return setup;
}

/** A user of `role`; scoped to `scope` (by default every work order, as users are before an admin restricts them). */
export function testUser(role: Role, scope: WorkOrderScope = EVERY_WORK_ORDER): SessionUser {
  return { id: crypto.randomUUID(), email: `${role}-${Math.random().toString(36).slice(2, 8)}@test.example`, name: null, role, scope };
}

export function context(): OperationContext {
  return { requestId: crypto.randomUUID(), locale: 'en' };
}

/** What `run` was refused with (its `AppError`'s code, status, details, fields, retryAfter); throws if it succeeded. */
export async function failureOf(
  run: () => Promise<unknown>,
): Promise<{ code: string; status: number; details?: unknown; fields?: Record<string, string>; retryAfter?: number }> {
  try {
    await run();
  } catch (error) {
    if (isAppError(error)) {
      const refused = { code: error.code, status: error.status, details: error.details, fields: error.fields };
      return error.retryAfter === undefined ? refused : { ...refused, retryAfter: error.retryAfter };
    }
    throw error;
  }
  throw new Error('expected a failure');
}

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const base = process.env.SIMULATOR_ADMIN_URL;
  const token = process.env.SIMULATOR_ADMIN_TOKEN;
  if (!base || !token) throw new Error('SIMULATOR_ADMIN_URL / SIMULATOR_ADMIN_TOKEN are not set (integration setup).');
  const response = await fetch(`${base.replace(/\/$/, '')}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`simulator admin ${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Adds a fault; returns a remover. */
export async function addFault(spec: Record<string, unknown>): Promise<() => Promise<void>> {
  const fault = await admin<{ id: string }>('POST', '/faults', spec);
  return async () => {
    await admin('DELETE', `/faults/${fault.id}`).catch(() => undefined);
  };
}

/** Every upstream request whose path contains `pathPart` (optionally one method). */
export async function ledger(pathPart: string, method?: string): Promise<LedgerEntry[]> {
  const query = new URLSearchParams({ path: pathPart, ...(method ? { method } : {}) });
  return admin<LedgerEntry[]>('GET', `/ledger?${query}`);
}

/** Every upstream request sent under one of our request ids. */
export async function ledgerOfRequest(requestId: string): Promise<LedgerEntry[]> {
  const all = await admin<LedgerEntry[]>('GET', '/ledger');
  return all.filter((entry) => entry.headers['x-request-id'] === requestId);
}

/** Makes the simulator analyse a task group of a work order with the given task values (and conformity findings on the photo). */
export async function forceAnalysis(
  workOrderId: string,
  taskGroupName: string,
  values: Record<string, boolean | number | string>,
  conformity?: Array<{ code: 'blur' | 'brightness' | 'duplicate'; level: 'warning' | 'error' }>,
): Promise<void> {
  await admin('POST', `/work-orders/${workOrderId}/analysis`, { task_group_name: taskGroupName, values, ...(conformity ? { conformity } : {}) });
}
