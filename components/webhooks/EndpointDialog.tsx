'use client';

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/client/api';
import { useFieldErrorTexts } from '@/lib/client/field-errors';
import type { WebhookEndpointInput } from '@/lib/client/webhooks';
import { WEBHOOK_EVENTS, webhookEventKey, type WebhookEndpointDto, type WebhookEventType } from '@/lib/shared/webhooks';

/**
 * Adds an endpoint (`endpoint` null) or edits one: URL, description, events, and N days when
 * "work order stuck" is chosen. `onSave` calls the server; its field errors show beside fields.
 */
export function EndpointDialog({
  open,
  endpoint,
  onClose,
  onSave,
}: {
  open: boolean;
  endpoint: WebhookEndpointDto | null;
  onClose: () => void;
  onSave: (input: WebhookEndpointInput & { enabled: boolean }) => Promise<void>;
}) {
  const t = useTranslations('webhooks');
  const common = useTranslations('common');
  const fieldErrors = useFieldErrorTexts('webhooks.errors');
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [events, setEvents] = useState<WebhookEventType[]>(endpoint?.events ?? []);
  const [stuckDays, setStuckDays] = useState(endpoint?.stuckDays ? String(endpoint.stuckDays) : '3');
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const watchesStuck = events.includes('work_order.stuck');

  function toggle(event: WebhookEventType, checked: boolean) {
    setEvents((current) => (checked ? [...current, event] : current.filter((candidate) => candidate !== event)));
  }

  async function submit(formEvent: FormEvent<HTMLFormElement>) {
    formEvent.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    try {
      const days = Number(stuckDays);
      await onSave({
        url: url.trim(),
        description: description.trim(),
        events,
        stuckDays: watchesStuck ? (Number.isFinite(days) && stuckDays.trim() !== '' ? days : null) : null,
        enabled,
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  const fields = fieldErrors(error);
  const failure = error && Object.keys(fields).length === 0 ? (error instanceof ApiError && error.body?.message) || common('errorPage.title') : null;
  const titleId = 'webhook-endpoint-title';
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{endpoint ? t('form.editTitle') : t('form.createTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {failure && <Alert severity="error">{failure}</Alert>}
            <TextField
              label={t('form.url')}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              required
              type="url"
              autoFocus
              error={Boolean(fields.url)}
              helperText={fields.url ?? t('form.urlHint')}
            />
            <TextField
              label={t('form.description')}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              error={Boolean(fields.description)}
              helperText={fields.description}
            />
            <FormControl component="fieldset" error={Boolean(fields.events)}>
              <FormLabel component="legend">{t('form.events')}</FormLabel>
              <FormGroup>
                {WEBHOOK_EVENTS.map((event) => (
                  <FormControlLabel
                    key={event}
                    control={<Checkbox checked={events.includes(event)} onChange={(e) => toggle(event, e.target.checked)} />}
                    label={t(`events.${webhookEventKey(event)}`)}
                  />
                ))}
              </FormGroup>
              {fields.events && <FormHelperText>{fields.events}</FormHelperText>}
            </FormControl>
            {watchesStuck && (
              <TextField
                label={t('form.stuckDays')}
                value={stuckDays}
                onChange={(e) => setStuckDays(e.target.value)}
                type="number"
                slotProps={{ htmlInput: { min: 1, max: 365, step: 1 } }}
                error={Boolean(fields.stuckDays)}
                helperText={fields.stuckDays ?? t('form.stuckDaysHint')}
              />
            )}
            {endpoint && (
              <FormControlLabel control={<Switch checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />} label={t('form.enabled')} />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('form.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={saving}>
            {endpoint ? t('form.save') : t('form.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
