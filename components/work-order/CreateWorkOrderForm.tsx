'use client';

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import { useTranslations } from 'next-intl';
import NextLink from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { WorkOrderDto } from '@/lib/shared/work-order-dto';
import { ApiError, requestJson } from './api-client';
import { emptyWorkOrderForm, hasErrors, toCreateRequest, validateWorkOrderForm, type WorkOrderFormErrors } from './work-order-form';
import { WorkOrderFields, type WorkOrderSuggestions } from './WorkOrderFields';

export function CreateWorkOrderForm({ suggestions }: { suggestions: WorkOrderSuggestions }) {
  const t = useTranslations('workOrder.form');
  const router = useRouter();
  const [values, setValues] = useState(emptyWorkOrderForm);
  const [errors, setErrors] = useState<WorkOrderFormErrors>({});
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    const found = validateWorkOrderForm(values);
    setErrors(found);
    if (hasErrors(found) || sending) return;
    setSending(true);
    setServerError(null);
    try {
      const created = await requestJson<WorkOrderDto>('/api/work-orders', { method: 'POST', json: toCreateRequest(values) });
      router.push(`/work-orders/${encodeURIComponent(created.id)}`);
    } catch (error) {
      setServerError(error instanceof ApiError ? error : new ApiError(null, null));
      setSending(false);
    }
  };

  return (
    <Stack
      component="form"
      noValidate
      spacing={3}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      sx={{ maxWidth: 720 }}
    >
      <WorkOrderFields values={values} onChange={setValues} errors={errors} fieldErrors={serverError?.body?.fields} suggestions={suggestions} />
      {serverError ? (
        <Alert severity="error" role="alert">
          {serverError.body?.message ?? t('networkError')} {serverError.body?.requestId ? t('reference', { id: serverError.body.requestId }) : ''}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" disabled={sending} startIcon={sending ? <CircularProgress size={16} color="inherit" /> : undefined}>
          {sending ? t('creating') : t('create')}
        </Button>
        <Button component={NextLink} href="/work-orders" disabled={sending}>
          {t('cancel')}
        </Button>
      </Stack>
    </Stack>
  );
}
