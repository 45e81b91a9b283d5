import type { TestProject } from 'vitest/node';
import type { ProfileName } from '@/simulator/profile';

/**
 * Starts one simulator for the whole integration run (in the main vitest process) and hands its
 * coordinates to the test workers with vitest's provide/inject; `test/harness/integration-env.ts` copies
 * them into each worker's environment, exactly as a deployment would configure the app.
 * (Environment variables set here would not reliably reach already-spawned workers.)
 *
 * The same test files run twice in `npm test`: against the `full` profile (this file) and the
 * `documented` one (`integration-setup-documented.ts`), which answers only what the API's
 * documents name. `SIMULATOR_PROFILE` tells a test which one it talks to.
 */
export async function startIntegrationSimulator(project: TestProject, profile: ProfileName) {
  const { startSimulator } = await import('@/simulator/server');
  const apiKey = `canary-${crypto.randomUUID().replaceAll('-', '')}`;
  const simulator = await startSimulator({ port: 0, workOrders: 200, seed: 'integration', apiKeys: [apiKey], log: false, profile });
  project.provide('integrationEnv', {
    DEEPOMATIC_API_URL: simulator.apiUrl,
    DEEPOMATIC_API_KEY: apiKey,
    SIMULATOR_ADMIN_URL: simulator.adminUrl,
    SIMULATOR_ADMIN_TOKEN: simulator.adminToken,
    SIMULATOR_PROFILE: profile,
  });
  project.provide('simulatorUrl', simulator.url);
  return async () => {
    await simulator.close();
  };
}

export default function setup(project: TestProject) {
  return startIntegrationSimulator(project, 'full');
}

declare module 'vitest' {
  export interface ProvidedContext {
    simulatorUrl: string;
    integrationEnv: {
      DEEPOMATIC_API_URL: string;
      DEEPOMATIC_API_KEY: string;
      SIMULATOR_ADMIN_URL: string;
      SIMULATOR_ADMIN_TOKEN: string;
      /** `full` or `documented`: the profile of the simulator this run talks to. */
      SIMULATOR_PROFILE: string;
    };
  }
}
