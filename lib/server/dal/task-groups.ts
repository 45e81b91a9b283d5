import 'server-only';
import { z } from 'zod';
import { deepomatic } from '@/lib/server/deepomatic';
import { AppError } from '@/lib/server/http/errors';
import type { TaskGroupDefinitionDto } from '@/lib/shared/work-order-dto';
import { callOptions } from './context';
import { toTaskGroupDefinitionDto } from './mappers';
import { mediaResponse } from './media';
import { operation } from './operation';
import { taskGroupNameParam } from './validation';

/** GET /api/task-groups: the application's task groups, sorted by `order`. */
export const listTaskGroups = operation({
  role: 'viewer',
  scope: { none: 'the application definition of task groups, the same for every team' },
  abortable: true,
  async run({ ctx }): Promise<TaskGroupDefinitionDto[]> {
    const groups = await deepomatic.listTaskGroups(callOptions(ctx));
    return groups.map(toTaskGroupDefinitionDto).sort((a, b) => a.order - b.order);
  },
});

/** GET /api/task-groups/{name} */
export const getTaskGroup = operation({
  role: 'viewer',
  scope: { none: 'the application definition of task groups, the same for every team' },
  input: { params: z.object({ name: taskGroupNameParam }) },
  abortable: true,
  async run({ input, ctx }): Promise<TaskGroupDefinitionDto> {
    return toTaskGroupDefinitionDto(await deepomatic.getTaskGroup(input.params.name, callOptions(ctx)));
  },
});

/** GET /api/task-groups/{name}/examples/{index}: the example photo, streamed. */
export const getTaskGroupExample = operation({
  role: 'viewer',
  scope: { none: 'the example photos of the application definition, not work-order photos' },
  input: {
    params: z.object({
      name: taskGroupNameParam,
      index: z
        .custom<string>((value) => typeof value === 'string' && /^(0|[1-9]\d{0,2})$/.test(value), { message: 'invalid_format' })
        .transform(Number),
    }),
  },
  abortable: true,
  async run({ input, ctx }): Promise<Response> {
    const group = await deepomatic.getTaskGroup(input.params.name, callOptions(ctx));
    const url = group.input_examples[input.params.index];
    if (!url) throw new AppError('not_found');
    return mediaResponse(url, ctx);
  },
});
