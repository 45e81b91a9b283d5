import { existsSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { Role } from '@/lib/shared/roles';
import { E2E_DIR, e2eEnv, type E2eEnv } from './env';

export { expect };

export const DEMO_USERS: Record<Role, string> = {
  admin: 'admin@demo.test',
  supervisor: 'supervisor@demo.test',
  viewer: 'viewer@demo.test',
};

/** Where the app sends an anonymous visitor; matches /sign-in, /signin, /login, /auth/signin… */
export const SIGN_IN_PATH = /\/(?:auth\/)?(?:sign-?in|log-?in)(?:\/|$|\?)/i;

export const emailField = (page: Page) => page.getByRole('textbox', { name: /^e-?mail/i });
/** By role and exact name: the "Show password" toggle beside it is labelled too. */
export const passwordField = (page: Page) => page.getByRole('textbox', { name: /^password\b/i });

/** Signs in through the real sign-in form, as a person would. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.waitForURL(SIGN_IN_PATH);
  await emailField(page).fill(email);
  await passwordField(page).fill(password);
  await page.getByRole('button', { name: /^(sign in|log in)$/i }).click();
}

/**
 * The work order's progress score as the page shows it. Only the visible element: after a
 * reload under heavy load, one run in about a hundred has kept a hidden copy of the streamed
 * page segment in the document beside the revealed one.
 */
export const progressScore = (page: Page) => page.getByTestId('progress-score').filter({ visible: true });

/** Opens the account menu of the shell (it shows who is signed in, their role, and sign-out). */
export async function openAccountMenu(page: Page): Promise<void> {
  await page.getByRole('button', { name: /account menu/i }).click();
  await expect(page.getByRole('menu')).toBeVisible();
}

export async function signInAs(page: Page, role: Role): Promise<void> {
  await signIn(page, DEMO_USERS[role], e2eEnv().demoPassword);
  await page.waitForURL((url) => !SIGN_IN_PATH.test(url.pathname + url.search), { timeout: 30_000 });
  // The landing page may redirect once more (/ → /work-orders): wait for the signed-in shell.
  await expect(page.getByRole('button', { name: /account menu/i })).toBeVisible({ timeout: 30_000 });
}

/** Records every response body in `context` that contains the canary key (it must never reach the browser). */
export function watchForCanary(context: BrowserContext, canary: string, leaks: string[]): void {
  context.on('response', async (response) => {
    try {
      const status = response.status();
      if (status >= 300 && status < 400) return;
      const body = await response.body();
      if (body.includes(canary)) leaks.push(`${response.request().method()} ${response.url()}`);
      const headers = await response.allHeaders();
      if (Object.values(headers).some((v) => v.includes(canary))) leaks.push(`headers of ${response.url()}`);
    } catch {
      // body not available (navigation away, closed page): nothing to inspect
    }
  });
}

/** Fails the test on any WCAG 2.0/2.1 A/AA violation reported by axe. */
export async function expectAccessible(page: Page, what = page.url()): Promise<void> {
  await page.waitForLoadState('load');
  // axe reads colours as they are painted: mid fade-in a button is half transparent and fails
  // the contrast check. Wait for every finite animation (transitions, fades) to be over;
  // endless ones (a spinner) are not waited for.
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
  expect(violations, `axe violations on ${what}`).toEqual([]);
}

/** The simulator's admin API (`/__sim/…`): faults, ledger, reset. */
export class SimulatorAdmin {
  constructor(private readonly env: E2eEnv) {}

  async call<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.env.simulatorAdminUrl}${route}`, {
      method,
      headers: { Authorization: `Bearer ${this.env.simulatorAdminToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`simulator admin ${method} ${route}: HTTP ${response.status} ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Requests the simulator received (oldest first; admin calls are not recorded). */
  ledger() {
    return this.call<{ seq: number; method: string; path: string; status: number | null }[]>('GET', '/ledger');
  }
  clearLedger() {
    return this.call('DELETE', '/ledger');
  }
  fault(rule: Record<string, unknown>) {
    return this.call('POST', '/faults', rule);
  }
  /** Removes every fault (leaves the data alone: other tests run in parallel). */
  clearFaults() {
    return this.call('DELETE', '/faults');
  }

  /** A real work order (with its tasks) read straight from the simulator with the key. */
  firstWorkOrder() {
    return this.workOrderAt(0);
  }

  /**
   * The work order at `index` in the simulator's default ordering. Tests that inspect the ledger
   * use their own index, so that parallel tests touching other work orders do not disturb them.
   */
  async workOrderAt(index: number): Promise<SimWorkOrder> {
    const headers = { Authorization: `Token ${this.env.canary}` };
    const listUrl = `${this.env.apiUrl}work-orders/?page_size=1&page=${index + 1}&ordering=create_date`;
    const list = (await (await fetch(listUrl, { headers })).json()) as { results: { id: string }[] };
    const id = list.results[0]?.id;
    if (!id) throw new Error(`the simulator has no work order at index ${index}`);
    return (await (await fetch(`${this.env.apiUrl}work-orders/${id}/?include_inputs=false`, { headers })).json()) as SimWorkOrder;
  }
}

export interface SimWorkOrder {
  id: string;
  name: string;
  tasks: { id: string; name: string; outcome_type: 'Boolean' | 'Number' | 'Text' }[];
}

/** Where e2e/ready.setup.ts keeps the signed-in browser state of a demo user. */
export function storageStatePath(role: Role): string {
  return path.join(E2E_DIR, `auth-${role}.json`);
}

function storageStateFor(role: Role): string {
  const file = storageStatePath(role);
  if (!existsSync(file)) throw new Error(`${file} is missing: the setup project (e2e/ready.setup.ts) signs the demo users in first`);
  return file;
}

interface TestFixtures {
  /** Bodies of responses seen in this test that contained the canary key; must stay empty. */
  canaryLeaks: string[];
  adminPage: Page;
  supervisorPage: Page;
  viewerPage: Page;
  axe: (page: Page, what?: string) => Promise<void>;
}
interface WorkerFixtures {
  env: E2eEnv;
  sim: SimulatorAdmin;
}

/**
 * `page.goto` returns once the page has loaded, and the app's pages are painted from the
 * server's HTML before their scripts run: a click in between reaches a control nothing handles
 * yet. Like a user who waits for the page to answer, each `goto` here also waits for React to
 * have hydrated the page itself (`<html data-hydrated>`, set by each page's `PageReady`). Pages that are not the
 * app's (an error answer, a download) have no mark and return at once.
 */
export function waitForHydrationOnGoto(page: Page): Page {
  const goto = page.goto.bind(page);
  page.goto = async (url, options) => {
    const response = await goto(url, options);
    const isApp = await page.evaluate(() => document.querySelector('script[src*="/_next/"]') !== null).catch(() => false);
    if (isApp) await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', undefined, { timeout: 30_000 });
    return response;
  };
  return page;
}

async function rolePage(browser: Browser, env: E2eEnv, role: Role, leaks: string[], use: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ baseURL: env.baseURL, storageState: storageStateFor(role) });
  watchForCanary(context, env.canary, leaks);
  const page = waitForHydrationOnGoto(await context.newPage());
  await use(page);
  await context.close();
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  env: [async ({}, use) => use(e2eEnv()), { scope: 'worker' }],
  sim: [async ({ env }, use) => use(new SimulatorAdmin(env)), { scope: 'worker' }],
  baseURL: async ({}, use) => use(e2eEnv().baseURL),
  canaryLeaks: [
    async ({}, use) => {
      const leaks: string[] = [];
      await use(leaks);
      expect(leaks, 'response bodies or headers containing the Deepomatic API key').toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, env, canaryLeaks }, use) => {
    watchForCanary(context, env.canary, canaryLeaks);
    await use(context);
  },
  page: async ({ page }, use) => use(waitForHydrationOnGoto(page)),
  adminPage: async ({ browser, env, canaryLeaks }, use) => rolePage(browser, env, 'admin', canaryLeaks, use),
  supervisorPage: async ({ browser, env, canaryLeaks }, use) => rolePage(browser, env, 'supervisor', canaryLeaks, use),
  viewerPage: async ({ browser, env, canaryLeaks }, use) => rolePage(browser, env, 'viewer', canaryLeaks, use),
  axe: async ({}, use) => use(expectAccessible),
});
