import 'server-only';
import type { CallOptions } from './types';
import { listWorkOrders } from './work-orders';

/**
 * Questions about the work-order list that one cheap request answers. The list's parameters are
 * not documented, so a site may not implement them; the index sync and the upstream check ask.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the site ignores `updated_after`: asked for the work orders changed after tomorrow, a
 * site that applies the filter lists none. For lists whose rows carry no update date (otherwise
 * rows older than the filter tell it already).
 */
export async function ignoresUpdatedAfter(options?: CallOptions): Promise<boolean> {
  const page = await listWorkOrders({ pageSize: 1, updatedAfter: new Date(Date.now() + DAY_MS) }, options);
  return page.results.length > 0;
}
