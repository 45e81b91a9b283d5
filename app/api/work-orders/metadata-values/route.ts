import { suggestMetadataValues } from '@/lib/server/dal/work-order-search';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/work-orders/metadata-values?key=<metadata key> (viewer) → `{values}`, most frequent first. */
  GET: handler((route) => route.run(suggestMetadataValues)),
});
