import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The review queue: "Most doubtful first" and the built-in Review queue view order the list by
// doubt score, each row saying why in words; a user with no saved view lands on it; admins tune
// the weights.

interface DoubtRow {
  id: string;
  name: string;
  doubtScore: number;
  doubtReasons: { code: string; points: number }[];
}

/** How the English list words each reason (enough of it to recognise). */
const REASON_WORDS: Record<string, RegExp> = {
  conformityErrors: /with a conformity error/,
  conformityWarnings: /conformity warnings?/,
  tasksNotValidated: /not validated/,
  tasksNotAnalyzed: /never analysed/,
  overturnRisk: /AI often overturned on/,
  engineer: /Engineer retakes or corrections/,
  photoDisagreement: /photos that disagree/,
};

async function mostDoubtful(page: Page): Promise<DoubtRow[]> {
  const response = await page.request.get('/api/work-orders?sort=-doubtScore');
  expect(response.status()).toBe(200);
  const answer = (await response.json()) as { rows: DoubtRow[] };
  expect(answer.rows.length, 'work orders to review').toBeGreaterThan(0);
  return answer.rows;
}

const grid = (page: Page) => page.getByRole('table', { name: /work orders/i });

/** The first row shows the top work order's score and its reasons in words. */
async function expectTopRowExplained(page: Page, top: DoubtRow) {
  const cell = grid(page).getByTestId('doubt-reasons').first();
  await expect(cell).toContainText(String(top.doubtScore));
  if (top.doubtReasons.length === 0) {
    await expect(cell).toContainText('Nothing to doubt');
    return;
  }
  for (const reason of top.doubtReasons) await expect(cell).toContainText(REASON_WORDS[reason.code]);
}

test.describe('review queue', () => {
  test('"Most doubtful first" orders the list by doubt and each row says why', async ({ viewerPage: page, axe }) => {
    const rows = await mostDoubtful(page);
    const scores = rows.map((row) => row.doubtScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0], 'a work order with something to doubt').toBeGreaterThan(0);

    await page.goto('/work-orders');
    const button = page.getByRole('button', { name: 'Most doubtful first' });
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await button.click();
    await expect(page).toHaveURL(/sort=-doubtScore/);
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(grid(page).getByRole('columnheader', { name: 'Doubt' })).toBeVisible();
    await expect(
      grid(page)
        .getByRole('link', { name: `Open work order ${rows[0].name}` })
        .first(),
    ).toBeVisible();
    await expectTopRowExplained(page, rows[0]);
    await axe(page, 'the list, most doubtful first');
  });

  test('the built-in Review queue view is offered to everyone and opens the same order', async ({ viewerPage: page, axe }) => {
    const rows = await mostDoubtful(page);
    await page.goto('/work-orders?review=all&sort=name');
    await page.getByRole('button', { name: /saved views/i }).click();
    const item = page.getByRole('menuitem', { name: /Review queue/ });
    await expect(item).toContainText('To review, most doubtful first');
    await axe(page, 'the saved views menu with the Review queue');
    await item.click();
    await expect(page).toHaveURL(/sort=-doubtScore/);
    await expect(page).not.toHaveURL(/review=all/);
    await expectTopRowExplained(page, rows[0]);
  });

  test('a user with no saved view lands on the Review queue', async ({ viewerPage: page }) => {
    const views = (await (await page.request.get('/api/saved-views')).json()) as { mine: boolean }[];
    expect(views.filter((view) => view.mine)).toEqual([]);
    await page.goto('/');
    await expect(page).toHaveURL(/\/work-orders\?sort=-doubtScore/);
    await expect(page.getByRole('button', { name: 'Most doubtful first' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('an admin changes the weights on the admin page; the change is audited', async ({ adminPage: page, axe }) => {
    await page.goto('/admin');
    const section = page.getByRole('region', { name: 'Review queue' });
    await expect(section).toBeVisible();
    const field = section.getByRole('textbox', { name: 'Conformity warning' });
    const original = await field.inputValue();
    await field.fill('-3');
    await expect(section.getByText('A whole number from 0 to 1000')).toBeVisible();
    await expect(section.getByRole('button', { name: 'Save weights' })).toBeDisabled();
    await axe(page, '/admin with an invalid weight');

    await field.fill(String(Number(original) + 1));
    await section.getByRole('button', { name: 'Save weights' }).click();
    await expect(section.getByRole('status')).toContainText('Weights saved');
    await expect(section.getByText(/Changed .* by admin@demo\.test/)).toBeVisible();

    const audit = (await (await page.request.get('/api/admin/audit?action=doubt_weights_changed')).json()) as {
      rows: { before: Record<string, number>; after: Record<string, number> }[];
    };
    expect(audit.rows[0].before.conformityWarnings).toBe(Number(original));
    expect(audit.rows[0].after.conformityWarnings).toBe(Number(original) + 1);

    // Back as it was, for the other journeys.
    await field.fill(original);
    await section.getByRole('button', { name: 'Save weights' }).click();
    await expect(section.getByRole('status')).toContainText('Weights saved');
  });
});
