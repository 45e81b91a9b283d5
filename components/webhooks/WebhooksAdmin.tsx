'use client';

import AddIcon from '@mui/icons-material/AddLinkOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { errorMessage } from '@/lib/client/api';
import type { WebhookDeliveriesDto, WebhookDeliveryDto, WebhookEndpointDto } from '@/lib/shared/webhooks';
import { ConfirmDialog } from './ConfirmDialog';
import { DeliveriesTable } from './DeliveriesTable';
import { EndpointDialog } from './EndpointDialog';
import { EndpointsTable } from './EndpointsTable';
import { SecretDialog } from './SecretDialog';
import { useWebhooks } from './use-webhooks';

type Feedback = { severity: 'success' | 'error'; text: string };

/** The admin's webhooks: endpoints (add, edit, disable, new secret, delete) and their deliveries (filter, replay). */
export function WebhooksAdmin({
  initialEndpoints,
  initialDeliveries,
}: {
  initialEndpoints: WebhookEndpointDto[];
  initialDeliveries: WebhookDeliveriesDto;
}) {
  const t = useTranslations('webhooks');
  const hooks = useWebhooks({ endpoints: initialEndpoints, deliveries: initialDeliveries });
  // `undefined`: no dialog; null: adding; an endpoint: editing it.
  const [editing, setEditing] = useState<WebhookEndpointDto | null | undefined>(undefined);
  const [rotating, setRotating] = useState<WebhookEndpointDto | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpointDto | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [replaying, setReplaying] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  async function attempt(run: () => Promise<void>, success?: string) {
    try {
      await run();
      if (success) setFeedback({ severity: 'success', text: success });
    } catch (error) {
      setFeedback({ severity: 'error', text: errorMessage(error) });
    }
  }

  async function replay(delivery: WebhookDeliveryDto) {
    setReplaying(delivery.id);
    await attempt(() => hooks.replay(delivery.id), t('deliveries.replayed'));
    setReplaying(null);
  }

  return (
    <Stack spacing={4}>
      <Stack spacing={1.5} component="section" aria-labelledby="webhook-endpoints-title">
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" id="webhook-endpoints-title">
            {t('endpoints.title')}
          </Typography>
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing(null)}>
            {t('add')}
          </Button>
        </Stack>
        <EndpointsTable endpoints={hooks.endpoints} onEdit={setEditing} onRotate={setRotating} onDelete={setDeleting} />
      </Stack>
      <DeliveriesTable
        deliveries={hooks.deliveries}
        status={hooks.status}
        onStatus={hooks.setStatus}
        onReplay={(d) => void replay(d)}
        replaying={replaying}
      />

      {editing !== undefined && (
        <EndpointDialog
          open
          endpoint={editing}
          onClose={() => setEditing(undefined)}
          onSave={async ({ enabled, ...input }) => {
            if (editing) {
              await hooks.update(editing.id, { ...input, enabled });
              setFeedback({ severity: 'success', text: t('saved') });
            } else {
              const created = await hooks.create(input);
              setSecret(created.secret);
            }
            setEditing(undefined);
          }}
        />
      )}
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
      <ConfirmDialog
        id="webhook-rotate"
        open={rotating !== null}
        title={rotating ? t('rotate.title', { url: rotating.url }) : ''}
        description={t('rotate.description')}
        confirm={t('rotate.confirm')}
        cancel={t('rotate.cancel')}
        onCancel={() => setRotating(null)}
        onConfirm={() => {
          const target = rotating;
          setRotating(null);
          if (target) void attempt(async () => setSecret((await hooks.rotate(target.id)).secret));
        }}
      />
      <ConfirmDialog
        id="webhook-delete"
        open={deleting !== null}
        title={deleting ? t('delete.title', { url: deleting.url }) : ''}
        description={t('delete.description')}
        confirm={t('delete.confirm')}
        cancel={t('delete.cancel')}
        destructive
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const target = deleting;
          setDeleting(null);
          if (target) void attempt(() => hooks.remove(target.id), t('deleted'));
        }}
      />
      <Snackbar open={feedback !== null} autoHideDuration={feedback?.severity === 'error' ? null : 5000} onClose={() => setFeedback(null)}>
        {feedback ? (
          <Alert
            severity={feedback.severity}
            onClose={() => setFeedback(null)}
            variant="filled"
            role={feedback.severity === 'error' ? 'alert' : 'status'}
          >
            {feedback.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </Stack>
  );
}
