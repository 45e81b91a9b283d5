import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { E2eEnv } from './env';

/**
 * The work-order page on a phone (360 px wide): each task is a card — no sideways scrolling —
 * showing the same verdict, state and actions as the desktop table; a correction can be made
 * from a card by touch and with the keyboard review flow; the page is axe clean at that width.
 * On desktop widths the grid is a table where it has room and cards where it has not.
 *
 * Work orders are taken from their own slice of the simulator's list (from index 230), apart from
 * the desktop specs, so tests running in parallel never touch the same one.
 */

type Value = boolean | number | string | null;
interface SimTask {
  id: string;
  name: string;
  sentence: string;
  outcome_type: 'Boolean' | 'Number' | 'Text';
  task_group_name: string;
  state: { analyzed_value: Value; corrected_value: Value; message: string | null } | null;
}
interface SimWorkOrder {
  id: string;
  name: string;
  tasks: SimTask[];
  task_groups: { id: string; name: string; display_name: string; order: number }[];
}

const PHONE = { width: 360, height: 780 };

async function simGet<T>(env: E2eEnv, path: string): Promise<T> {
  const response = await fetch(`${env.apiUrl}${path}`, { headers: { Authorization: `Token ${env.canary}` }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`simulator GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

const analyzed = (task: SimTask) => task.state !== null && task.state.analyzed_value !== null;
const uncorrectedBoolean = (task: SimTask) => task.outcome_type === 'Boolean' && analyzed(task) && task.state?.corrected_value === null;

/** The `skip`-th work order from index 230 (create_date order) with several task groups and every outcome type. */
async function findWorkOrder(env: E2eEnv, skip: number): Promise<SimWorkOrder> {
  const list = await simGet<{ results: { id: string }[] }>(env, 'work-orders/?page_size=300&page=1&ordering=create_date');
  let seen = 0;
  for (const { id } of list.results.slice(230)) {
    const workOrder = await simGet<SimWorkOrder>(env, `work-orders/${id}/?include_inputs=false`);
    const fits =
      workOrder.task_groups.length >= 2 &&
      (['Boolean', 'Number', 'Text'] as const).every((type) => workOrder.tasks.some((t) => t.outcome_type === type)) &&
      workOrder.tasks.some(uncorrectedBoolean);
    if (fits && seen++ === skip) return workOrder;
  }
  throw new Error('no work order in the simulator fits this test');
}

/** What the page shows for a value (TaskValueText). */
function shown(value: Value): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

function effective(task: SimTask): Value {
  return task.state?.corrected_value ?? task.state?.analyzed_value ?? null;
}

function taskCard(page: Page, task: SimTask) {
  return page.getByTestId(`task-row-${task.name}`).first();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Nothing is wider than the screen: the page never scrolls sideways. Measured once the page has settled. */
async function expectNoHorizontalScroll(page: Page) {
  await page.waitForLoadState('load');
  await expect.poll(() => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth), { timeout: 5_000 }).toBeLessThanOrEqual(0);
}

test.describe('work order page on a phone (360 px)', () => {
  test.use({ viewport: PHONE });

  test('each task is a card with its verdict; a correction is sent from a card', async ({ supervisorPage: page, env, axe }) => {
    const workOrder = await findWorkOrder(env, 0);
    await page.setViewportSize(PHONE);
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    await expectNoHorizontalScroll(page);

    // Every task is a card that fits the screen, with its verdict (current and AI), correction and message.
    for (const task of workOrder.tasks) {
      const card = taskCard(page, task);
      await card.scrollIntoViewIfNeeded();
      await expect(card).toBeVisible();
      const box = await card.boundingBox();
      expect(box, `card of ${task.name}`).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
      // Same accessible name as the desktop row; the cells keep their column headers.
      await expect(card).toHaveAccessibleName(task.sentence);
      const value = card.getByRole('cell').nth(1);
      await expect(value).toBeVisible();
      await expect(value).toContainText(shown(effective(task)));
      await expect(value).toContainText(`AI: ${shown(task.state?.analyzed_value ?? null)}`);
      await expect(value).toContainText(`Corrected: ${shown(task.state?.corrected_value ?? null)}`);
      if (task.state?.message) await expect(card.getByRole('cell').nth(2)).toContainText(task.state.message);
      await expect(card.getByRole('button', { name: `Correction history of ${task.sentence}` })).toBeVisible();
    }
    await axe(page, 'work-order page at 360 px (supervisor)');

    // Correct a Boolean task from its card, by touch-sized button.
    const task = workOrder.tasks.find(uncorrectedBoolean)!;
    const flipped = !(task.state!.analyzed_value as boolean);
    const card = taskCard(page, task);
    await card.getByRole('button', { name: new RegExp(`^Correct ${escapeRegExp(task.sentence)}$`) }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Correct: ${escapeRegExp(task.sentence)}`) });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: flipped ? 'Yes (Y)' : 'No (N)' }).click();
    await dialog.getByRole('combobox', { name: /reason/i }).click();
    await page.getByRole('option').first().click();
    await dialog.getByRole('button', { name: 'Review the correction' }).click();
    await expect(dialog.getByTestId('score-preview')).toBeVisible();
    await expectNoHorizontalScroll(page);
    await axe(page, 'correction form at 360 px');
    await dialog.getByRole('button', { name: 'Send correction' }).click();
    await expect(dialog.getByText(/Saved in Deepomatic/)).toBeVisible({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toHaveCount(0);

    // The card shows the new verdict, and the upstream has it.
    await expect(card.getByRole('cell').nth(1)).toContainText(`Corrected: ${shown(flipped)}`);
    await expect(card).toContainText(/Corrected here by supervisor@demo\.test \(applied\)/);
    await expect(card).toBeFocused();
    const upstream = await simGet<SimWorkOrder>(env, `work-orders/${workOrder.id}/?include_inputs=false`);
    expect(upstream.tasks.find((t) => t.id === task.id)?.state?.corrected_value).toBe(flipped);
    await expectNoHorizontalScroll(page);
  });

  test('the keyboard review flow works on the cards, and a card leads to its photos', async ({ supervisorPage: page, env }) => {
    const workOrder = await findWorkOrder(env, 1);
    await page.setViewportSize(PHONE);
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    // `goto` returned once the page itself has hydrated (fixtures): its keys answer from now on.

    // ? lists the keys.
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // J walks the cards in page order (task groups sorted by `order`), K goes back.
    const groups = [...workOrder.task_groups].sort((a, b) => a.order - b.order);
    const ordered = groups.flatMap((group) => workOrder.tasks.filter((t) => t.task_group_name === group.name));
    const live = page.getByTestId('live-region');
    await page.keyboard.press('j');
    await expect(taskCard(page, ordered[0])).toBeFocused();
    await expect(live).toContainText(`Task 1 of ${ordered.length}`);
    await page.keyboard.press('j');
    await expect(taskCard(page, ordered[1])).toBeFocused();
    await page.keyboard.press('k');
    await expect(taskCard(page, ordered[0])).toBeFocused();
    await expect(taskCard(page, ordered[0])).toBeInViewport();

    // Walk to a Boolean card; Y/N opens the form with that answer set; Escape gives the focus back.
    const target = workOrder.tasks.find(uncorrectedBoolean)!;
    const index = ordered.findIndex((t) => t.id === target.id);
    for (let i = 0; i < index; i += 1) await page.keyboard.press('j');
    await expect(taskCard(page, target)).toBeFocused();
    await expect(taskCard(page, target)).toBeInViewport();
    const key = target.state!.analyzed_value ? 'n' : 'y';
    await page.keyboard.press(key);
    const dialog = page.getByRole('dialog', { name: new RegExp(`Correct: ${escapeRegExp(target.sentence)}`) });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: key === 'y' ? 'Yes (Y)' : 'No (N)' })).toHaveAttribute('aria-pressed', 'true');
    // The preset answer is an unsaved intent: Discard drops it (no draft left behind).
    await dialog.getByRole('button', { name: /^(Discard|Cancel)$/ }).click();
    await expect(dialog).toHaveCount(0);
    await expect(taskCard(page, target)).toBeFocused();

    // Enter on a card opens the correction form too.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    // The photo action of a card brings its task group's photos into view.
    const group = groups.find((g) => g.name === target.task_group_name)!;
    await taskCard(page, target)
      .getByRole('button', { name: `Show the photos for ${target.sentence}` })
      .click();
    const photos = page.getByRole('region', { name: 'Photos', exact: true }).getByRole('region', { name: group.display_name, exact: true });
    await expect(photos.getByRole('heading', { name: group.display_name })).toBeInViewport();
    await expect(photos.locator(':focus')).toHaveCount(1);
    await expectNoHorizontalScroll(page);
  });
});

test.describe('work order page on desktop widths', () => {
  /** The grid's cells overflow their frame (a table scrolling sideways inside its panel). */
  const gridOverflows = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('table')].some((table) => {
        const frame = table.parentElement!;
        return frame.scrollWidth > frame.clientWidth + 1;
      }),
    );

  test('the grid is a table where it has room, and cards where the photos take half the screen', async ({ supervisorPage: page, env }) => {
    const workOrder = await findWorkOrder(env, 2);
    const task = workOrder.tasks.find(analyzed)!;

    // Wide screen: the table, with its column headers.
    await page.setViewportSize({ width: 1920, height: 1000 });
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Counts' }).first()).toBeVisible();
    await expect(taskCard(page, task)).toHaveCSS('display', 'table-row');
    expect(await gridOverflows(page)).toBe(false);

    // A laptop: the grid gets ~630 px beside the photos, too narrow for the table: cards, with
    // every action reachable without scrolling sideways.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(taskCard(page, task)).toHaveCSS('display', 'grid');
    expect(await gridOverflows(page)).toBe(false);
    await taskCard(page, task).scrollIntoViewIfNeeded();
    await expect(taskCard(page, task).getByRole('button', { name: `Correct ${task.sentence}` })).toBeInViewport();
    await expectNoHorizontalScroll(page);
  });
});
