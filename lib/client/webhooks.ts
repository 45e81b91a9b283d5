import type {
  WebhookDeliveriesDto,
  WebhookDeliveryDto,
  WebhookDeliveryStatus,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
  WebhookEventType,
} from '@/lib/shared/webhooks';
import { requestJson } from './api';

/** The calls of the admin's webhooks page (URLs are also the SWR keys of the reads). */

export const WEBHOOK_ENDPOINTS_URL = '/api/admin/webhooks/endpoints';

export function webhookDeliveriesUrl(status: WebhookDeliveryStatus | null): string {
  return status ? `/api/admin/webhooks/deliveries?status=${status}` : '/api/admin/webhooks/deliveries';
}

export interface WebhookEndpointInput {
  url: string;
  description: string;
  events: WebhookEventType[];
  stuckDays: number | null;
}

export function listWebhookEndpoints(): Promise<{ endpoints: WebhookEndpointDto[] }> {
  return requestJson(WEBHOOK_ENDPOINTS_URL);
}

export function createWebhookEndpoint(input: WebhookEndpointInput): Promise<WebhookEndpointWithSecretDto> {
  return requestJson(WEBHOOK_ENDPOINTS_URL, { method: 'POST', json: input });
}

export function updateWebhookEndpoint(
  id: string,
  patch: Partial<WebhookEndpointInput> & { enabled?: boolean },
): Promise<{ endpoint: WebhookEndpointDto }> {
  return requestJson(`${WEBHOOK_ENDPOINTS_URL}/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch });
}

export function deleteWebhookEndpoint(id: string): Promise<{ deleted: true }> {
  return requestJson(`${WEBHOOK_ENDPOINTS_URL}/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function rotateWebhookSecret(id: string): Promise<WebhookEndpointWithSecretDto> {
  return requestJson(`${WEBHOOK_ENDPOINTS_URL}/${encodeURIComponent(id)}/secret`, { method: 'POST' });
}

export function replayWebhookDelivery(id: string): Promise<{ delivery: WebhookDeliveryDto }> {
  return requestJson(`/api/admin/webhooks/deliveries/${encodeURIComponent(id)}/replay`, { method: 'POST' });
}

export type { WebhookDeliveriesDto };
