import type { TestProject } from 'vitest/node';
import { startIntegrationSimulator } from './integration-setup';

/** The integration suite again, against a simulator that answers only what the API's documents name. */
export default function setup(project: TestProject) {
  return startIntegrationSimulator(project, 'documented');
}
