import 'server-only';
import { upstreamRequest } from './http';
import { paths } from './ids';
import { taskGroupListSchema, taskGroupSchema } from './schemas';
import type { CallOptions, TaskGroup } from './types';

/** Task-group endpoints (E5, E6): the application's configuration. */

/** `GET /task-groups/` — every task group of the application, sorted by `order`. */
export async function listTaskGroups(options?: CallOptions): Promise<TaskGroup[]> {
  return upstreamRequest({ method: 'GET', path: paths.taskGroups(), schema: taskGroupListSchema }, options);
}

/** `GET /task-groups/{name}/` — names are case-sensitive (`PM-ferme-apres`). */
export async function getTaskGroup(name: string, options?: CallOptions): Promise<TaskGroup> {
  return upstreamRequest({ method: 'GET', path: paths.taskGroup(name), schema: taskGroupSchema }, options);
}
