import { writeFileSync, renameSync } from 'node:fs';
import { ROLES } from '@/lib/shared/roles';
import { expect, signInAs, storageStatePath, test } from './fixtures';

// Runs before every other spec (the `setup` project of playwright.config.ts): each demo user
// signs in once through the real form, and the app's first index sync is over. Tests then open
// pages already signed in and find the work orders indexed, instead of each spending its own
// time budget on a sign-in or on the sync that starts with the server.

for (const role of ROLES) {
  test(`the ${role} demo user signs in through the form`, async ({ page }) => {
    await signInAs(page, role);
    const file = storageStatePath(role);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(await page.context().storageState()));
    renameSync(tmp, file); // atomic: a copy of this test may run beside it (--repeat-each)
  });
}

test('the first full index sync has finished', async ({ browser, env }) => {
  // Runs after the sign-ins above (one file, in order): the status route needs a signed-in user.
  const context = await browser.newContext({ baseURL: env.baseURL, storageState: storageStatePath('admin') });
  try {
    await expect
      .poll(
        async () => {
          const response = await context.request.get('/api/index/status');
          if (!response.ok()) return `HTTP ${response.status()}`;
          const status = (await response.json()) as {
            total: number;
            jobs: { job: string; lastSuccessAt: string | null; lastError: string | null }[];
          };
          const full = status.jobs.find((job) => job.job === 'full');
          return full?.lastSuccessAt ? `synced ${status.total}` : `syncing (last error: ${full?.lastError ?? 'none'})`;
        },
        // The sync of the site's work orders starts with the server: the wait ends as soon as it
        // has finished, and the bound only keeps a broken sync from hanging the run.
        { timeout: 50_000, intervals: [250, 500, 1_000] },
      )
      .toMatch(/^synced [1-9]/);
  } finally {
    await context.close();
  }
});
