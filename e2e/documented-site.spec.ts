import type { Page } from '@playwright/test';
import { documentedSiteEnv, type DocumentedSiteEnv } from './documented-site';
import { DEMO_USERS, expect, progressScore, signIn, SIGN_IN_PATH, test as base } from './fixtures';

/**
 * One journey — sign in, search, open, correct, mark reviewed, overview — against an app whose
 * upstream answers only what the API's documents name (the simulator's `documented` profile,
 * started by the global setup next to the main pair): no dates, no colours, no validation
 * flags, no task sentences, tasks nested in their groups, corrections as strings only, task
 * groups by name without the final slash. What works here works on a real site.
 */

const test = base.extend<{ site: DocumentedSiteEnv }>({
  site: async ({}, use) => use(documentedSiteEnv()),
  baseURL: async ({}, use) => use(documentedSiteEnv().baseURL),
});

async function upstream<T>(site: DocumentedSiteEnv, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${site.apiUrl}${path}`, {
    method,
    headers: { Authorization: `Token ${site.canary}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`documented simulator ${method} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function simulatorAdmin(site: DocumentedSiteEnv, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${site.simulatorAdminUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${site.simulatorAdminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`documented simulator admin ${path}: ${response.status}`);
}

async function searchTotal(page: Page, query: string): Promise<number> {
  const response = await page.request.get(`/api/work-orders?${query}`);
  return response.ok() ? ((await response.json()) as { total: number }).total : 0;
}

test('sign in, search, open, correct, mark reviewed and see the overview on a site that answers only what the API documents', async ({
  page,
  site,
  axe,
}) => {
  test.setTimeout(180_000);

  // A work order named as a customer would (spaces, a slash, accents), analysed upstream with the
  // Boolean task `pm_ouvert_apres` at false (not validated).
  const name = `Poste Sud / Lyon 3e — équipe ${Date.now().toString(36)}`;
  const created = await upstream<{ id: string; name: string; task_groups: { name: string; tasks: { id: string; name: string }[] }[] }>(
    site,
    'POST',
    'work-orders/',
    { name, work_order_types: ['inspection-rapide'] },
  );
  expect(created.name).toBe(name);
  await simulatorAdmin(site, `/work-orders/${created.id}/analysis`, {
    task_group_name: 'pm-ouvert-apres',
    values: { pm_ouvert_apres: false, pm_ouvert_apres_quality: true },
  });

  // Sign in through the form.
  await signIn(page, DEMO_USERS.supervisor, site.demoPassword);
  await page.waitForURL((url) => !SIGN_IN_PATH.test(url.pathname + url.search), { timeout: 30_000 });

  // The index sync reads a site without update dates too: the new work order reaches the search.
  await expect.poll(() => searchTotal(page, `review=all&q=${encodeURIComponent(name)}`), { timeout: 90_000, intervals: [1_000, 2_000] }).toBe(1);

  // Search by its name as typed, then open it from the list.
  await page.goto('/work-orders?review=all');
  await page.getByRole('searchbox', { name: /search work orders/i }).fill(name);
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/work-orders/${created.id}`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  // What the site does not send is shown as unknown, not invented; what it does not say about a
  // task (colour, validation) follows from the task's rules.
  const row = page.getByTestId('task-row-pm_ouvert_apres');
  await expect(row).toContainText('not validated');
  await expect(page.getByText('Created', { exact: true }).locator('..')).toContainText('unknown');
  const before = Number(((await progressScore(page).textContent()) ?? '').replace(/[^\d]/g, ''));
  await axe(page, 'work-order page on a documented-only site');

  // Correct the Boolean task (its label is its name: the site sends no sentence).
  await row.getByRole('button', { name: 'Correct pm_ouvert_apres' }).click();
  const dialog = page.getByRole('dialog', { name: /Correct: pm_ouvert_apres/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Yes (Y)' }).click();
  await dialog.getByRole('combobox', { name: /reason/i }).click();
  await page.getByRole('option').first().click();
  await dialog.getByRole('button', { name: 'Review the correction' }).click();
  await expect(dialog.getByTestId('score-preview')).toBeVisible();
  await dialog.getByRole('button', { name: 'Send correction' }).click();
  await expect(dialog.getByText(/Saved in Deepomatic/)).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(row).toContainText('Corrected: Yes');
  await expect(row).not.toContainText('not validated');

  // The upstream stored the value (as the string it accepts), and the page shows its score.
  const after = await upstream<{ progress_score: number; task_groups: { tasks: { name: string; state: { corrected_value: unknown } | null }[] }[] }>(
    site,
    'GET',
    `work-orders/${created.id}/?include_inputs=false`,
  );
  const stored = after.task_groups.flatMap((group) => group.tasks).find((task) => task.name === 'pm_ouvert_apres');
  expect(stored?.state?.corrected_value).toBe('true');
  expect(after.progress_score).toBeGreaterThan(before);
  await expect(progressScore(page)).toHaveText(`${after.progress_score} %`);

  // Mark it reviewed.
  await page.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(page.getByTestId('review-state')).toHaveText('Reviewed');

  // The overview counts it.
  await expect
    .poll(
      async () => {
        const response = await page.request.get('/api/overview');
        if (!response.ok()) return null;
        const { kpis } = (await response.json()) as { kpis: { reviewedToday: number; correctionsToday: number; workOrders: number } };
        return kpis.reviewedToday >= 1 && kpis.correctionsToday >= 1 && kpis.workOrders > 1;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await page.goto('/overview');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('kpi-reviewedToday').getByTestId('kpi-value')).not.toHaveText('0');
  // The site sends no creation or update dates: the figures counted by day say whose dates they use.
  await expect(page.getByTestId('trend-dates-note')).toContainText('does not send creation dates');
  await expect(page.getByTestId('stuck-dates-note')).toContainText('does not send update dates');
  // No error on the page (the framework's route announcer is an empty alert region).
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
});
