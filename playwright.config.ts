import { defineConfig } from '@playwright/test';

// E2E against the production build (`next build` + `next start`) and the simulator, both started
// by e2e/global-setup.ts on free loopback ports; specs read their coordinates from e2e/env.ts.
const isCI = Boolean(process.env.CI) && process.env.CI !== 'false';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/playwright',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  forbidOnly: isCI,
  // One retry on CI for a test that fails on a loaded 2-core machine; the report still lists it as
  // flaky, so a flake is seen, not hidden. Locally a failure stops at the first attempt.
  retries: isCI ? 1 : 0,
  workers: 2, // 2 cores: one for the browser work, one for the servers
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    [isCI ? 'line' : 'list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE || 'test-results/playwright.json' }],
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    // A missing control fails in seconds, not at the 60 s test timeout.
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
