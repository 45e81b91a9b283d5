import { getInputImage } from '@/lib/server/dal/media';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/work-orders/{id}/inputs/{inputId}/image (viewer): the input photo, streamed. */
  GET: handler((route) => route.run(getInputImage)),
});
