'use client';

import { useState } from 'react';
import useSWR from 'swr';
import { fetchJson } from '@/lib/client/api';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  replayWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  WEBHOOK_ENDPOINTS_URL,
  webhookDeliveriesUrl,
  type WebhookEndpointInput,
} from '@/lib/client/webhooks';
import type { WebhookDeliveriesDto, WebhookDeliveryStatus, WebhookEndpointDto } from '@/lib/shared/webhooks';

/** How often the deliveries are read again while the page is open (they change by themselves). */
const DELIVERIES_REFRESH_MS = 5_000;

/**
 * The webhooks page's state: endpoints and deliveries (from the server render, then the API),
 * the status filter, and every change, each shown once the server confirmed it. A creation or
 * a rotation hands back the secret, which the page shows once.
 */
export function useWebhooks(initial: { endpoints: WebhookEndpointDto[]; deliveries: WebhookDeliveriesDto }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | null>(null);
  const endpoints = useSWR<{ endpoints: WebhookEndpointDto[] }>(WEBHOOK_ENDPOINTS_URL, fetchJson, {
    fallbackData: { endpoints: initial.endpoints },
    revalidateOnMount: false,
  });
  const deliveries = useSWR<WebhookDeliveriesDto>(webhookDeliveriesUrl(status), fetchJson, {
    fallbackData: status === null ? initial.deliveries : undefined,
    refreshInterval: DELIVERIES_REFRESH_MS,
    keepPreviousData: true,
  });

  const refresh = () => Promise.all([endpoints.mutate(), deliveries.mutate()]);

  return {
    endpoints: endpoints.data?.endpoints ?? initial.endpoints,
    deliveries: deliveries.data?.deliveries ?? [],
    deliveriesError: deliveries.error as unknown,
    status,
    setStatus,
    refreshDeliveries: () => deliveries.mutate(),
    async create(input: WebhookEndpointInput) {
      const created = await createWebhookEndpoint(input);
      await endpoints.mutate();
      return created;
    },
    async update(id: string, patch: Partial<WebhookEndpointInput> & { enabled?: boolean }) {
      const { endpoint } = await updateWebhookEndpoint(id, patch);
      await endpoints.mutate();
      return endpoint;
    },
    async remove(id: string) {
      await deleteWebhookEndpoint(id);
      await refresh();
    },
    async rotate(id: string) {
      return rotateWebhookSecret(id);
    },
    async replay(id: string) {
      await replayWebhookDelivery(id);
      await deliveries.mutate();
    },
  };
}

export type Webhooks = ReturnType<typeof useWebhooks>;
