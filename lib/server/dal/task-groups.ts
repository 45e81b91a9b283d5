import 'server-only';
import { deepomatic, parseTaskGroupName } from '@/lib/server/deepomatic';
import { AppError } from '@/lib/server/http/errors';
import type { TaskGroupDefinitionDto } from '@/lib/shared/work-order-dto';
import { requireRole } from './authorize';
import { callOptions, type OperationContext } from './context';
import { toTaskGroupDefinitionDto } from './mappers';
import { mediaResponse } from './media';

/** GET /api/task-groups (viewer): the application's task groups, sorted by `order`. */
export async function listTaskGroups(ctx: OperationContext): Promise<TaskGroupDefinitionDto[]> {
  await requireRole('viewer');
  const groups = await deepomatic.listTaskGroups(callOptions(ctx));
  return groups.map(toTaskGroupDefinitionDto).sort((a, b) => a.order - b.order);
}

/** GET /api/task-groups/{name} (viewer). */
export async function getTaskGroup(ctx: OperationContext, rawName: unknown): Promise<TaskGroupDefinitionDto> {
  await requireRole('viewer');
  const name = parseTaskGroupName(rawName);
  return toTaskGroupDefinitionDto(await deepomatic.getTaskGroup(name, callOptions(ctx)));
}

/** GET /api/task-groups/{name}/examples/{index} (viewer): the example photo, streamed. */
export async function getTaskGroupExample(ctx: OperationContext, rawName: unknown, rawIndex: unknown): Promise<Response> {
  await requireRole('viewer');
  const name = parseTaskGroupName(rawName);
  if (typeof rawIndex !== 'string' || !/^(0|[1-9]\d{0,2})$/.test(rawIndex)) {
    throw new AppError('invalid_id', { fields: { index: 'invalid_format' } });
  }
  const group = await deepomatic.getTaskGroup(name, callOptions(ctx));
  const url = group.input_examples[Number(rawIndex)];
  if (!url) throw new AppError('not_found');
  return mediaResponse(url, ctx);
}
