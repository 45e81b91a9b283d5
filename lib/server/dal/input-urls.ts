import 'server-only';

/**
 * The upstream URLs of a work order's input photos, remembered briefly so the photos of a page
 * just read do not each cost a full work-order read. In process only and short-lived on
 * purpose: it is a cache of signed URLs (which expire upstream), never shared state, and
 * every photo request is still authorised before it is used.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;
const urls = new Map<string, { url: string; expires: number }>();

const keyOf = (workOrderId: string, inputId: string) => `${workOrderId}/${inputId.toLowerCase()}`;

export function rememberInputUrls(
  workOrderId: string,
  inputs: ReadonlyArray<{ id: string; url: string | null; type: string }>,
  now = Date.now(),
): void {
  for (const input of inputs) {
    if (!input.url || input.type === 'pdf') continue;
    const key = keyOf(workOrderId, String(input.id));
    urls.delete(key); // re-insert at the end: the map's order is the eviction order
    urls.set(key, { url: input.url, expires: now + TTL_MS });
  }
  while (urls.size > MAX_ENTRIES) urls.delete(urls.keys().next().value as string);
}

export function recallInputUrl(workOrderId: string, inputId: string, now = Date.now()): string | null {
  const key = keyOf(workOrderId, inputId);
  const entry = urls.get(key);
  if (!entry) return null;
  if (entry.expires <= now) {
    urls.delete(key);
    return null;
  }
  return entry.url;
}

export function forgetInputUrl(workOrderId: string, inputId: string): void {
  urls.delete(keyOf(workOrderId, inputId));
}
