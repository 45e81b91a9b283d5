import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';

// E2E against the production build (`npm start`) and the simulator, both started by
// e2e/global-setup.ts on free loopback ports; specs read their coordinates from e2e/env.ts.
const isCI = Boolean(process.env.CI) && process.env.CI !== 'false';

/**
 * One worker per two cores. Every worker drives its own Chromium pages beside the app server,
 * the simulator and the test issuer, which need a core of their own: on a 2-core machine two
 * workers made every page load wait for the CPU (load average 10–12), one worker keeps each test
 * close to its quiet-machine speed and the suite as short. `E2E_WORKERS` overrides it.
 */
const workers = Number(process.env.E2E_WORKERS) || Math.max(1, Math.floor(availableParallelism() / 2));

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/playwright',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  forbidOnly: isCI,
  // A safety net only: the report lists a test that needed it as flaky, and `npm test` counts a
  // flaky test as a failure, so a retry can never be what makes the run green.
  retries: isCI ? 1 : 0,
  workers,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [[isCI ? 'line' : 'list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE || 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    // Recorded for a retry only: tracing every action of every test costs the CPU the pages need.
    trace: 'on-first-retry',
    // A missing control fails in seconds, not at the 60 s test timeout.
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    // Signs in each demo user through the form once and waits for the first index sync, so no
    // test spends its own time budget on either (e2e/ready.setup.ts).
    { name: 'setup', testMatch: /\.setup\.ts$/ },
    { name: 'chromium', testIgnore: /\.setup\.ts$/, dependencies: ['setup'] },
  ],
});
