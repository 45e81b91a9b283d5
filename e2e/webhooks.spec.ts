import { verifySignature } from '@/lib/server/webhooks/signature';
import type { WebhookEnvelope } from '@/lib/shared/webhooks';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '@/test/harness/webhook-receiver';
import { expect, test } from './fixtures';

/**
 * Webhooks on the production build: an admin registers an endpoint (a receiver this spec starts
 * on 127.0.0.1, allowed by WEBHOOKS_ALLOW_LOOPBACK in the e2e setup), reviews a work order,
 * sees the signed delivery arrive and be listed as delivered, replays it, replaces the secret
 * and deletes the endpoint. Other journeys running meanwhile may review work orders too: the
 * receiver's requests are matched by this journey's work order.
 */

let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(() => receiver.close());

const header = (request: ReceivedWebhook, name: string) => request.headers[name.toLowerCase()] as string;

test('an admin registers a webhook, sees a review delivered, signed, and replays it', async ({ adminPage: page, sim, env, axe }) => {
  const description = `e2e receiver ${Date.now()}`;
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  await axe(page, '/admin/webhooks');

  // Register: the secret is shown once.
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  const form = page.getByRole('dialog', { name: 'Add a webhook endpoint' });
  await expect(form).toBeVisible();
  await form.getByRole('textbox', { name: 'HTTPS URL' }).fill('http://10.0.0.1/hook');
  await form.getByRole('checkbox', { name: 'Work order reviewed' }).check();
  await form.getByRole('button', { name: 'Add' }).click();
  await expect(form.getByText('Only https:// addresses are accepted.')).toBeVisible();
  await axe(page, 'the add webhook dialog, with an error');
  await form.getByRole('textbox', { name: 'HTTPS URL' }).fill(receiver.url);
  await form.getByRole('textbox', { name: 'Description' }).fill(description);
  await form.getByRole('button', { name: 'Add' }).click();
  const secretDialog = page.getByRole('dialog', { name: 'Signing secret' });
  await expect(secretDialog).toBeVisible();
  const secret = await secretDialog.getByRole('textbox', { name: 'Secret' }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await axe(page, 'the signing secret dialog');
  await secretDialog.getByRole('button', { name: 'Done' }).click();
  const endpointRow = page.getByRole('row').filter({ hasText: description });
  await expect(endpointRow).toContainText('Work order reviewed');
  await expect(endpointRow).toContainText('Enabled');

  // Review a work order on its page.
  const workOrder = await sim.workOrderAt(271);
  const reopened = await page.request.post(`/api/work-orders/${workOrder.id}/review`, {
    headers: { Origin: env.baseURL, 'Content-Type': 'application/json' },
    data: { status: 'to_review' },
  });
  expect(reopened.status()).toBe(200);
  await page.goto(`/work-orders/${workOrder.id}`);
  await page.getByRole('button', { name: 'Mark reviewed' }).click();
  const ours = () =>
    receiver.received.filter((request) => (JSON.parse(request.body) as { data: { workOrderId?: string } }).data.workOrderId === workOrder.id);
  await expect.poll(() => ours().length, { timeout: 20_000 }).toBe(1);
  const [delivered] = ours();
  expect(verifySignature(secret, header(delivered!, 'Field-Review-Signature'), delivered!.body, Math.floor(Date.now() / 1000))).toBe(true);
  expect(header(delivered!, 'Field-Review-Event')).toBe('work_order.reviewed');
  const envelope = JSON.parse(delivered!.body) as WebhookEnvelope<'work_order.reviewed'>;
  expect(envelope.data).toMatchObject({ workOrderId: workOrder.id, reviewedBy: 'admin@demo.test' });

  // Listed as delivered; replayed.
  await page.goto('/admin/webhooks');
  const deliveryRow = page.locator(`tr[data-delivery-id="${header(delivered!, 'Field-Review-Delivery')}"]`);
  await expect(deliveryRow).toContainText('Delivered');
  await expect(deliveryRow).toContainText('200');
  await axe(page, '/admin/webhooks with a delivery');
  await deliveryRow.getByRole('button', { name: /^Replay the Work order reviewed delivery of / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Delivery queued again.' })).toBeVisible();
  await expect.poll(() => ours().length, { timeout: 20_000 }).toBe(2);
  const replayed = ours()[1]!;
  expect(replayed.body).toBe(delivered!.body);
  expect(header(replayed, 'Field-Review-Delivery')).not.toBe(header(delivered!, 'Field-Review-Delivery'));
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Delivered' }).click();
  await expect(page.locator(`tr[data-delivery-id="${header(replayed, 'Field-Review-Delivery')}"]`)).toContainText('Delivered');

  // A new secret, shown once; then the endpoint goes.
  await endpointRow
    .getByRole('button', { name: `New secret for ${receiver.url}` })
    .first()
    .click();
  const rotate = page.getByRole('dialog', { name: `Replace the secret of ${receiver.url}?` });
  await expect(rotate).toBeVisible();
  await axe(page, 'the replace secret dialog');
  await rotate.getByRole('button', { name: 'Replace secret' }).click();
  const newSecret = await page.getByRole('dialog', { name: 'Signing secret' }).getByRole('textbox', { name: 'Secret' }).inputValue();
  expect(newSecret).toMatch(/^whsec_/);
  expect(newSecret).not.toBe(secret);
  await page.getByRole('dialog', { name: 'Signing secret' }).getByRole('button', { name: 'Done' }).click();

  await endpointRow.getByRole('button', { name: `Delete ${receiver.url}` }).click();
  const remove = page.getByRole('dialog', { name: `Delete ${receiver.url}?` });
  await axe(page, 'the delete endpoint dialog');
  await remove.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Endpoint deleted.' })).toBeVisible();
  await expect(endpointRow).toHaveCount(0);
});
