import type { TestProject } from 'vitest/node';

/**
 * Starts one simulator for the whole integration run (in the main vitest process) and hands its
 * coordinates to the test workers with vitest's provide/inject; `test/integration-env.ts` copies
 * them into each worker's environment, exactly as a deployment would configure the app.
 * (Environment variables set here would not reliably reach already-spawned workers.)
 */
export default async function setup(project: TestProject) {
  const { startSimulator } = await import('../simulator/server');
  const apiKey = `canary-${crypto.randomUUID().replaceAll('-', '')}`;
  const simulator = await startSimulator({ port: 0, workOrders: 200, seed: 'integration', apiKeys: [apiKey], log: false });
  project.provide('integrationEnv', {
    DEEPOMATIC_API_URL: simulator.apiUrl,
    DEEPOMATIC_API_KEY: apiKey,
    SIMULATOR_ADMIN_URL: simulator.adminUrl,
    SIMULATOR_ADMIN_TOKEN: simulator.adminToken,
  });
  project.provide('simulatorUrl', simulator.url);
  return async () => {
    await simulator.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    simulatorUrl: string;
    integrationEnv: {
      DEEPOMATIC_API_URL: string;
      DEEPOMATIC_API_KEY: string;
      SIMULATOR_ADMIN_URL: string;
      SIMULATOR_ADMIN_TOKEN: string;
    };
  }
}
