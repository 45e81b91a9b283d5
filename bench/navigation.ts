/**
 * The requests a browser sends to open a work order from the list and to go back to it, for the
 * benchmarks that replay a supervisor's journey without a browser. Recorded in Chromium against
 * the production build (and kept true by `e2e/journey-requests.spec.ts`):
 *
 * - Resting the pointer on a row's link prefetches the page down to its loading state, and, the
 *   first time a work order is opened in the tab, the route's tree as well.
 * - The click is a client-side navigation that asks for the work-order segment only (the shell's
 *   layouts are already on screen), as React Server Components payload rather than HTML.
 * - The page then shows its photos: each input's photo and each task group's first example,
 *   through our image routes, except those the browser still holds (they are cacheable for five
 *   minutes).
 * - The page's link back to the list is a client-side navigation of the list page, which the
 *   server renders with its search.
 *
 * Left out: the build's static files, and the icon, which Chromium asks again on each
 * navigation (a constant file of the build; Next.js serves it to be revalidated).
 */
import { computeCacheBustingSearchParam } from 'next/dist/shared/lib/router/utils/cache-busting-search-param';

export type NavigationKind = 'prefetch_tree' | 'prefetch_loading' | 'open';

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
export async function navigationRequest(id: string, kind: NavigationKind): Promise<NavigationRequest> {
  const headers: Record<string, string> = { RSC: '1' };
  if (kind !== 'open') headers['Next-Router-Prefetch'] = '1';
  if (kind === 'prefetch_tree') headers['Next-Router-Segment-Prefetch'] = '/_tree';
  else headers['Next-Router-State-Tree'] = stateTree(id, kind);
  // The navigation says which page it leaves, as the browser's does.
  if (kind === 'open') headers['Next-Url'] = FROM;
  return withCacheBusting(`/work-orders/${id}?from=${encodeURIComponent(FROM)}`, headers);
}

/** The list page's router state: the signed-in shell, then the list (what the back link asks for). */
const LIST_TREE = encodeURIComponent(
  JSON.stringify([
    '',
    { children: ['(signed-in)', { children: ['work-orders', { children: ['__PAGE__', {}, null, 'refetch', 0] }, null, null, 4] }, null, null, 12] },
    null,
    null,
    24,
  ]),
);

/** The page's link back to the list, from work order `id`: a navigation of the list page, which its server render searches for. */
export async function backToListNavigation(id: string): Promise<NavigationRequest> {
  return withCacheBusting(FROM, { RSC: '1', 'Next-Router-State-Tree': LIST_TREE, 'Next-Url': `/work-orders/${id}` });
}

async function withCacheBusting(path: string, headers: Record<string, string>): Promise<NavigationRequest> {
  const bust = await computeCacheBustingSearchParam(
    headers['Next-Router-Prefetch'] as '1' | undefined,
    headers['Next-Router-Segment-Prefetch'],
    headers['Next-Router-State-Tree'],
    headers['Next-Url'],
  );
  return { path: `${path}${path.includes('?') ? '&' : '?'}_rsc=${bust}`, headers };
}

/** Whether a navigation's payload is the list page (its search answered inside it). */
export function showsList(payload: string): boolean {
  return payload.includes('"rows":[');
}

/**
 * Whether a navigation's payload shows work order `id` (a page streams, so a failure after its
 * first bytes still answers 200, with the error page in the payload instead of the work order).
 */
export function showsWorkOrder(payload: string, id: string): boolean {
  return payload.includes(`"workOrder":{"id":"${id}"`);
}

/** An input's photo as a payload names our image route for it. */
const INPUT_PHOTO = String.raw`"imageUrl":"(\/api\/work-orders\/[0-9a-f-]{36}\/inputs\/[0-9a-f-]{36}\/image)"`;

/**
 * Every photo an opened work order's page shows, as its payload names our image routes for them:
 * each input's photo, then each task group's first example (the one the page shows).
 */
export function photosOf(payload: string): string[] {
  const inputs = [...payload.matchAll(new RegExp(INPUT_PHOTO, 'g'))].map((m) => m[1]);
  const examples = [...payload.matchAll(/"exampleImageUrls":\["(\/api\/task-groups\/[^"]+\/examples\/0)"/g)].map((m) => m[1]);
  return [...new Set([...inputs, ...examples])];
}

/** The first photo of an opened work order, as its payload names our image route for it. */
export function firstPhotoOf(payload: string): string | null {
  return new RegExp(INPUT_PHOTO).exec(payload)?.[1] ?? null;
}

/** The version of task `taskId` in an opened work order's payload (what the correction form sends as If-Match). */
export function taskVersionIn(payload: string, taskId: string): string | null {
  const at = payload.indexOf(`"id":"${taskId}"`);
  if (at < 0) return null;
  return /"version":"([^"]+)"/.exec(payload.slice(at))?.[1] ?? null;
}
