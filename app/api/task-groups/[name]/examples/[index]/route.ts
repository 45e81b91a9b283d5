import { getTaskGroupExample } from '@/lib/server/dal/task-groups';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/task-groups/{name}/examples/{index} (viewer): the example photo, streamed. */
  GET: handler((route) => route.run(getTaskGroupExample)),
});
