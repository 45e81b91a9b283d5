import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { E2eEnv } from './env';

/**
 * Review speed on a laptop (1440×900): the tasks are a compact table beside the photos, a dozen
 * task lines on screen as the page opens, and walking through a ~30-task work order with J keeps
 * the photos in view at every step (the tasks scroll in their own region). On a phone the tasks
 * stay cards. Screenshots of both widths go to /tmp/compact-*.png for a human look.
 *
 * Read only (no correction is sent): the work order is the one nearest 30 tasks, with photos,
 * from the end of the simulator's list.
 */

interface SimWorkOrder {
  id: string;
  name: string;
  tasks: { id: string; name: string; sentence: string }[];
  inputs?: unknown[];
}

const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** The app shell's fixed bar: what is under it is not seen. */
const APP_BAR = 56;
const WANTED_TASKS = 30;

async function simGet<T>(env: E2eEnv, path: string): Promise<T> {
  const response = await fetch(`${env.apiUrl}${path}`, { headers: { Authorization: `Token ${env.canary}` }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`simulator GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function workOrderOfAboutThirtyTasks(env: E2eEnv): Promise<SimWorkOrder> {
  const list = await simGet<{ results: { id: string }[] }>(env, 'work-orders/?page_size=300&page=1&ordering=create_date');
  let best: SimWorkOrder | undefined;
  for (const { id } of list.results.slice(250)) {
    const workOrder = await simGet<SimWorkOrder>(env, `work-orders/${id}/`);
    if (!workOrder.inputs?.length) continue;
    if (!best || Math.abs(workOrder.tasks.length - WANTED_TASKS) < Math.abs(best.tasks.length - WANTED_TASKS)) best = workOrder;
  }
  if (!best) throw new Error('no work order with photos in the simulator fits this test');
  return best;
}

/** The box is wholly on screen, below the app bar. */
async function fullyInView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  return (
    !!box &&
    box.height > 0 &&
    box.y >= APP_BAR - 0.5 &&
    box.y + box.height <= viewport.height + 0.5 &&
    box.x >= 0 &&
    box.x + box.width <= viewport.width + 0.5
  );
}

/** The name of the task a row shows (its technical name: on a card, not on the compact line). */
async function firstTaskName(row: Locator, workOrder: SimWorkOrder): Promise<string> {
  const id = await row.getAttribute('data-task-id');
  const task = workOrder.tasks.find((candidate) => candidate.id === id);
  if (!task) throw new Error(`task ${id} is not in the work order`);
  return task.name;
}

const taskRows = (page: Page) => page.locator('tr[data-task-id]');
const firstPhoto = (page: Page) => page.getByTestId('work-order-input').first();

test.describe('work order page on a laptop', () => {
  test.use({ viewport: LAPTOP });

  test('a dozen compact task lines beside the photos, and a keyboard walk through every task keeps the photos in view', async ({
    supervisorPage: page,
    env,
    axe,
  }) => {
    const workOrder = await workOrderOfAboutThirtyTasks(env);
    expect(workOrder.tasks.length, 'tasks of the work order').toBeGreaterThanOrEqual(24);
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    await expect(taskRows(page)).toHaveCount(workOrder.tasks.length);
    await page.waitForLoadState('load');

    // One dense line per task, in a table: the bookkeeping column is left out of the line.
    const first = taskRows(page).first();
    await expect(first).toHaveCSS('display', 'table-row');
    await expect(page.getByRole('columnheader', { name: 'Counts' }).first()).toBeHidden();
    await expect(page.getByRole('columnheader', { name: 'Value' }).first()).toBeVisible();
    await expect(first.getByText(await firstTaskName(first, workOrder), { exact: true })).toBeHidden();

    // At least 12 task lines wholly on screen as the page opens, and the first photo beside them.
    let onScreen = 0;
    for (const row of await taskRows(page).all()) if (await fullyInView(page, row)) onScreen += 1;
    expect(onScreen, 'task lines wholly on screen on load').toBeGreaterThanOrEqual(12);
    expect(await fullyInView(page, firstPhoto(page)), 'first photo on screen on load').toBe(true);
    await page.screenshot({ path: '/tmp/compact-1440.png' });
    await axe(page, 'work-order page, compact table (1440×900)');

    // J through every task: each line is focused, marked current and on screen, and the photos never leave.
    const live = page.getByTestId('live-region');
    const rows = await taskRows(page).all();
    for (let i = 0; i < rows.length; i += 1) {
      await page.keyboard.press('j');
      await expect(live).toContainText(`Task ${i + 1} of ${rows.length}`);
      const row = page.locator('tr[data-task-id][aria-current="true"]');
      await expect(row).toBeFocused();
      expect(await fullyInView(page, row), `line of task ${i + 1} on screen`).toBe(true);
      expect(await fullyInView(page, firstPhoto(page)), `first photo on screen at task ${i + 1}`).toBe(true);
    }
    await page.screenshot({ path: '/tmp/compact-1440-last-task.png' });

    // And back up with K to the first task: still beside the photos.
    for (let i = rows.length - 1; i > 0; i -= 1) await page.keyboard.press('k');
    await expect(live).toContainText(`Task 1 of ${rows.length}`);
    expect(await fullyInView(page, taskRows(page).first())).toBe(true);
    expect(await fullyInView(page, firstPhoto(page))).toBe(true);
  });

  test('the task lines are drawn by the static stylesheet, and a button shows its name when focused from the keyboard', async ({
    supervisorPage: page,
    env,
  }) => {
    const workOrder = await workOrderOfAboutThirtyTasks(env);
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(taskRows(page)).toHaveCount(workOrder.tasks.length);
    // No element of a task line is styled by emotion (`mui-…` classes, written into the page on
    // every request): dozens of lines of them were most of the server's CPU for this page.
    await expect(page.locator('tr[data-task-id][class*="mui-"], tr[data-task-id] [class*="mui-"]')).toHaveCount(0);

    // From the first line, Tab to its first button: its tooltip (drawn by CSS) says its accessible name.
    await taskRows(page).first().focus();
    await expect(taskRows(page).first()).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('Tab');
    await expect(taskRows(page).first().locator('button:focus')).toHaveCount(1);
    const button = page.locator('button:focus');
    const name = await button.getAttribute('aria-label');
    expect(name).toBeTruthy();
    const tooltip = await button.evaluate((element) => {
      const style = getComputedStyle(element, '::after');
      return { display: style.display, content: style.content };
    });
    expect(tooltip.display).toBe('block');
    expect(tooltip.content).toBe(JSON.stringify(name));
  });

  test('photos, timeline events and header fields are drawn by static stylesheets, and a photo is ringed when focused from the keyboard', async ({
    supervisorPage: page,
    env,
  }) => {
    const workOrder = await workOrderOfAboutThirtyTasks(env);
    await page.goto(`/work-orders/${workOrder.id}`);
    // The task groups' sections inside the photos' own section.
    const photoGroups = page.locator('section[aria-labelledby="photos-heading"] section');
    const events = page.getByTestId('timeline-entry');
    const fields = page.locator('header dl > div');
    await expect(firstPhoto(page)).toBeVisible();
    expect(await photoGroups.count(), 'task groups with photos').toBeGreaterThan(0);
    expect(await events.count(), 'timeline events').toBeGreaterThan(0);
    expect(await fields.count(), 'header fields').toBeGreaterThanOrEqual(8);
    // Drawn once per group, photo, event or field, none of them is styled by emotion (`mui-…`
    // classes, written into the page on every request). The "add a photo" button stays MUI's.
    const emotion = '[class*="mui-"]';
    await expect(photoGroups.and(page.locator(emotion))).toHaveCount(0);
    await expect(page.getByTestId('work-order-input').locator(emotion)).toHaveCount(0);
    await expect(events.locator(emotion)).toHaveCount(0);
    await expect(fields.locator(emotion)).toHaveCount(0);

    // A photo opens the zoom dialog: from the keyboard it is ringed in the primary colour.
    await page.waitForLoadState('load');
    const zoom = firstPhoto(page).getByRole('button');
    await zoom.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(zoom).toBeFocused();
    await expect(zoom).toHaveCSS('outline-style', 'solid');
    await expect(zoom).toHaveCSS('outline-width', '2px');
  });
});

test.describe('work order page on a phone', () => {
  test.use({ viewport: PHONE });

  test('the tasks stay cards, not the compact table', async ({ supervisorPage: page, env, axe }) => {
    const workOrder = await workOrderOfAboutThirtyTasks(env);
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    const first = taskRows(page).first();
    await first.scrollIntoViewIfNeeded();
    await expect(first).toHaveCSS('display', 'grid');
    // The card shows the task's name, which the compact line leaves out.
    await expect(first.getByText(await firstTaskName(first, workOrder), { exact: true })).toBeVisible();
    await page.screenshot({ path: '/tmp/compact-390.png' });
    await axe(page, 'work-order page, cards (390×844)');
  });
});
