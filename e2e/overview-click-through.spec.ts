import type { Page } from '@playwright/test';
import type { Overview, TaskStats } from '@/lib/shared/overview';
import { expect, test } from './fixtures';
import { listTotal } from './list-total';

/** The overview API once the index sync has brought task details (per-task rows). */
async function overviewWithTasks(page: Page): Promise<Overview> {
  let overview: Overview | undefined;
  await expect
    .poll(
      async () => {
        const response = await page.request.get('/api/overview');
        if (!response.ok()) return 0;
        overview = (await response.json()) as Overview;
        return overview.tasks.filter((row) => row.conformity && row.notValidated > 0).length;
      },
      { timeout: 90_000, message: 'the index sync brings per-task rows' },
    )
    .toBeGreaterThan(0);
  return overview!;
}

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
const rowName = (row: TaskStats) => `${row.taskGroupName} · ${row.taskName}`;

test.describe('overview click-through', () => {
  test('a per-task count opens the list of exactly that many work orders, with removable task chips', async ({ viewerPage: page }) => {
    await page.goto('/work-orders'); // same origin for page.request
    const overview = await overviewWithTasks(page);
    const row = [...overview.tasks].filter((task) => task.conformity).sort((a, b) => b.notValidated - a.notValidated)[0];

    await page.goto('/overview');
    const tableRow = page
      .getByTestId('tasks-table')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: rowName(row), exact: true }) });
    await expect(tableRow).toHaveCount(1);
    const link = tableRow.getByRole('link', { name: new RegExp(`\\(${row.notValidated.toLocaleString('en')}\\)$`) }).first();
    // The number on the row is the one the list will show.
    await expect(link).toHaveAttribute('title', 'Open the work orders where this task is not validated');
    await link.click();
    await page.waitForURL((url) => url.pathname === '/work-orders' && url.searchParams.get('taskState') === 'not_validated');
    const url = new URL(page.url());
    expect(url.searchParams.get('taskGroup')).toBe(row.taskGroupName);
    expect(url.searchParams.get('task')).toBe(row.taskName);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(async () => number(await heading.textContent())).toBe(row.notValidated);

    const chips = page.getByTestId('task-filter-chips');
    await expect(chips.getByRole('button', { name: `Remove filter Task: ${row.taskName}` })).toBeVisible();
    await expect(chips.getByRole('button', { name: `Remove filter Task group: ${row.taskGroupName}` })).toBeVisible();
    await page.screenshot({ path: 'test-results/overview-click-through-list.png', fullPage: true });

    // Without the state (removed from the keyboard): every work order with the task, the row's "Tasks" count.
    await chips.getByRole('button', { name: 'Remove filter Task not validated' }).focus();
    await page.keyboard.press('Delete');
    await page.waitForURL((next) => !next.searchParams.has('taskState') && next.searchParams.get('task') === row.taskName);
    await expect.poll(async () => number(await heading.textContent())).toBe(row.tasks);
  });

  test('every count of a task row agrees with the list it links to', async ({ viewerPage: page }) => {
    await page.goto('/work-orders');
    const overview = await overviewWithTasks(page);
    await page.goto('/overview');
    await page.screenshot({ path: 'test-results/overview-click-through-overview.png', fullPage: true });
    const row = overview.tasks.find((task) => task.corrected > 0 || task.notAnalyzed > 0) ?? overview.tasks[0];
    const tableRow = page
      .getByTestId('tasks-table')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: rowName(row), exact: true }) });
    const hrefs = await tableRow
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => [link.getAttribute('href') ?? '', link.textContent ?? '']));
    expect(hrefs.length).toBeGreaterThanOrEqual(2);
    for (const [href, text] of hrefs) {
      const query = new URL(href, page.url()).searchParams;
      const total = await listTotal(page, query);
      const state = query.get('taskState');
      const expected =
        state === 'not_validated' ? row.notValidated : state === 'not_analyzed' ? row.notAnalyzed : state === 'corrected' ? row.corrected : row.tasks;
      expect(total, href).toBe(expected);
      // The link shows the count it opens (the task name link shows the name).
      if (/\d/.test(text) && !text.includes('·')) expect(number(text.replace(/^.*\(/, ''))).toBe(total);
    }
  });

  test('the "no technician" row opens the work orders without one', async ({ viewerPage: page }) => {
    await page.goto('/work-orders');
    const overview = await overviewWithTasks(page);
    const none = overview.technicians.find((row) => row.key === null);
    test.skip(!none, 'every simulated work order has a technician');
    await page.goto('/overview');
    await page.getByTestId('technicians').getByRole('button', { name: 'Table' }).click();
    await page.getByTestId('technicians-table').getByRole('link', { name: 'No technician' }).click();
    await page.waitForURL((url) => url.searchParams.get('assigned') === 'no');
    await expect.poll(async () => number(await page.getByRole('heading', { level: 1 }).textContent())).toBe(none!.workOrders);
    await expect(page.getByTestId('task-filter-chips').getByRole('button', { name: 'Remove filter No field engineer' })).toBeVisible();
  });
});
