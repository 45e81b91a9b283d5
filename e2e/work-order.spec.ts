import type { Page } from '@playwright/test';
import { expect, progressScore, test } from './fixtures';
import type { E2eEnv } from './env';

/**
 * The work-order page in real Chromium against the production build and the simulator:
 * corrections of each outcome type (score, audit, timeline), drafts across a reload, the
 * viewer's read-only page, keyboard-only review, and a photo analysis.
 *
 * Each test picks its own work order (a distinct slice of the simulator's list) so tests
 * running in parallel never touch the same one.
 */

interface SimState {
  analyzed_value: boolean | number | string | null;
  corrected_value: boolean | number | string | null;
}
interface SimTask {
  id: string;
  name: string;
  sentence: string;
  outcome_type: 'Boolean' | 'Number' | 'Text';
  conformity_status: boolean;
  task_group_name: string;
  state: SimState | null;
}
interface SimWorkOrder {
  id: string;
  name: string;
  progress_score: number;
  tasks: SimTask[];
  task_groups: { name: string; display_name: string; order: number }[];
}

async function simGet<T>(env: E2eEnv, path: string): Promise<T> {
  const response = await fetch(`${env.apiUrl}${path}`, { headers: { Authorization: `Token ${env.canary}` }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`simulator GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

const analyzed = (task: SimTask) => task.state !== null && task.state.analyzed_value !== null;
const uncorrected = (task: SimTask) => analyzed(task) && task.state?.corrected_value === null;

/** The `skip`-th work order (in create_date order, from `start`) that `accept` likes. */
async function findWorkOrder(env: E2eEnv, start: number, accept: (wo: SimWorkOrder) => boolean, skip = 0): Promise<SimWorkOrder> {
  const list = await simGet<{ results: { id: string }[] }>(env, `work-orders/?page_size=200&page=1&ordering=create_date`);
  let seen = 0;
  for (const { id } of list.results.slice(start)) {
    const workOrder = await simGet<SimWorkOrder>(env, `work-orders/${id}/?include_inputs=false`);
    if (accept(workOrder) && seen++ === skip) return workOrder;
  }
  throw new Error('no work order in the simulator fits this test');
}

function taskRow(page: Page, task: SimTask) {
  return page.getByTestId(`task-row-${task.name}`).first();
}

async function openCorrection(page: Page, task: SimTask) {
  await taskRow(page, task)
    .getByRole('button', { name: new RegExp(`^Correct ${escapeRegExp(task.sentence)}$`) })
    .click();
  await expect(page.getByRole('dialog', { name: new RegExp(`Correct: ${escapeRegExp(task.sentence)}`) })).toBeVisible();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function pickReason(page: Page) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: /reason/i }).click();
  await page.getByRole('option').first().click();
}

async function reviewAndSend(page: Page): Promise<{ before: number; after: number }> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Review the correction' }).click();
  const preview = dialog.getByTestId('score-preview');
  await expect(preview).toBeVisible();
  await expect(dialog.getByText(/definitive in Deepomatic/).first()).toBeVisible();
  const text = (await preview.textContent()) ?? '';
  const numbers = [...text.matchAll(/(\d+) %/g)].map((m) => Number(m[1]));
  await dialog.getByRole('button', { name: 'Send correction' }).click();
  await expect(dialog.getByText(/Saved in Deepomatic/)).toBeVisible({ timeout: 30_000 });
  return { before: numbers[0], after: numbers[1] ?? numbers[0] };
}

test.describe('work order page', () => {
  test('a supervisor corrects a Boolean, a Number and a Text task and sees score, audit and timeline', async ({ supervisorPage: page, env, sim }) => {
    const workOrder = await findWorkOrder(env, 20, (wo) =>
      (['Boolean', 'Number', 'Text'] as const).every((type) => wo.tasks.some((t) => t.outcome_type === type && uncorrected(t))),
    );
    const pick = (type: SimTask['outcome_type']) => workOrder.tasks.find((t) => t.outcome_type === type && uncorrected(t))!;
    const boolTask = pick('Boolean');
    const numberTask = pick('Number');
    const textTask = pick('Text');

    // Open it from the search, as a supervisor would.
    await page.goto(`/work-orders?q=${encodeURIComponent(workOrder.name)}`);
    await page.getByRole('link', { name: workOrder.name }).first().click();
    await expect(page).toHaveURL(new RegExp(`/work-orders/${workOrder.id}`));
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    await expect(progressScore(page)).toHaveText(`${workOrder.progress_score} %`);

    await sim.clearLedger().catch(() => undefined);

    // Boolean: flip the AI's verdict with the two-choice toggle.
    await openCorrection(page, boolTask);
    const flipped = !(boolTask.state!.analyzed_value as boolean);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: flipped ? 'Yes (Y)' : 'No (N)' })
      .click();
    await pickReason(page);
    const boolScores = await reviewAndSend(page);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(progressScore(page)).toHaveText(`${boolScores.after} %`);
    await expect(taskRow(page, boolTask)).toContainText(`Corrected: ${flipped ? 'Yes' : 'No'}`);

    // Number: a bad value is refused in the browser, then a valid one goes through.
    await openCorrection(page, numberTask);
    const numberInput = page.getByRole('dialog').getByRole('textbox', { name: /new value/i });
    await numberInput.fill('3,5');
    await pickReason(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Review the correction' }).click();
    await expect(page.getByRole('dialog').getByText(/Enter a number/)).toBeVisible();
    const newNumber = Number(numberTask.state!.analyzed_value) + 7;
    await numberInput.fill(String(newNumber));
    await reviewAndSend(page);
    // Once saved, the dialog's "Now:" line is the value just saved, no longer the one before.
    await expect(page.getByRole('dialog').getByText(/^Now:/)).toContainText(`Now: ${newNumber} ·`);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(taskRow(page, numberTask)).toContainText(`Corrected: ${newNumber}`);

    // Text.
    await openCorrection(page, textTask);
    const newText = `E2E-${Date.now().toString(36)}`;
    await page
      .getByRole('dialog')
      .getByRole('textbox', { name: /new value/i })
      .fill(newText);
    await pickReason(page);
    await reviewAndSend(page);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(taskRow(page, textTask)).toContainText(newText);

    // One PATCH per intent reached the upstream.
    const ledger = await sim.ledger().catch(() => null);
    if (ledger) {
      const patches = ledger.filter((entry) => entry.method === 'PATCH' && entry.path.includes(`/work-orders/${workOrder.id}/tasks/`));
      expect(patches).toHaveLength(3);
    }

    // The upstream agrees with what the page shows.
    const after = await simGet<SimWorkOrder>(env, `work-orders/${workOrder.id}/?include_inputs=false`);
    expect(after.tasks.find((t) => t.id === textTask.id)?.state?.corrected_value).toBe(newText);
    await page.reload();
    await expect(progressScore(page)).toHaveText(`${after.progress_score} %`);

    // Our audit: "corrected here by" on the row, the history, and the merged timeline.
    await expect(taskRow(page, textTask)).toContainText(/Corrected here by supervisor@demo\.test \(applied\)/);
    await taskRow(page, textTask)
      .getByRole('button', { name: `Correction history of ${textTask.sentence}` })
      .click();
    await expect(page.getByRole('dialog').getByTestId('correction-history').getByRole('listitem').first()).toContainText(newText);
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    const timeline = page.getByTestId('timeline-entry');
    await expect(timeline.filter({ hasText: 'Field Review' }).filter({ hasText: newText }).first()).toBeVisible();
    await expect(timeline.filter({ hasText: 'Deepomatic' }).filter({ hasText: 'Correction' }).first()).toBeVisible();
  });

  test('a value typed and not sent survives a reload as a draft', async ({ supervisorPage: page, env }) => {
    const workOrder = await findWorkOrder(env, 60, (wo) => wo.tasks.some((t) => t.outcome_type === 'Number' && analyzed(t)));
    const task = workOrder.tasks.find((t) => t.outcome_type === 'Number' && analyzed(t))!;
    await page.goto(`/work-orders/${workOrder.id}`);
    // Opened and closed untouched: no draft is kept.
    await openCorrection(page, task);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(taskRow(page, task)).not.toContainText('unsaved draft');

    await openCorrection(page, task);
    await page
      .getByRole('dialog')
      .getByRole('textbox', { name: /new value/i })
      .fill('42');
    await page
      .getByRole('dialog')
      .getByRole('textbox', { name: /comment/i })
      .fill('counted on site');

    // Leaving with an unsaved value asks first.
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.type());
      await dialog.accept();
    });
    await page.reload();
    expect(dialogs).toContain('beforeunload');

    await expect(taskRow(page, task)).toContainText('unsaved draft');
    await openCorrection(page, task);
    await expect(page.getByRole('dialog').getByText(/unsaved draft from/)).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByRole('dialog').getByRole('textbox', { name: /new value/i })).toHaveValue('42');
    await expect(page.getByRole('dialog').getByRole('textbox', { name: /comment/i })).toHaveValue('counted on site');
    await page.getByRole('dialog').getByRole('button', { name: 'Discard' }).click();
    await expect(taskRow(page, task)).not.toContainText('unsaved draft');
  });

  test('an upstream failure keeps the value and Retry sends the same intent once', async ({ supervisorPage: page, env }) => {
    const workOrder = await findWorkOrder(env, 80, (wo) => wo.tasks.some((t) => t.outcome_type === 'Boolean' && uncorrected(t)));
    const task = workOrder.tasks.find((t) => t.outcome_type === 'Boolean' && uncorrected(t))!;
    await page.goto(`/work-orders/${workOrder.id}`);
    await openCorrection(page, task);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: (task.state!.analyzed_value ? 'No' : 'Yes') + ' (' })
      .click();
    await pickReason(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Review the correction' }).click();

    // The browser ↔ BFF answer is lost after the server acted: Retry reuses the same idempotency key.
    const keys: string[] = [];
    let dropped = false;
    await page.route('**/correction', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      const response = await route.fetch();
      if (!dropped) {
        dropped = true;
        await route.abort('connectionreset');
      } else {
        await route.fulfill({ response });
      }
    });
    await page.getByRole('dialog').getByRole('button', { name: 'Send correction' }).click();
    await expect(page.getByRole('dialog').getByText(/could not confirm/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('dialog').getByText(/Saved in Deepomatic/)).toHaveCount(0);
    await page.getByRole('dialog').getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('dialog').getByText(/Saved in Deepomatic/)).toBeVisible({ timeout: 30_000 });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  test('refused while an earlier correction may still land: the value is kept, the wait is shown, Retry sends the same intent', async ({
    supervisorPage: page,
    env,
    axe,
  }) => {
    const workOrder = await findWorkOrder(env, 80, (wo) => wo.tasks.some((t) => t.outcome_type === 'Boolean' && uncorrected(t)));
    const task = workOrder.tasks.find((t) => t.outcome_type === 'Boolean' && uncorrected(t))!;
    await page.goto(`/work-orders/${workOrder.id}`);
    await openCorrection(page, task);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: (task.state!.analyzed_value ? 'No' : 'Yes') + ' (' })
      .click();
    await pickReason(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Review the correction' }).click();

    // The server's answer while another correction of the task awaits Deepomatic's (nothing sent upstream).
    const keys: string[] = [];
    await page.route('**/correction', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) {
        await route.fulfill({
          status: 409,
          headers: { 'content-type': 'application/json', 'retry-after': '45' },
          body: JSON.stringify({
            error: 'correction_in_flight',
            message: "An earlier correction of this task is still awaiting Deepomatic's answer.",
            requestId: 'req-in-flight',
          }),
        });
      } else {
        await route.fulfill({ response: await route.fetch() });
      }
    });
    await page.getByRole('dialog').getByRole('button', { name: 'Send correction' }).click();
    const notice = page.getByRole('dialog').getByRole('alert');
    await expect(notice).toContainText('still awaiting');
    await expect(notice).toContainText('retry in about 45 s');
    await expect(notice).not.toContainText('Change the value or reason');
    await axe(page, 'correction dialog refused while another correction is in flight');
    await page.getByRole('dialog').getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('dialog').getByText(/Saved in Deepomatic/)).toBeVisible({ timeout: 30_000 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  test('a correction made elsewhere meanwhile is shown next to mine and needs a choice', async ({ supervisorPage: page, env }) => {
    const workOrder = await findWorkOrder(env, 90, (wo) => wo.tasks.some((t) => t.outcome_type === 'Boolean' && uncorrected(t)));
    const task = workOrder.tasks.find((t) => t.outcome_type === 'Boolean' && uncorrected(t))!;
    const mine = !(task.state!.analyzed_value as boolean);
    await page.goto(`/work-orders/${workOrder.id}`);
    await openCorrection(page, task);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: mine ? 'Yes (Y)' : 'No (N)' })
      .click();
    await pickReason(page);
    await page.getByRole('dialog').getByRole('button', { name: 'Review the correction' }).click();

    // Someone else corrects the same task directly in Deepomatic: our save must not silently
    // overwrite it.
    const response = await fetch(`${env.apiUrl}work-orders/${workOrder.id}/tasks/${task.id}/correction/`, {
      method: 'PATCH',
      headers: { Authorization: `Token ${env.canary}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ corrected_value: !mine }),
    });
    expect(response.status).toBe(200);

    await page.getByRole('dialog').getByRole('button', { name: 'Send correction' }).click();
    const conflict = page.getByRole('dialog').getByTestId('correction-conflict');
    await expect(conflict).toBeVisible({ timeout: 30_000 });
    await expect(conflict).toContainText('Theirs (now)');
    await expect(conflict).toContainText('Yours');
    await expect(page.getByRole('dialog').getByText(/Saved in Deepomatic/)).toHaveCount(0);

    // Keeping theirs sends nothing and leaves their value on the page.
    await page.getByRole('dialog').getByRole('button', { name: 'Keep theirs' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(taskRow(page, task)).toContainText(`Corrected: ${!mine ? 'Yes' : 'No'}`);
    const upstream = await simGet<SimWorkOrder>(env, `work-orders/${workOrder.id}/?include_inputs=false`);
    expect(upstream.tasks.find((t) => t.id === task.id)?.state?.corrected_value).toBe(!mine);
  });

  test('a viewer sees the values but no correction form', async ({ viewerPage: page, env, axe }) => {
    const workOrder = await findWorkOrder(env, 100, (wo) => wo.tasks.some(analyzed));
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    const task = workOrder.tasks.find(analyzed)!;
    await expect(taskRow(page, task)).toBeVisible();
    await expect(page.getByRole('button', { name: /^Correct / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Mark reviewed' })).toHaveCount(0);
    await taskRow(page, task).focus();
    await page.keyboard.press('Enter');
    // Enter opens the history for a viewer, never a form.
    await expect(page.getByRole('dialog', { name: /History/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send correction' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await axe(page, 'work-order page (viewer)');
  });

  test('keyboard only: review a whole work order', async ({ supervisorPage: page, env, axe }) => {
    const workOrder = await findWorkOrder(env, 120, (wo) => wo.tasks.some((t) => t.outcome_type === 'Boolean' && uncorrected(t)));
    const visible = workOrder.tasks; // every task row, in page order (groups sorted by order)
    // R marks reviewed only a work order waiting for review: an earlier run of this test may have
    // reviewed this one (retries, --repeat-each), so reopen it first.
    const reopened = await page.request.post(`/api/work-orders/${workOrder.id}/review`, {
      headers: { Origin: env.baseURL, 'Content-Type': 'application/json' },
      data: { status: 'to_review' },
    });
    expect(reopened.status(), await reopened.text()).toBe(200);
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    await axe(page, 'work-order page (supervisor)');

    // ? lists the keys.
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await page.keyboard.press('Escape');

    // J walks every task; the live region says where we are.
    const live = page.getByTestId('live-region');
    for (let i = 0; i < visible.length; i += 1) {
      await page.keyboard.press('j');
      await expect(live).toContainText(`Task ${i + 1} of `);
    }
    await page.keyboard.press('k');
    await expect(live).toContainText(`Task ${visible.length - 1} of `);

    // Walk to a Boolean task, set it with N/Y, confirm with the keyboard only.
    const target = workOrder.tasks.find((t) => t.outcome_type === 'Boolean' && uncorrected(t))!;
    for (let i = 0; i < visible.length; i += 1) {
      if (await taskRow(page, target).evaluate((row) => row === document.activeElement)) break;
      await page.keyboard.press('k');
    }
    await expect(taskRow(page, target)).toBeFocused();
    const key = target.state!.analyzed_value ? 'n' : 'y';
    await page.keyboard.press(key);
    const dialog = page.getByRole('dialog', { name: new RegExp(`Correct: ${escapeRegExp(target.sentence)}`) });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: key === 'y' ? 'Yes (Y)' : 'No (N)' })).toHaveAttribute('aria-pressed', 'true');
    // Reason: Tab to the select, open it with the keyboard, pick the first code.
    await dialog.getByRole('combobox', { name: /reason/i }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Review the correction' }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('correction-confirm')).toBeVisible();
    // The confirm step moves the focus to Send itself; wait for it so Enter is not pressed mid-move.
    await expect(dialog.getByRole('button', { name: 'Send correction' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog.getByText(/Saved in Deepomatic/)).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);

    // R marks the work order reviewed.
    await page.keyboard.press('r');
    await expect(page.getByTestId('review-state')).toHaveText('Reviewed');
    await expect(live).toContainText('marked reviewed');
    await expect(page.getByText(/^by supervisor@demo\.test on /)).toBeVisible();
  });

  test('a photo added to a task group is analysed and its conformity messages shown', async ({ supervisorPage: page, env }) => {
    const workOrder = await findWorkOrder(env, 140, (wo) => wo.task_groups.length > 0);
    const group = [...workOrder.task_groups].sort((a, b) => a.order - b.order)[0];
    await page.goto(`/work-orders/${workOrder.id}`);
    const section = page.getByRole('region', { name: group.display_name }).filter({ has: page.getByRole('button', { name: 'Add a photo' }) });
    await section.getByRole('button', { name: 'Add a photo' }).click();
    const dialog = page.getByRole('dialog', { name: `Add a photo to ${group.display_name}` });

    // Wrong type and too large are refused in the browser.
    const input = dialog.getByTestId('analyze-file-input');
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(dialog.getByText('Only JPEG, PNG and PDF files can be analysed.')).toBeVisible();
    await input.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(5 * 1024 * 1024 + 1) });
    await expect(dialog.getByText(/too large/)).toBeVisible();

    // A real PNG is analysed synchronously; the verdict and any conformity messages appear.
    await input.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: tinyPng() });
    await dialog.getByRole('button', { name: 'Analyse' }).click();
    const result = dialog.getByTestId('analysis-result');
    await expect(result).toBeVisible({ timeout: 60_000 });
    await expect(result.getByRole('status')).toContainText(/Analysis OK|not conform|conformity checks/);
    const messages = await result.getByTestId('conformity-message').count();
    const status = await result.getByRole('status').textContent();
    if (status?.includes('conformity checks')) expect(messages).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(
      page
        .getByTestId('timeline-entry')
        .filter({ hasText: /Photo analysed|rejected by conformity/ })
        .first(),
    ).toBeVisible();
  });
});

/** A valid 8×8 PNG. */
function tinyPng(): Buffer {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP4z8CAFTEMLQkAxZQ/wU5cXQAAAAAASUVORK5CYII=', 'base64');
}
