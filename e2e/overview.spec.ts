import type { Page } from '@playwright/test';
import type { Overview } from '@/lib/shared/overview';
import { expect, test } from './fixtures';
import { listTotal } from './list-total';

/** The overview API as the signed-in page sees it (the setup project waited for the first index sync). */
async function overviewWithData(page: Page, query = ''): Promise<Overview> {
  const response = await page.request.get(`/api/overview${query ? `?${query}` : ''}`);
  expect(response.status()).toBe(200);
  const overview = (await response.json()) as Overview;
  expect(overview.kpis.workOrders, 'work orders in the overview').toBeGreaterThan(0);
  return overview;
}

const count = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test.describe('overview page', () => {
  test('renders the fleet from the index, accessible', async ({ viewerPage: page, axe }) => {
    await page.goto('/work-orders'); // same origin for page.request
    const overview = await overviewWithData(page);
    await page.goto('/overview');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    const workOrders = page.getByTestId('kpi-workOrders').getByTestId('kpi-value');
    await expect.poll(async () => count(await workOrders.textContent())).toBeGreaterThanOrEqual(overview.kpis.workOrders);
    await expect(page.getByTestId('histogram').locator('rect.MuiBarChart-element')).toHaveCount(4);
    await expect(page.getByTestId('as-of')).toContainText('As of');
    await expect(page.getByTestId('technicians')).toBeVisible();
    // This site sends its dates: no note about stand-in dates.
    await expect(page.getByTestId('trend-dates-note')).toHaveCount(0);
    await expect(page.getByTestId('stuck-dates-note')).toHaveCount(0);
    await axe(page, 'overview');
  });

  test('on a phone every table view can be scrolled with the keyboard, and stays accessible', async ({ viewerPage: page, axe }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/overview');
    await expect(page.getByTestId('histogram').locator('rect.MuiBarChart-element')).toHaveCount(4);
    // Every chart shown as its table: too wide for the screen, each scrolls inside its card.
    const tableButtons = page.getByRole('button', { name: 'Table' });
    for (let i = 0; i < (await tableButtons.count()); i += 1) await tableButtons.nth(i).click();
    const regions = page.locator('main [role="region"][tabindex="0"]');
    expect(await regions.count()).toBeGreaterThan(0);
    await axe(page, 'overview tables at 390 px');
  });

  test('the table view shows the numbers the chart is drawn from', async ({ viewerPage: page }) => {
    await page.goto('/work-orders');
    await overviewWithData(page);
    await page.goto('/overview');
    const histogram = page.getByTestId('histogram');
    await expect(histogram.locator('rect.MuiBarChart-element')).toHaveCount(4);
    // The numbers on screen, then the same card as a table.
    const response = await page.request.get('/api/overview');
    const overview = (await response.json()) as Overview;
    await histogram.getByRole('button', { name: 'Table' }).click();
    const rows = page.getByTestId('histogram-table').locator('tbody tr');
    await expect(rows).toHaveCount(4);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr.children[1]?.textContent ?? '').replace(/[^\d]/g, ''))));
    const total = shown.reduce((sum, value) => sum + value, 0);
    expect(total).toBe(overview.kpis.workOrders);
    expect(shown).toEqual(overview.histogram.map((band) => band.workOrders));
    expect(shown[3]).toBe(overview.kpis.complete);
    expect(shown[0]).toBe(overview.kpis.notStarted);
    // Bar heights follow the same numbers: the tallest bar is the largest band.
    await histogram.getByRole('button', { name: 'Chart' }).click();
    const heights = await histogram.locator('rect.MuiBarChart-element').evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('height'))));
    expect(heights.indexOf(Math.max(...heights))).toBe(shown.indexOf(Math.max(...shown)));
  });

  test('a bar opens the work-order list filtered to its slice', async ({ viewerPage: page }) => {
    await page.goto('/work-orders');
    await overviewWithData(page);
    await page.goto('/overview');
    await page.getByTestId('histogram').locator('rect.MuiBarChart-element').nth(3).click();
    await page.waitForURL(/\/work-orders\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('progressMin')).toBe('100');
    expect(url.searchParams.get('progressMax')).toBe('100');
    expect(url.searchParams.get('review')).toBe('all');
    // The list counts the same work orders the bar counted. Other specs correct tasks meanwhile,
    // which can move a work order in or out of 100 %: compare a count read between two equal
    // overview reads, so both describe the same state of the index.
    await expect
      .poll(async () => {
        const complete = async () => ((await (await page.request.get('/api/overview')).json()) as Overview).kpis.complete;
        const before = await complete();
        const listed = await listTotal(page, url.searchParams);
        return before === (await complete()) ? listed - before : 'the index changed meanwhile';
      })
      .toBe(0);
  });

  test('filters round-trip through the URL', async ({ viewerPage: page }) => {
    await page.goto('/work-orders');
    const all = await overviewWithData(page);
    const technician = all.technicians.find((row) => row.key !== null)!;
    await page.goto('/overview');
    await page.getByRole('textbox', { name: 'Technician e-mail' }).fill(technician.key!);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('engineer') === technician.key);
    const workOrders = page.getByTestId('kpi-workOrders').getByTestId('kpi-value');
    await expect.poll(async () => count(await workOrders.textContent())).toBe(technician.workOrders);

    await page.getByTestId('stuck').getByRole('combobox').click();
    await page.getByRole('option', { name: '> 7 days' }).click();
    await page.waitForURL((url) => url.searchParams.get('stuckDays') === '7');

    // A reload (or a shared link) shows the same view.
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Technician e-mail' })).toHaveValue(technician.key!);
    await expect.poll(async () => count(await workOrders.textContent())).toBe(technician.workOrders);
    await expect(page.getByTestId('stuck')).toContainText('7 days');
    // And the list link carries the same filter.
    const href = await page.getByRole('link', { name: 'Open these work orders' }).getAttribute('href');
    expect(new URL(href!, page.url()).searchParams.get('engineer')).toBe(technician.key);
  });

  test('an unknown filter is reported, not ignored', async ({ viewerPage: page }) => {
    await page.goto('/overview?colour=blue');
    await expect(page.getByRole('alert').filter({ hasText: 'filters the overview does not understand' })).toBeVisible();
    const response = await page.request.get('/api/overview?colour=blue');
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_query');
  });
});
