import 'server-only';
import { counter, histogram } from './registry';

/**
 * Requests answered by our route handlers, per route template (`/api/work-orders/[id]`, never
 * the id itself), method and status.
 */
export function recordHttpRequest(request: { method: string; route: string; status: number; seconds: number }): void {
  const labels = { method: request.method, route: request.route, status: String(request.status) };
  counter('http_requests_total', 'HTTP requests answered by the API routes.', ['method', 'route', 'status']).inc(labels);
  histogram('http_request_duration_seconds', 'Time to answer an API request, in seconds.', ['method', 'route', 'status']).observe(
    labels,
    request.seconds,
  );
}

/**
 * The route's file-system template from the path Next matched and its params: each segment
 * holding a param's value becomes `[name]`, the tail of a catch-all `[...name]`. Only routes
 * that exist reach a handler, so the set of templates is the set of route files.
 */
export function routeTemplate(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const segments = pathname.split('/');
  const decoded = segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      const start = segments.length - value.length;
      if (start > 0 && value.every((item, index) => decoded[start + index] === item)) {
        segments.splice(start, value.length, `[...${name}]`);
        decoded.splice(start, value.length, `[...${name}]`);
      }
    } else if (typeof value === 'string') {
      // The last match: a param's segment comes after the static segments before it.
      const index = decoded.lastIndexOf(value);
      if (index > 0) {
        segments[index] = `[${name}]`;
        decoded[index] = `[${name}]`;
      }
    }
  }
  return segments.join('/');
}
