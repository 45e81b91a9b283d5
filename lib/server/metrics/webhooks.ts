import 'server-only';
import { counter } from './registry';

/** One delivery attempt of a webhook, by what became of it: delivered, failed (will retry) or dead. */
export function recordWebhookAttempt(outcome: 'delivered' | 'failed' | 'dead'): void {
  counter('webhook_deliveries_total', 'Webhook delivery attempts, per outcome (failed = will be retried, dead = no more retries).', ['outcome']).inc({
    outcome,
  });
}
