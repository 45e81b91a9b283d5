import { AppError } from '@/lib/server/http/errors';
import { handler, routeMethods } from '@/lib/server/http/route';
import { metricsEnabled, renderMetrics, scrapeAllowed } from '@/lib/server/metrics/scrape';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * Prometheus metrics of this instance, for a scraper holding `METRICS_TOKEN` (Bearer). 404
   * when metrics are off (no token configured: the route does not exist here), 401 without the
   * right token, like every other route without a session. Route, endpoint, job and outcome
   * names only: no ids, users or addresses.
   */
  GET: handler(async ({ req }) => {
    if (!metricsEnabled()) throw new AppError('not_found');
    if (!scrapeAllowed(req.headers.get('authorization'))) throw new AppError('unauthenticated');
    const { contentType, body } = await renderMetrics();
    return new Response(body, { status: 200, headers: { 'content-type': contentType } });
  }),
});
