import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { selectRows } from '@/lib/server/db/sql';
import type { SiteDates } from '@/lib/shared/overview';

/**
 * Whether the dates the overview counts by are the site's own. The API's documents do not name
 * a work order's creation or update date: a site may send neither, and the index then keeps the
 * time Field Review first saw the work order and the time it last saw it change. The overview
 * says so next to the figures those stand-ins feed. Each answer is one probe of a partial index
 * that holds only the rows with a stand-in date, so it costs nothing on a site that sends them.
 */
export async function siteDates(db: Db): Promise<SiteDates> {
  const [row] = await selectRows<{ creation: boolean; update: boolean }>(
    db,
    sql`select not exists (select 1 from work_order_index where not create_date_known) as creation,
               not exists (select 1 from work_order_index where not update_date_known) as update`,
  );
  return { creation: row?.creation !== false, update: row?.update !== false };
}
