import 'server-only';
import { isAppError } from '@/lib/server/http/errors';
import { logger } from '@/lib/server/logger';
import { rememberedUrlForm, rememberUrlForm, upstreamRequest } from './http';
import { paths } from './ids';
import { taskGroupListSchema, taskGroupSchema } from './schemas';
import type { CallOptions, TaskGroup } from './types';

/** Task-group endpoints: the application's configuration. */

/** `GET /task-groups/` — every task group of the application, sorted by `order`. */
export async function listTaskGroups(options?: CallOptions): Promise<TaskGroup[]> {
  return upstreamRequest({ method: 'GET', path: paths.taskGroups(), schema: taskGroupListSchema }, options);
}

type TaskGroupForm = 'slashless' | 'slashed';

/**
 * The documentation writes `task-groups/{name}` without the final slash while its general rule
 * asks for one, so a site may serve either: a Django site whose route has the slash redirects
 * the other form (we never follow redirects), one whose route has none answers 404 to the
 * slashed form. The form that answered is remembered per process (`rememberUrlForm`).
 */
const FORM_KEY = 'task-groups/{name}';

function pathFor(form: TaskGroupForm, name: string) {
  return form === 'slashless' ? paths.taskGroupSlashless(name) : paths.taskGroup(name);
}

/** Errors that say "not this form of the URL" rather than "no such task group" or an outage. */
function wrongForm(error: unknown): boolean {
  return isAppError(error) && (error.code === 'not_found' || error.code === 'upstream_redirect');
}

/**
 * `GET /task-groups/{name}` — names are case-sensitive (`PM-ferme-apres`). Tries the documented
 * slash-less form first, then the slashed one; the first form that answers is used from then on
 * by this process (a 404 on it then simply means "no such task group").
 */
export async function getTaskGroup(name: string, options?: CallOptions): Promise<TaskGroup> {
  const known = rememberedUrlForm(FORM_KEY) as TaskGroupForm | undefined;
  if (known) return upstreamRequest({ method: 'GET', path: pathFor(known, name), schema: taskGroupSchema }, options);
  const forms: TaskGroupForm[] = ['slashless', 'slashed'];
  let lastError: unknown;
  for (const form of forms) {
    try {
      const group = await upstreamRequest({ method: 'GET', path: pathFor(form, name), schema: taskGroupSchema }, options);
      // Two first reads may race here: say it once.
      if (rememberedUrlForm(FORM_KEY) !== form)
        logger.info({ event: 'upstream_task_group_form', form }, 'task groups are read by name with this URL form');
      rememberUrlForm(FORM_KEY, form);
      return group;
    } catch (error) {
      if (!wrongForm(error)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
