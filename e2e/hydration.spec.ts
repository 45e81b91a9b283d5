import { expect, test } from './fixtures';

// The end-to-end tests, the browser benchmark and anyone measuring the app take
// `<html data-hydrated>` to mean "the page answers now". A page's own content hydrates on its
// own, after the shell around it (each page streams inside its loading state): the mark must wait
// for the page, or the first key pressed once it is set can reach nothing.

async function anyWorkOrderId(page: import('@playwright/test').Page): Promise<string> {
  const response = await page.request.get('/api/work-orders?review=all');
  expect(response.status()).toBe(200);
  const { rows } = (await response.json()) as { rows: { id: string }[] };
  expect(rows.length).toBeGreaterThan(0);
  return rows[0].id;
}

test('the hydration mark waits for the page itself: J right after it focuses the first task', async ({ supervisorPage: page }) => {
  const id = await anyWorkOrderId(page);
  // As on a slow network: the script holding the work-order page's own components arrives 2 s
  // after the others, so the shell hydrates well before the page.
  let held = 0;
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes('data-task-id')) {
      held += 1;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    await route.fulfill({ response, body });
  });
  await page.goto(`/work-orders/${id}`); // returns once the mark is set (fixtures)
  expect(held, 'the page script was held back').toBeGreaterThan(0);
  await page.keyboard.press('j');
  await expect(page.locator('[data-task-id][aria-current="true"]').filter({ visible: true }).first()).toBeFocused();
});
