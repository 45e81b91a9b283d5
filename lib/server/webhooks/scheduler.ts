import 'server-only';
import { getDb, withAdvisoryLock } from '@/lib/server/db/client';
import { logger } from '@/lib/server/logger';
import { enqueueDriftAlarms } from './drift';
import { enqueueStuckWorkOrders } from './stuck';
import { runDeliveries } from './worker';

const LOOP_KEY = Symbol.for('field-review.webhook-loop');
type GlobalWithLoop = typeof globalThis & { [LOOP_KEY]?: { stop(): void } };

/** How often an instance looks for due deliveries (one indexed query when there are none). */
const POLL_MS = 3_000;
/** How often the stuck and drift checks run (one instance at a time). */
const STUCK_CHECK_MS = 10 * 60_000;

/**
 * The webhook worker, once per process (dev reloads reuse it), on every instance: the outbox
 * is claimed row by row, so instances share the work without sending a delivery twice. A pass
 * never overlaps the previous one in this process. Timers are unref'd so they never keep the
 * process alive.
 */
export function startWebhookLoop(): { stop(): void } {
  const store = globalThis as GlobalWithLoop;
  if (store[LOOP_KEY]) return store[LOOP_KEY];
  let delivering = false;
  const deliveries = setInterval(() => {
    if (delivering) return;
    delivering = true;
    void getDb()
      .then((db) => runDeliveries(db))
      .catch((error: unknown) => logger.error({ job: 'webhooks', err: error }, 'webhook delivery pass failed'))
      .finally(() => {
        delivering = false;
      });
  }, POLL_MS);
  const stuck = setInterval(() => {
    void withAdvisoryLock('webhook-stuck-check', async () => enqueueStuckWorkOrders(await getDb())).catch((error: unknown) =>
      logger.error({ job: 'webhooks', err: error }, 'webhook stuck check failed'),
    );
    void withAdvisoryLock('webhook-drift-check', async () => enqueueDriftAlarms(await getDb())).catch((error: unknown) =>
      logger.error({ job: 'webhooks', err: error }, 'webhook drift check failed'),
    );
  }, STUCK_CHECK_MS);
  deliveries.unref();
  stuck.unref();
  const loop = {
    stop() {
      clearInterval(deliveries);
      clearInterval(stuck);
      delete store[LOOP_KEY];
    },
  };
  store[LOOP_KEY] = loop;
  return loop;
}
