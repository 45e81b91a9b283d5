import { defineConfig } from '@playwright/test';

// Two `next start` instances of the production build on one PostgreSQL database, with the
// simulator (e2e-instances/global-setup.ts): what is shared between instances must be in the
// database. One worker, tests in order: the last one stops instance A.
const isCI = Boolean(process.env.CI) && process.env.CI !== 'false';

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/playwright-instances',
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    [isCI ? 'line' : 'list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE || '../test-results/playwright-instances.json' }],
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
