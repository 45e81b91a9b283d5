/**
 * The requests a browser sends to open a work order from the list, for the benchmarks that
 * replay a supervisor's journey without a browser. Recorded in Chromium against the production
 * build (and kept true by `e2e/journey-requests.spec.ts`): resting the pointer on a row's link
 * prefetches the route's tree and the page down to its loading state; the click is a
 * client-side navigation that asks for the work-order segment only (the shell's layouts are
 * already on screen), as React Server Components payload rather than HTML. Then the first
 * photo in view is fetched through our image route, and the page's link back to the list is
 * prefetched (its metadata only).
 */
import { computeCacheBustingSearchParam } from 'next/dist/shared/lib/router/utils/cache-busting-search-param';

export type NavigationKind = 'prefetch_tree' | 'prefetch_loading' | 'open' | 'back';

export interface NavigationRequest {
  path: string;
  headers: Record<string, string>;
}

/** Where the user came from (the page's back link), as the list's links carry it. */
const FROM = '/work-orders';

/** The router state the browser sends: the signed-in shell, the list's segment, then the work order. */
function stateTree(id: string, kind: 'prefetch_loading' | 'open'): string {
  const page = kind === 'open' ? ['__PAGE__', {}, null, 'refetch', 0] : ['__PAGE__', {}];
  const workOrder = [['id', id, 'd', null], { children: page }, null, kind === 'open' ? null : 'refetch', 4];
  const tree = [
    '',
    { children: ['(signed-in)', { children: ['work-orders', { children: workOrder }, null, null, 12] }, null, null, 12] },
    null,
    null,
    24,
  ];
  return encodeURIComponent(JSON.stringify(tree));
}

/**
 * The request of `kind` for work order `id`. Next.js checks `_rsc` against a hash of the
 * routing headers (a mismatch is redirected), so it is computed as the browser computes it.
 */
export async function navigationRequest(id: string, kind: Exclude<NavigationKind, 'back'>): Promise<NavigationRequest> {
  const headers: Record<string, string> = { RSC: '1' };
  if (kind !== 'open') headers['Next-Router-Prefetch'] = '1';
  if (kind === 'prefetch_tree') headers['Next-Router-Segment-Prefetch'] = '/_tree';
  else headers['Next-Router-State-Tree'] = stateTree(id, kind);
  const bust = await computeCacheBustingSearchParam(
    headers['Next-Router-Prefetch'] as '1' | undefined,
    headers['Next-Router-Segment-Prefetch'],
    headers['Next-Router-State-Tree'],
    undefined,
  );
  return { path: `/work-orders/${id}?from=${encodeURIComponent(FROM)}&_rsc=${bust}`, headers };
}

/**
 * The prefetch of work order `id`'s link back to the list, once its page is shown: the list's
 * metadata only, from the work order's path (`Next-Url`).
 */
export async function backToListPrefetch(id: string): Promise<NavigationRequest> {
  const headers = {
    RSC: '1',
    'Next-Router-Prefetch': '1',
    'Next-Router-State-Tree': encodeURIComponent(JSON.stringify(['', {}, null, 'metadata-only'])),
    'Next-Url': `/work-orders/${id}`,
  };
  const bust = await computeCacheBustingSearchParam('1', undefined, headers['Next-Router-State-Tree'], headers['Next-Url']);
  return { path: `${FROM}?_rsc=${bust}`, headers };
}

/**
 * Whether a navigation's payload shows work order `id` (a page streams, so a failure after its
 * first bytes still answers 200, with the error page in the payload instead of the work order).
 */
export function showsWorkOrder(payload: string, id: string): boolean {
  return payload.includes(`"workOrder":{"id":"${id}"`);
}

/** The first photo of an opened work order, as its payload names our image route for it. */
export function firstPhotoOf(payload: string): string | null {
  return /"imageUrl":"(\/api\/work-orders\/[0-9a-f-]{36}\/inputs\/[0-9a-f-]{36}\/image)"/.exec(payload)?.[1] ?? null;
}

/** The version of task `taskId` in an opened work order's payload (what the correction form sends as If-Match). */
export function taskVersionIn(payload: string, taskId: string): string | null {
  const at = payload.indexOf(`"id":"${taskId}"`);
  if (at < 0) return null;
  return /"version":"([^"]+)"/.exec(payload.slice(at))?.[1] ?? null;
}
