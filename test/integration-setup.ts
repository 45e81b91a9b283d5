import type { TestProject } from 'vitest/node';

/**
 * Starts one simulator for the whole integration run and hands its coordinates to the tests
 * through the environment, exactly as a deployment would configure the app.
 */
export default async function setup(project: TestProject) {
  const { startSimulator } = await import('../simulator/server');
  const apiKey = `canary-${crypto.randomUUID().replaceAll('-', '')}`;
  const simulator = await startSimulator({ port: 0, workOrders: 200, seed: 'integration', apiKeys: [apiKey], log: false });
  process.env.DEEPOMATIC_API_URL = simulator.apiUrl;
  process.env.DEEPOMATIC_API_KEY = apiKey;
  process.env.SIMULATOR_ADMIN_URL = simulator.adminUrl;
  process.env.SIMULATOR_ADMIN_TOKEN = simulator.adminToken;
  project.provide('simulatorUrl', simulator.url);
  return async () => {
    await simulator.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    simulatorUrl: string;
  }
}
