import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workOrderIndex } from '@/lib/server/db/schema';
import type { Db } from '@/lib/server/db/client';
import { privateSimulator } from '@/test/harness/dal';
import { useTestDb } from '@/test/harness/db';
import { runSync } from './sync';
import { indexStatus } from './sync-status';

// The upstream's data is untrusted: a work order whose texts hold a lone UTF-16 surrogate or a
// NUL (valid JSON escapes, refused by PostgreSQL) once failed the page's upsert, so the sync
// stopped for everyone and its watermark never moved. A private simulator: the hostile work
// order must not reach other suites' index.

let db: Db;
let closeDb: () => Promise<void>;
let closeSimulator: () => Promise<void>;

beforeAll(async () => {
  closeSimulator = await privateSimulator();
  ({ db, close: closeDb } = await useTestDb());
}, 120_000);

afterAll(async () => {
  await closeDb();
  await closeSimulator();
});

/** Creates a work order straight on the simulated site, as another client of the API would. */
async function createUpstream(body: Record<string, unknown>): Promise<string> {
  // Raw JSON text: the escapes are sent as they are, whatever a serialiser would do with them.
  const response = await fetch(`${process.env.DEEPOMATIC_API_URL}work-orders/`, {
    method: 'POST',
    headers: { authorization: `Token ${process.env.DEEPOMATIC_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body).replaceAll('LONE', '\\ud800').replaceAll('NUL', '\\u0000'),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`simulator refused the work order: ${response.status} ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

describe('index sync of upstream texts PostgreSQL cannot store', () => {
  it('stores them made storable, and completes for every other work order', async () => {
    const id = await createUpstream({ name: 'hostile', metadata: { region: 'xLONEy', kNUL: 'aNULb' }, tags: ['tLONE', 'uNUL'] });
    const result = await runSync('full', { pageSize: 50 });
    expect(result).toMatchObject({ status: 'completed', skipped: 0 });
    const [row] = await db.select().from(workOrderIndex).where(eq(workOrderIndex.id, id));
    expect(row).toMatchObject({ metadata: { region: 'x\uFFFDy', k: 'ab' }, tags: ['t\uFFFD', 'u'] });
    const status = await indexStatus(db);
    expect(status.jobs.find((job) => job.job === 'full')).toMatchObject({ lastError: null, lastSkipped: 0 });
    // Every work order of the site is in the index, the hostile one included.
    expect(status.total).toBeGreaterThanOrEqual(11);
  });
});
