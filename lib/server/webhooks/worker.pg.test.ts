import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, type Db } from '@/lib/server/db/client';
import { webhookEndpoints } from '@/lib/server/db/schema';
import { startWebhookReceiver, type WebhookReceiver } from '@/test/harness/webhook-receiver';
import { enqueueWebhookEvent } from './events';
import { runDeliveries } from './worker';

// Several instances share one PostgreSQL database and each runs the delivery worker: passes
// running at once on separate connections (the pool) must split the outbox, never send one
// delivery twice. scripts/test.mjs starts a throwaway cluster for this project.
const url = process.env.DATABASE_URL;

describe.skipIf(!url)('webhook deliveries on PostgreSQL (DATABASE_URL)', () => {
  let db: Db;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    process.env.WEBHOOKS_ALLOW_LOOPBACK = 'true';
    receiver = await startWebhookReceiver();
    db = await getDb();
  });

  afterAll(async () => {
    // Leave the shared database as other files expect it: without this file's rows.
    await db?.execute(sql`delete from webhook_endpoints`);
    await closeDb();
    await receiver?.close();
    delete process.env.WEBHOOKS_ALLOW_LOOPBACK;
  });

  it('splits due deliveries between concurrent passes, each sent exactly once', async () => {
    await db.insert(webhookEndpoints).values([
      { url: receiver.url, events: ['drift.alarm'], secret: 'whsec_pg_one' },
      { url: receiver.url, events: ['drift.alarm'], secret: 'whsec_pg_two' },
    ]);
    const data = {
      taskGroupName: 'front',
      taskName: 'cable',
      appVersionId: 'v2',
      previousAppVersionId: 'v1',
      overturnRate: 0.2,
      baselineRate: 0.05,
      sampleSize: 90,
      baselineSampleSize: 80,
      test: 'fisher-exact-two-sided' as const,
      correction: 'holm' as const,
      pValue: 0.0004,
      adjustedPValue: 0.002,
    };
    for (let i = 0; i < 40; i += 1) await enqueueWebhookEvent(db, 'drift.alarm', data);

    const counts = await Promise.all(Array.from({ length: 5 }, () => runDeliveries(db, { limit: 30, concurrency: 2 })));
    const rest = await runDeliveries(db, { limit: 100 });
    expect(counts.reduce((sum, n) => sum + n, 0) + rest).toBe(80);
    const ids = receiver.received.map((request) => request.headers['field-review-delivery']);
    expect(ids).toHaveLength(80);
    expect(new Set(ids).size).toBe(80);
    const delivered = (await db.execute(
      sql`select count(*)::int as n from webhook_deliveries where status = 'delivered' and attempts = 1`,
    )) as unknown as {
      rows: { n: number }[];
    };
    expect(delivered.rows[0]!.n).toBe(80);
  });
});
