import type { Page } from '@playwright/test';
import { documentedSiteEnv } from './documented-site';
import { DEMO_USERS, expect, expectAccessible, signIn, SIGN_IN_PATH, test } from './fixtures';

/**
 * The admin page's "Deepomatic site" section: an admin checks the site on demand and reads what
 * it answers and what runs degraded, on the main pair (full profile) and on the pair whose
 * simulator answers only what the documents name; the section is axe clean either way.
 */

function siteSection(page: Page) {
  return page.getByRole('region', { name: 'Deepomatic site' });
}

async function checkNow(page: Page) {
  const section = siteSection(page);
  await section.getByRole('button', { name: 'Check now' }).click();
  // The status line says when the check ran once the server answered.
  await expect(section.getByRole('status').filter({ hasText: /^Checked / })).toBeVisible({ timeout: 60_000 });
  return section;
}

test('an admin checks the Deepomatic site: every read answers, nothing runs degraded, and the result is kept', async ({ adminPage: page, axe }) => {
  await page.goto('/admin');
  await checkNow(page);
  const section = siteSection(page);
  await expect(section.getByText('The site can be used, and nothing runs degraded.')).toBeVisible();
  const reads = section.getByRole('table', { name: 'Reads made by the check' });
  await expect(reads.getByRole('row')).toHaveCount(8); // the header and seven reads
  await expect(section.getByTestId('upstream-read-timeline')).toContainText('200');
  await axe(page, '/admin with a check');

  // Kept in the database: shown again without running the check.
  await page.reload();
  await expect(siteSection(page).getByText('The site can be used, and nothing runs degraded.')).toBeVisible();
  await expect(
    siteSection(page)
      .getByRole('status')
      .filter({ hasText: /^Checked .* by admin@demo\.test/ }),
  ).toBeVisible();
});

test('on a site that answers only what the documents name, the check and the index sync say what runs degraded', async ({ browser }) => {
  test.setTimeout(120_000);
  const site = documentedSiteEnv();
  const context = await browser.newContext({ baseURL: site.baseURL });
  const page = await context.newPage();
  try {
    await signIn(page, DEMO_USERS.admin, site.demoPassword);
    await page.waitForURL((url) => !SIGN_IN_PATH.test(url.pathname + url.search), { timeout: 30_000 });
    await page.goto('/admin');
    const section = await checkNow(page);
    await expect(section.getByText(/^The site can be used; \d+ features run degraded\.$/)).toBeVisible();
    const degraded = section.getByTestId('upstream-degraded');
    await expect(degraded).toContainText("No work-order update_date: list sorting by last update and incremental sync use Field Review's own clock");
    await expect(degraded).toContainText('The work-order list ignores updated_after: incremental sync reads every work order, as a full sync does.');
    // What the index sync saw of the list itself (its incremental runs every few seconds on this app).
    await expect
      .poll(
        async () => {
          await page.reload();
          const findings = siteSection(page).getByTestId('sync-findings');
          return (await findings.count()) > 0 ? ((await findings.textContent()) ?? '') : '';
        },
        { timeout: 60_000, intervals: [2_000] },
      )
      .toContain('The work-order list ignores updated_after: incremental sync reads every work order, as a full sync does.');
    await expect(siteSection(page).getByTestId('sync-findings')).toContainText('Work-order list rows lack');
    await expectAccessible(page, '/admin on the documented site');
  } finally {
    await context.close();
  }
});
