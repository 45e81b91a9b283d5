import { expect, test } from './fixtures';

/**
 * Spot checks of what the AI passed: an admin sets the sampling rate, a supervisor checks a
 * drawn work order blind (nothing of the AI's on the page or in the API's answer until the
 * answers are in), then sees the AI's verdicts beside theirs, and the overview shows the
 * false-accept rate with its 95 % interval. Axe on every page and state.
 */
test('an admin sets the rate, a supervisor checks a work order blind, the overview shows the interval', async ({
  adminPage,
  supervisorPage,
  viewerPage,
  axe,
}) => {
  test.setTimeout(120_000);

  // The admin sets the rate (decimals allowed) and is told how many work orders it draws.
  await adminPage.goto('/admin');
  const settings = adminPage.getByRole('region', { name: 'Spot checks' });
  await settings.getByRole('textbox', { name: 'Sampling rate (%)' }).fill('abc');
  await expect(settings.getByRole('button', { name: 'Save rate' })).toBeDisabled();
  await settings.getByRole('textbox', { name: 'Sampling rate (%)' }).fill('60.5');
  await settings.getByRole('button', { name: 'Save rate' }).click();
  await expect(settings.getByRole('status')).toHaveText('Sampling rate set to 60.5 %.');
  await expect(settings.getByTestId('spot-check-drawn')).toContainText(
    /^[1-9]\d* of \d+ fully passed work orders are drawn at this rate\. Last changed by admin@demo\.test/,
  );
  await axe(adminPage, '/admin with the spot-check rate saved');

  // The supervisor's queue.
  await supervisorPage.goto('/spot-checks');
  await expect(supervisorPage.getByRole('heading', { level: 1, name: 'Spot checks' })).toBeVisible();
  await expect(supervisorPage.getByText(/work orders? to check · Sampling rate: 60\.5 %/)).toBeVisible();
  await axe(supervisorPage, '/spot-checks');
  const first = supervisorPage.getByTestId('spot-check-item').first().getByRole('link');
  const name = (await first.textContent()) ?? '';
  await first.click();
  await expect(supervisorPage.getByRole('heading', { level: 1, name })).toBeVisible();
  const id = decodeURIComponent(new URL(supervisorPage.url()).pathname.split('/').pop() ?? '');

  // Blind: no verdict, value or box on the page, and none in what the server sends.
  const groups = supervisorPage.getByRole('radiogroup');
  const tasks = await groups.count();
  expect(tasks).toBeGreaterThan(0);
  await expect(supervisorPage.getByTestId('bounding-box')).toHaveCount(0);
  await expect(supervisorPage.getByText('AI verdict')).toHaveCount(0);
  const blind = await supervisorPage.request.get(`/api/spot-checks/${id}`);
  const body = await blind.text();
  expect(JSON.parse(body)).toMatchObject({ reveal: null, workOrder: { id } });
  for (const leak of ['analyzedValue', 'aiValidated', 'validated', 'boundingBoxes', 'conformityMessages', '"status"', '"message"', '"color"']) {
    expect(body).not.toContain(leak);
  }
  await axe(supervisorPage, '/spot-checks/[id] blind');

  // Keyboard only: K on the first task, O on the others (each moves the focus on).
  await groups.first().getByRole('radio', { name: 'OK' }).focus();
  await supervisorPage.keyboard.press('k');
  for (let index = 1; index < tasks; index += 1) await supervisorPage.keyboard.press('o');
  await expect(supervisorPage.getByText(`${tasks} of ${tasks} answered`)).toBeVisible();
  await expect(groups.first().getByRole('radio', { name: 'KO' })).toBeChecked();
  await supervisorPage.getByRole('button', { name: 'Submit answers' }).click();

  // The reveal: the AI passed every task (the work order was fully passed), so the KO is a false accept.
  const reveal = supervisorPage.getByRole('region', { name: "Your answers and the AI's" });
  await expect(reveal.getByText(/^Checked by supervisor@demo\.test on /)).toBeVisible();
  await expect(reveal.getByTestId('revealed-task')).toHaveCount(tasks);
  await expect(reveal.locator('[data-outcome="falseAccept"]')).toHaveCount(1);
  await expect(reveal.locator('[data-outcome="agree"]')).toHaveCount(tasks - 1);
  await axe(supervisorPage, '/spot-checks/[id] revealed');

  // Checked once: out of the queue.
  await supervisorPage.goto('/spot-checks');
  await expect(supervisorPage.getByRole('link', { name: `Check ${name}` })).toHaveCount(0);

  // The overview: one checked task with one false accept: 100 %, Wilson 95 % interval [20.7 %, 100 %].
  await viewerPage.goto('/overview');
  const section = viewerPage.getByTestId('spot-check-section');
  await expect(section.getByTestId('spot-check-summary')).toContainText('1 work order checked');
  const table = section.getByTestId('false-accept-table');
  await expect(table.getByRole('row').filter({ hasText: '20.7% – 100%' })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: '0% – 79.3%' })).toHaveCount(tasks - 1);
  await axe(viewerPage, '/overview with spot checks');
});
