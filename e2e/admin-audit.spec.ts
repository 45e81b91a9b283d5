import type { Page } from '@playwright/test';
import { csvRecords } from '@/test/harness/csv';
import type { AuditPageDto } from '@/lib/shared/audit-log';
import { DEMO_USERS, expect, test } from './fixtures';

/**
 * The audit log for admins: a viewer's refused call to an admin API shows up as a refusal, the
 * filters live in the URL, the CSV holds exactly the filtered rows, a supervisor is refused the
 * page, and the page, its detail dialog and its phone layout are axe clean.
 */

/** Every row the API lists for `query`, following the cursor (what the CSV must hold). */
async function listedIds(page: Page, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: number | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', '200');
    if (cursor !== null) params.set('cursor', String(cursor));
    const response = await page.request.get(`/api/admin/audit?${params}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as AuditPageDto;
    ids.push(...body.rows.map((row) => row.id));
    cursor = body.nextCursor;
  } while (cursor !== null);
  return ids;
}

async function choose(page: Page, field: string, option: string) {
  await page.getByRole('combobox', { name: field }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('an admin filters the log to refusals, sees the viewer refused, reads the detail and exports exactly those rows', async ({
  adminPage: page,
  viewerPage,
  axe,
}) => {
  // The refusal to find: a viewer calls an admin API.
  const refused = await viewerPage.request.get('/api/admin/audit');
  expect(refused.status()).toBe(403);
  const refusedRequestId = refused.headers()['x-request-id'];

  await page.goto('/admin');
  await page.getByRole('link', { name: 'Audit log' }).first().click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole('heading', { level: 1, name: /Audit log/ })).toBeVisible();
  await axe(page, '/admin/audit');

  await choose(page, 'Action', 'Access refused');
  await expect(page).toHaveURL(/\/admin\/audit\?action=authz_denied$/);
  await choose(page, 'Outcome', 'Denied');
  await expect(page).toHaveURL(/\/admin\/audit\?action=authz_denied&outcome=denied$/);

  const table = page.getByRole('table', { name: 'Audit log entries' });
  const newest = table.getByTestId('audit-row').first();
  await expect(newest).toContainText(DEMO_USERS.viewer);
  await expect(newest).toContainText('Access refused');
  await expect(newest).toContainText('Denied');
  // Every row listed is a refusal.
  for (const row of await table.getByTestId('audit-row').all()) await expect(row).toContainText('Access refused');

  await newest.getByRole('button', { name: /^Details of the entry of / }).click();
  const dialog = page.getByRole('dialog', { name: 'Audit entry' });
  await expect(dialog).toContainText('authz_denied');
  await expect(dialog).toContainText('"required": "admin"');
  await expect(dialog).toContainText('/api/admin/audit');
  if (refusedRequestId) await expect(dialog).toContainText(refusedRequestId);
  await axe(page, '/admin/audit detail dialog');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The URL is the state: back steps out of the last filter.
  await page.goBack();
  await expect(page).toHaveURL(/\/admin\/audit\?action=authz_denied$/);
  await expect(page.getByRole('combobox', { name: 'Outcome' })).toHaveText('Any');
  await page.goForward();
  await expect(page).toHaveURL(/outcome=denied$/);
  await expect(page.getByRole('combobox', { name: 'Outcome' })).toHaveText('Denied');

  const expected = await listedIds(page, 'action=authz_denied&outcome=denied');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-.*\.csv$/);
  let csv = '';
  for await (const chunk of await download.createReadStream()) csv += chunk.toString();
  const records = csvRecords(csv);
  expect(records.map((record) => record.id)).toEqual(expected);
  expect(new Set(records.map((record) => `${record.action} ${record.outcome}`))).toEqual(new Set(['authz_denied denied']));
  expect(records.some((record) => record.actor_email === DEMO_USERS.viewer)).toBe(true);
});

test('a supervisor gets the forbidden page, not the log', async ({ supervisorPage: page, axe }) => {
  const response = await page.goto('/admin/audit');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Audit log entries' })).toHaveCount(0);
  await axe(page, '/admin/audit as a supervisor');
});

test('on a phone the log reads as cards, filters and the detail fit the screen', async ({ adminPage: page, axe }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/admin/audit?outcome=denied');
  const cards = page.getByTestId('audit-card');
  await expect(cards.first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Audit log entries' })).toBeHidden();
  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await axe(page, '/admin/audit on a phone');
  await cards
    .first()
    .getByRole('button', { name: /^Details of the entry of / })
    .click();
  await expect(page.getByRole('dialog', { name: 'Audit entry' })).toBeVisible();
  await axe(page, '/admin/audit detail dialog on a phone');
});

for (const [width, height] of [
  [1440, 900],
  [1280, 800],
] as const) {
  test(`on a ${width}-pixel laptop each row's details button is in view, without scrolling the table sideways`, async ({ adminPage: page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/admin/audit');
    const table = page.getByRole('table', { name: 'Audit log entries' });
    await expect(table).toBeVisible();
    const details = page
      .getByTestId('audit-row')
      .first()
      .getByRole('button', { name: /^Details of the entry of / });
    // Whole, inside the table's scrolling box as it opens (the request id is in the detail), and
    // still there once the table is scrolled sideways.
    await expect(details).toBeInViewport({ ratio: 1 });
    await table.evaluate((element) => element.parentElement!.scrollTo({ left: element.parentElement!.scrollWidth / 3 }));
    await expect(details).toBeInViewport({ ratio: 1 });
    // On a laptop the whole table fits: nothing hidden behind the pinned column.
    expect(await table.evaluate((element) => element.parentElement!.scrollWidth - element.parentElement!.clientWidth)).toBeLessThanOrEqual(0);
  });
}

test('a filter that matches nothing says so, and clearing it shows the log again', async ({ adminPage: page }) => {
  await page.goto(`/admin/audit?workOrder=${crypto.randomUUID()}`);
  await expect(page.getByRole('heading', { name: 'No entries' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
});
