import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { pageRoutes } from './routes';

// The app shell: navigation by role, skip link, light/dark/system persisted in
// a cookie and rendered by the server, the language switcher, the mobile drawer, and a CSP
// that the shell itself never violates (emotion styles and Next scripts all carry the nonce).

const PAGE = '/task-groups';

/** Collects CSP violations reported by the browser from the first byte of every document. */
async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const store: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = store;
    document.addEventListener('securitypolicyviolation', (event) => {
      store.push(`${event.violatedDirective} ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
    });
  });
  return () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

test.describe('app shell', () => {
  test('uses the shell without a single CSP violation', async ({ supervisorPage: page }) => {
    const violations = await recordCspViolations(page);
    await page.goto(PAGE);
    await page.getByRole('button', { name: /appearance/i }).click();
    await page.getByRole('menuitem', { name: /^dark/i }).click();
    await page.getByRole('button', { name: /language/i }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /account menu/i }).click();
    await page.keyboard.press('Escape');
    expect(await violations()).toEqual([]);
  });

  test('no page of the build violates the CSP (nonce on every style and script)', async ({ adminPage: page }) => {
    const violations = await recordCspViolations(page);
    // `/_global-error` and other `/_…` routes are Next's prerendered fallbacks, not pages one visits.
    const pages = pageRoutes().filter((route) => !route.includes('[') && route !== '/' && !route.startsWith('/_'));
    expect(pages.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const route of pages) {
      await page.goto(route);
      await page.waitForLoadState('networkidle');
      for (const violation of await violations()) found.push(`${route}: ${violation}`);
    }
    expect(found).toEqual([]);
  });

  test('no page of the build scrolls sideways on a phone', async ({ adminPage: page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const list = (await (await page.request.get('/api/work-orders?review=all')).json()) as { rows: { id: string }[] };
    // Every page of the build; a work order stands for the pages of one.
    const pages = pageRoutes()
      .filter((route) => route !== '/' && !route.startsWith('/_') && route !== '/sign-in')
      .map((route) => route.replace('/work-orders/[id]', `/work-orders/${list.rows[0].id}`))
      .filter((route) => !route.includes('['));
    expect(pages).toContain('/admin');
    const wide: string[] = [];
    for (const route of pages) {
      await page.goto(route);
      await page.waitForLoadState('load');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) wide.push(`${route}: ${overflow} px too wide`);
    }
    expect(wide).toEqual([]);
  });

  test('the skip link is the first tab stop and moves focus to the main content', async ({ supervisorPage: page }) => {
    await page.goto(PAGE);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: /skip to main content/i });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main-content')).toBeFocused();
  });

  test('shows Admin to admins only', async ({ adminPage, supervisorPage, viewerPage }) => {
    for (const [page, visible] of [
      [adminPage, true],
      [supervisorPage, false],
      [viewerPage, false],
    ] as const) {
      await page.goto(PAGE);
      const nav = page.getByRole('navigation', { name: /main navigation/i });
      await expect(nav.getByRole('link', { name: /work orders/i })).toBeVisible();
      await expect(nav.getByRole('link', { name: /^admin$/i })).toHaveCount(visible ? 1 : 0);
    }
  });

  test('marks the current section', async ({ supervisorPage: page }) => {
    await page.goto(PAGE);
    const nav = page.getByRole('navigation', { name: /main navigation/i });
    await expect(nav.getByRole('link', { name: /task groups/i })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('link', { name: /work orders/i })).not.toHaveAttribute('aria-current', 'page');
  });

  test('the colour mode is kept in a cookie and rendered by the server (no flash)', async ({ supervisorPage: page }) => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: /appearance/i }).click();
    await page.getByRole('menuitem', { name: /^dark/i }).click();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    const html = await (await page.request.get(PAGE)).text();
    expect(html).toMatch(/<html[^>]*class="dark"/);
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);

    await page.getByRole('button', { name: /appearance/i }).click();
    await page.getByRole('menuitem', { name: /^light/i }).click();
    await expect(page.locator('html')).toHaveClass(/\blight\b/);
    expect(await (await page.request.get(PAGE)).text()).toMatch(/<html[^>]*class="light"/);
  });

  test('follows the system preference by default', async ({ browser, env }) => {
    const context = await browser.newContext({ baseURL: env.baseURL, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await context.close();
  });

  test('the language switcher re-renders the page in the chosen language', async ({ supervisorPage: page }) => {
    await page.goto(PAGE);
    await page.getByRole('button', { name: /language/i }).click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    const nav = page.getByRole('navigation', { name: /navigation principale/i });
    await expect(nav.getByRole('link', { name: /ordres de travail/i })).toBeVisible();
    // The choice is a cookie: the next request is French from the server.
    expect(await (await page.request.get(PAGE)).text()).toMatch(/<html[^>]*lang="fr"/);
  });

  test('without a cookie the language follows Accept-Language', async ({ browser, env }) => {
    const context = await browser.newContext({ baseURL: env.baseURL, locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await context.close();
  });

  test('at 360 px the navigation is a drawer opened from the menu button', async ({ supervisorPage: page, axe }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(PAGE);
    const nav = page.getByRole('navigation', { name: /main navigation/i });
    await expect(nav).toBeHidden();
    await page.getByRole('button', { name: /open navigation/i }).click();
    await expect(nav).toBeVisible();
    await axe(page, 'the open mobile drawer');
    await nav.getByRole('link', { name: /work orders/i }).click();
    await expect(page).toHaveURL(/\/work-orders/);
    await expect(nav).toBeHidden();
    // Nothing overflows horizontally at this width.
    await page.goto(PAGE);
    // Measured once the page has settled (images and late layout), not mid-load.
    await page.waitForLoadState('load');
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { timeout: 5_000 })
      .toBeLessThanOrEqual(0);
  });

  test('the navigation shows whether Deepomatic and the database answer', async ({ supervisorPage: page }) => {
    await page.goto(PAGE);
    await expect(page.getByRole('status', { name: /service status/i })).toContainText(/deepomatic connected/i);
  });

  test('an unknown address gets a 404 page with a way back', async ({ supervisorPage: page, axe }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/page not found/i);
    await expect(page.getByRole('link', { name: /go to work orders/i })).toBeVisible();
    await axe(page, 'the 404 page');
  });
});
