import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { listTotal } from './list-total';

// The work-order list: search, filter, sort, paginate, the URL as the state, back
// from a work order with the view intact, saved views, CSV export and bulk review by role.

interface SearchAnswer {
  total: number;
  rows: { id: string; name: string; fieldEngineerEmail: string | null; tags: string[] }[];
  facets: { tags: string[] };
}

/** The list as the API answers it (the setup project waited for the first index sync). */
async function indexed(page: Page, query = 'review=all'): Promise<SearchAnswer> {
  const response = await page.request.get(`/api/work-orders?${query}`);
  expect(response.status()).toBe(200);
  const answer = (await response.json()) as SearchAnswer;
  expect(answer.total, 'work orders in the index').toBeGreaterThan(0);
  return answer;
}

const grid = (page: Page) => page.getByRole('table', { name: /work orders/i });
const dataRows = (page: Page) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: /^open work order/i }) });

test.describe('work-order list', () => {
  test('search, filter, sort and paginate follow the URL; back from a work order keeps the view', async ({ viewerPage: page, axe }) => {
    const all = await indexed(page);
    await page.goto('/work-orders?review=all');
    await expect(grid(page)).toBeVisible();
    await axe(page, 'the work-order list');

    // Free text: the URL gets `q` (debounced replace) and every row matches.
    const target = all.rows[0];
    const word = target.name.split(/[\s-]/)[0];
    await page.getByRole('searchbox', { name: /search work orders/i }).fill(word);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(word)}`));
    await expect(dataRows(page).first()).toBeVisible();
    const searched = (await (await page.request.get(`/api/work-orders?review=all&q=${encodeURIComponent(word)}`)).json()) as SearchAnswer;
    expect(searched.rows.map((row) => row.id)).toContain(target.id);

    // Sort by progress, descending: the URL says so, the header shows it.
    await page.goto('/work-orders?review=all');
    const progressHeader = grid(page).getByRole('columnheader', { name: /progress/i });
    // A link to the sorted list, so a click before the page hydrates sorts too.
    await expect(progressHeader.getByRole('link')).toHaveAttribute('href', /[?&]sort=progressScore(&|$)/);
    await progressHeader.getByRole('link').click();
    await expect(page).toHaveURL(/sort=progressScore/);
    await expect(progressHeader).toHaveAttribute('aria-sort', 'ascending');
    await progressHeader.getByRole('link').click();
    await expect(page).toHaveURL(/sort=-progressScore/);
    await expect(progressHeader).toHaveAttribute('aria-sort', 'descending');

    // Paginate: page 2 is in the URL; back returns to page 1.
    if (all.total > 50) {
      await page.getByRole('button', { name: /next page/i }).click();
      await expect(page).toHaveURL(/page=2/);
      await page.goBack();
      await expect(page).not.toHaveURL(/page=2/);
    }

    // A filter from the panel (a tag offered by the data), in a link written with the old
    // snake_case sort key: such links still open the same view.
    const tag = all.facets.tags[0];
    if (tag) {
      await page.goto(`/work-orders?review=all&tag=${encodeURIComponent(tag)}&sort=-progress_score`);
      const firstLink = dataRows(page).first().getByRole('link');
      const name = await firstLink.textContent();
      await firstLink.click();
      await expect(page).toHaveURL(/\/work-orders\/[0-9a-f-]{36}/);
      await page.goBack();
      await expect(page).toHaveURL(new RegExp(`tag=${encodeURIComponent(tag)}`));
      await expect(page).toHaveURL(/sort=-progress_score/);
      await expect(dataRows(page).first().getByRole('link')).toHaveText(name ?? '');
    }

    // Reset goes to the default view: to review, oldest first.
    await page.getByRole('button', { name: /default view/i }).click();
    await expect(page).toHaveURL(/\/work-orders$/);
  });

  test('the metadata filter suggests the values the index holds for the chosen key', async ({ viewerPage: page, axe }) => {
    await indexed(page);
    const facets = (await (await page.request.get('/api/work-orders?review=all')).json()) as { facets: { metadataKeys: string[] } };
    const key = facets.facets.metadataKeys[0];
    expect(key, 'a metadata key in the index').toBeTruthy();
    const suggested = (await (await page.request.get(`/api/work-orders/metadata-values?key=${encodeURIComponent(key)}`)).json()) as {
      values: string[];
    };
    expect(suggested.values.length).toBeGreaterThan(0);

    await page.goto('/work-orders?review=all');
    await expect(grid(page)).toBeVisible();
    // `review=all` is itself a filter, so the panel opens with the page.
    await expect(page.getByRole('button', { name: 'Filters' })).toHaveAttribute('aria-expanded', 'true');
    await page.getByRole('combobox', { name: /metadata key/i }).fill(key);
    const valueBox = page.getByRole('combobox', { name: /^value/i });
    await valueBox.click();
    const options = page.getByRole('listbox').getByRole('option');
    await expect(options.first()).toHaveText(suggested.values[0]);
    await axe(page, 'the metadata value suggestions');
    // The accessibility check runs in a page of its own, and the list closes when this one
    // loses focus: open it again from the keyboard, as a user would.
    await valueBox.press('ArrowDown');
    await options.first().click();
    await expect(valueBox).toHaveValue(suggested.values[0]);
    await page.getByRole('button', { name: /add metadata filter/i }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('meta')).toBe(`${key}=${suggested.values[0]}`);
    await expect(dataRows(page).first()).toBeVisible();
  });

  test('a row prefetches its work order once pointed at or focused, not because it is on screen', async ({ viewerPage: page }) => {
    const all = await indexed(page);
    // The App Router's fetches of a route's server data carry the `rsc` header.
    const fetchedAhead: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (/^\/work-orders\/[^/]+$/.test(pathname) && request.headers()['rsc']) fetchedAhead.push(decodeURIComponent(pathname.split('/')[2]));
    });
    await page.goto('/work-orders?review=all');
    await expect(dataRows(page)).toHaveCount(Math.min(all.total, 50));
    await page.waitForLoadState('networkidle');
    expect(fetchedAhead, 'work orders fetched while the list merely shows them').toEqual([]);

    const [first, second] = all.rows;
    await page.locator(`tr[data-id="${first.id}"]`).getByRole('link').hover();
    await expect.poll(() => fetchedAhead).toContain(first.id);
    await page.locator(`tr[data-id="${second.id}"]`).getByRole('link').focus();
    await expect.poll(() => fetchedAhead).toContain(second.id);
    expect(new Set(fetchedAhead)).toEqual(new Set([first.id, second.id]));
  });

  test('a hostile URL gets a clear message, not a crash', async ({ viewerPage: page }) => {
    await page.goto('/work-orders?sort=name;drop%20table&evil=1');
    await expect(page.getByRole('alert').filter({ hasText: /\S/ }).first()).toContainText(/cannot read/i);
    const api = await page.request.get('/api/work-orders?pageSize=100000');
    expect(api.status()).toBe(400);
    expect((await api.json()).error).toBe('invalid_query');
  });

  test('viewers see no bulk review and the server refuses it', async ({ viewerPage: page }) => {
    await indexed(page);
    await page.goto('/work-orders');
    await expect(grid(page)).toBeVisible();
    await expect(grid(page).getByRole('checkbox')).toHaveCount(0);
    const refused = await page.request.post('/api/work-orders/review', { data: { status: 'reviewed', query: '', expectedCount: 1 } });
    expect(refused.status()).toBe(403);
  });

  test('save a view and reopen it; export exactly the filtered rows', async ({ supervisorPage: page }) => {
    const all = await indexed(page);
    const tag = all.facets.tags[0] ?? null;
    // Written with the old snake_case sort key: the saved view stores it as it is written today.
    const query = tag ? `review=all&tag=${encodeURIComponent(tag)}&sort=-update_date` : 'review=all&sort=-update_date';
    await page.goto(`/work-orders?${query}`);
    const name = `e2e view ${Date.now()}`;
    await page.getByRole('button', { name: /saved views/i }).click();
    await page.getByRole('menuitem', { name: /save current view/i }).click();
    await page.getByRole('textbox', { name: /^name/i }).fill(name);
    await page.getByRole('button', { name: /^save$/i }).click();
    // The confirmation; the closing menu may show the new entry for a moment too.
    await expect(page.getByRole('alert').filter({ hasText: name })).toBeVisible();

    await page.getByRole('button', { name: /default view/i }).click();
    await expect(page).toHaveURL(/\/work-orders$/);
    await page.getByRole('button', { name: /saved views/i }).click();
    await page.getByRole('menuitem', { name: new RegExp(name) }).click();
    await expect(page).toHaveURL(/sort=-updateDate/);
    if (tag) await expect(page).toHaveURL(new RegExp(`tag=${encodeURIComponent(tag)}`));

    const count = { total: await listTotal(page, query) };
    const exportButton = page.getByRole('link', { name: /export .* csv/i });
    await expect(exportButton).toContainText(String(count.total));
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const stream = await download.createReadStream();
    let csv = '';
    for await (const chunk of stream) csv += chunk.toString();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,name/);
    expect(lines.length - 1).toBe(count.total);
  });

  test('a supervisor marks selected work orders reviewed after confirming', async ({ supervisorPage: page }) => {
    await indexed(page, '');
    await page.goto('/work-orders');
    const before = await listTotal(page);
    const rows = dataRows(page);
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await page.getByRole('button', { name: /^mark reviewed$/i }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(/2 work orders/i);
    await dialog.getByRole('button', { name: /confirm/i }).click();
    await expect(page.getByText(/2 work orders updated/i)).toBeVisible();
    await expect.poll(() => listTotal(page)).toBe(before - 2);
  });
});
