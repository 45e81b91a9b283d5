import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver } from '@/test/harness/webhook-receiver';
import { sendDelivery } from './send';

const request = (url: string) => ({ url, secret: 'whsec_test', eventType: 'drift.alarm', deliveryId: 'd-1', body: '{}', now: new Date() });

describe('sending a delivery', () => {
  afterEach(() => {
    delete process.env.WEBHOOKS_ALLOW_LOOPBACK;
  });

  it('refuses a host that resolves to a loopback address when connecting, not only when saved', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const port = new URL(receiver.url).port;
      // "localhost" is a name: refused by the lookup at connection time.
      expect(await sendDelivery(request(`https://localhost:${port}/hook`))).toMatchObject({
        ok: false,
        statusCode: null,
        error: 'urlPrivateAddress',
      });
      expect(await sendDelivery(request(`https://127.0.0.1:${port}/hook`))).toMatchObject({ ok: false, error: 'urlPrivateAddress' });
      expect(receiver.received).toHaveLength(0);
      // Allowed for tests, it goes through.
      process.env.WEBHOOKS_ALLOW_LOOPBACK = 'true';
      expect(await sendDelivery(request(`http://localhost:${port}/hook`))).toMatchObject({ ok: true, statusCode: 200, error: null });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('counts a receiver that does not answer in time as failed', async () => {
    process.env.WEBHOOKS_ALLOW_LOOPBACK = 'true';
    const http = await import('node:http');
    const server = http.createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      expect(await sendDelivery({ ...request(`http://127.0.0.1:${port}/slow`), timeoutMs: 200 })).toMatchObject({
        ok: false,
        statusCode: null,
        error: 'timeout',
      });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
