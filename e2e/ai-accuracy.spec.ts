import type { AiAccuracy } from '@/lib/shared/ai-accuracy';
import { expect, test } from './fixtures';

/** The section's own API, as the signed-in page sees it (the setup project waited for the first sync). */
async function accuracyOf(page: import('@playwright/test').Page, query = ''): Promise<AiAccuracy> {
  const response = await page.request.get(`/api/overview/ai-accuracy${query ? `?${query}` : ''}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as AiAccuracy;
}

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test.describe('AI accuracy on the overview', () => {
  test('shows the overturns by task, version and week from every correction, accessible', async ({ viewerPage: page, axe }) => {
    await page.goto('/work-orders'); // same origin for page.request
    const accuracy = await accuracyOf(page);
    // The simulated site's own corrections (made on the platform, not here) already count.
    expect(accuracy.tasks.some((task) => task.okToKo + task.koToOk > 0)).toBe(true);

    await page.goto('/overview');
    const section = page.getByTestId('ai-accuracy');
    await expect(section.getByRole('heading', { name: 'AI accuracy: overturns by every correction' })).toBeVisible();
    const taskRows = section.getByTestId('ai-accuracy-tasks').locator('tbody tr');
    await expect(taskRows).toHaveCount(accuracy.tasks.length);
    // Most overturned first, with its judged count (n) in the last column.
    const first = accuracy.tasks[0];
    await expect(taskRows.first().locator('th')).toHaveText(`${first.taskGroupName} · ${first.taskName}`);
    expect(number(await taskRows.first().locator('td').last().textContent())).toBe(first.judged);
    await expect(section.getByTestId('ai-accuracy-versions').locator('tbody tr')).toHaveCount(accuracy.versions.length);
    // One application version on this site: the drift alarm says why it has nothing to compare.
    await expect(section.getByTestId('ai-drift')).toContainText('compares the two newest application versions');
    // Nothing to say is a status, not an alert that interrupts a screen reader's user.
    await expect(section.getByTestId('ai-drift')).toHaveAttribute('role', 'status');

    // The weekly chart's table view: one row per week.
    await section.getByTestId('ai-accuracy-weeks').getByRole('button', { name: 'Table' }).click();
    await expect(section.getByTestId('ai-accuracy-weeks').locator('tbody tr')).toHaveCount(accuracy.weeks.length);
    await axe(page, 'overview with the AI accuracy section');
  });

  test('follows the overview’s filter', async ({ viewerPage: page }) => {
    await page.goto('/work-orders');
    const all = await accuracyOf(page);
    const judgedAll = all.tasks.reduce((sum, task) => sum + task.judged, 0);
    const filtered = await accuracyOf(page, 'progressMax=99');
    const judgedFiltered = filtered.tasks.reduce((sum, task) => sum + task.judged, 0);
    expect(judgedFiltered).toBeLessThanOrEqual(judgedAll);
    expect(filtered.query).toBe('progressMax=99');
    await page.goto('/overview?progressMax=99');
    await expect(page.getByTestId('ai-accuracy-tasks').locator('tbody tr')).toHaveCount(filtered.tasks.length);
  });

  test('raises the drift alarm with each drifting task, its rates, sample sizes and chance in words', async ({ viewerPage: page, axe }) => {
    // Two application versions cannot be staged on the shared site without changing every
    // task id under the other specs: the section is fed a drifting answer instead (the
    // statistics and the upstream's side are covered by the unit and integration tests).
    await page.goto('/work-orders');
    const real = await accuracyOf(page);
    const drifting: AiAccuracy = {
      ...real,
      drift: {
        test: 'fisher-exact-two-sided',
        correction: 'holm',
        alpha: 0.05,
        minJudged: 20,
        previousVersion: '90bf1a2c-9437-4594-af13-361e1c3270ba',
        latestVersion: '5d1e7c3a-0000-4000-8000-000000000002',
        untested: 1,
        tasks: [
          {
            taskGroupName: 'pm-ouvert-apres',
            taskName: 'pm_ouvert_apres',
            before: { judged: 40, overturned: 2, rate: 0.05 },
            after: { judged: 40, overturned: 16, rate: 0.4 },
            pValue: 0.000296651,
            adjustedPValue: 0.000593302,
            drifting: true,
          },
          {
            taskGroupName: 'mesure-optique',
            taskName: 'mesure',
            before: { judged: 40, overturned: 4, rate: 0.1 },
            after: { judged: 40, overturned: 5, rate: 0.125 },
            pValue: 1,
            adjustedPValue: 1,
            drifting: false,
          },
        ],
      },
    };
    await page.route('**/api/overview/ai-accuracy*', (route) => route.fulfill({ json: drifting }));
    await page.goto('/overview');
    const alarm = page.getByTestId('ai-drift');
    await expect(alarm).toContainText("One task's overturn rate changed from application version 90bf1a2c… to 5d1e7c3a…");
    await expect(alarm).toHaveAttribute('role', 'alert');
    const tasks = alarm.getByTestId('ai-drift-task');
    await expect(tasks).toHaveCount(1);
    await expect(tasks.first()).toContainText('pm-ouvert-apres · pm_ouvert_apres: 5% → 40% (n = 40 → 40)');
    await expect(tasks.first()).toContainText('less than 1 time in 1,000');
    await expect(alarm).toContainText('Holm');
    await axe(page, 'overview with a drift alarm');
  });
});
