import { getAiAccuracy } from '@/lib/server/dal/ai-accuracy';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/overview/ai-accuracy?<list filters> (viewer) → overturn rates by task, version and week, and the drift alarm. */
  GET: handler((route) => route.run(getAiAccuracy)),
});
