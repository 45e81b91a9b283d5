import type { Browser, Page } from '@playwright/test';
import { USER_GROUPS } from '@/simulator/people';
import { expect, SIGN_IN_PATH, signIn, test } from './fixtures';

/**
 * Teams: two supervisors of different user groups see different lists, overviews and exports;
 * a link to the other team's work order shows "not found"; when an admin changes a user's
 * teams, that user's next page follows. Each run creates its own two supervisors.
 */

const PASSWORD = 'teams journey password';
const [NORTH, SOUTH] = USER_GROUPS;

interface ListRow {
  id: string;
  userGroupIds: string[];
}

async function createSupervisor(admin: Page, baseURL: string, email: string, teams: Record<string, unknown>) {
  const created = await admin.request.post('/api/admin/users', {
    data: { email, role: 'supervisor', password: PASSWORD, ...teams },
    headers: { origin: baseURL },
  });
  expect(created.status()).toBe(201);
}

async function signedIn(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await signIn(page, email, PASSWORD);
  await page.waitForURL((url) => !SIGN_IN_PATH.test(url.pathname + url.search), { timeout: 30_000 });
  await expect(page.getByRole('button', { name: /account menu/i })).toBeVisible({ timeout: 30_000 });
  return page;
}

/** Every work order the list API finds for this user (all pages). */
async function rows(page: Page): Promise<ListRow[]> {
  const found: ListRow[] = [];
  for (let number = 1; ; number += 1) {
    const response = await page.request.get(`/api/work-orders?review=all&pageSize=100&page=${number}`);
    expect(response.status()).toBe(200);
    const answer = (await response.json()) as { rows: ListRow[]; total: number };
    found.push(...answer.rows);
    if (found.length >= answer.total || answer.rows.length === 0) return found;
  }
}

async function exportedIds(page: Page): Promise<string[]> {
  const response = await page.request.get('/api/work-orders/export?review=all&cols=id');
  expect(response.status()).toBe(200);
  const lines = (await response.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  return lines.map((line) => line.split(',')[0].replaceAll('"', '')).filter(Boolean);
}

async function overviewCount(page: Page): Promise<number> {
  const response = await page.request.get('/api/overview?review=all');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { kpis: { workOrders: number } }).kpis.workOrders;
}

test('two supervisors of different teams see their own work orders only, and follow an admin’s change at once', async ({
  adminPage,
  browser,
  env,
  axe,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const northEmail = `north-${stamp}@demo.test`;
  const southEmail = `south-${stamp}@demo.test`;
  await createSupervisor(adminPage, env.baseURL, northEmail, { allWorkOrders: false, userGroupIds: [NORTH.id] });
  await createSupervisor(adminPage, env.baseURL, southEmail, {});

  // The admin gives the second supervisor the south team through the users table.
  await adminPage.goto('/admin');
  const southRow = adminPage.getByRole('row').filter({ hasText: southEmail });
  await expect(southRow.getByTestId('user-teams')).toContainText('All work orders');
  await southRow.getByRole('button', { name: `Change the teams of ${southEmail}` }).click();
  const dialog = adminPage.getByRole('dialog', { name: `Teams of ${southEmail}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'Only the work orders of these user groups' }).check();
  await axe(adminPage, 'the teams dialog');
  await dialog.getByRole('checkbox', { name: new RegExp(SOUTH.id) }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(adminPage.getByRole('status').filter({ hasText: `Teams of ${southEmail} changed.` })).toBeVisible();
  await expect(southRow.getByTestId('user-teams')).toContainText(SOUTH.id);
  await axe(adminPage, '/admin with teams');

  const north = await signedIn(browser, env.baseURL, northEmail);
  const south = await signedIn(browser, env.baseURL, southEmail);

  // Lists: each sees only work orders of their own group.
  const northRows = await rows(north);
  const southRows = await rows(south);
  expect(northRows.length).toBeGreaterThan(0);
  expect(southRows.length).toBeGreaterThan(0);
  expect(northRows.every((row) => row.userGroupIds.includes(NORTH.id))).toBe(true);
  expect(southRows.every((row) => row.userGroupIds.includes(SOUTH.id))).toBe(true);
  const everyone = await rows(adminPage);
  const southOnly = everyone.find((row) => row.userGroupIds.includes(SOUTH.id) && !row.userGroupIds.includes(NORTH.id));
  const northOnly = everyone.find((row) => row.userGroupIds.includes(NORTH.id) && !row.userGroupIds.includes(SOUTH.id));
  expect(southOnly && northOnly).toBeTruthy();
  expect(northRows.map((row) => row.id)).not.toContain(southOnly!.id);

  await north.goto('/work-orders?review=all');
  await expect(north.getByRole('heading', { level: 1 })).toBeVisible();
  await axe(north, '/work-orders of a team');

  // Exports and overviews count the same work orders as the lists.
  const northExport = await exportedIds(north);
  expect(northExport.sort()).toEqual(northRows.map((row) => row.id).sort());
  expect(await exportedIds(south)).not.toContain(northOnly!.id);
  expect(await overviewCount(north)).toBe(northRows.length);
  expect(await overviewCount(south)).toBe(southRows.length);
  expect(await overviewCount(adminPage)).toBeGreaterThan(Math.max(northRows.length, southRows.length));
  await north.goto('/overview?review=all');
  await expect(north.getByRole('heading', { level: 1 })).toBeVisible();
  await axe(north, '/overview of a team');

  // A link copied from the other team: "not found", exactly like a deleted work order.
  await north.goto(`/work-orders/${southOnly!.id}`);
  await expect(north.getByRole('heading', { name: 'Work order not found' })).toBeVisible();
  await axe(north, 'another team’s work order');
  expect((await north.request.get(`/api/work-orders/${southOnly!.id}`)).status()).toBe(404);

  // The admin moves the south supervisor to the north team: their very next page follows.
  await south.goto(`/work-orders/${northOnly!.id}`);
  await expect(south.getByRole('heading', { name: 'Work order not found' })).toBeVisible();
  const moved = await adminPage.request.patch(`/api/admin/users/${await userId(adminPage, southEmail)}`, {
    data: { userGroupIds: [NORTH.id] },
    headers: { origin: env.baseURL },
  });
  expect(moved.status()).toBe(200);
  await south.reload();
  await expect(south.getByRole('heading', { name: 'Work order not found' })).toHaveCount(0);
  await expect(south.getByTestId('progress-score').filter({ visible: true })).toBeVisible();
  expect((await south.request.get(`/api/work-orders/${southOnly!.id}`)).status()).toBe(404);

  await north.context().close();
  await south.context().close();
});

async function userId(admin: Page, email: string): Promise<string> {
  const { users } = (await (await admin.request.get('/api/admin/users')).json()) as { users: { id: string; email: string }[] };
  return users.find((user) => user.email === email)!.id;
}
