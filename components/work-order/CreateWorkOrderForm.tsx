'use client';

import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import { useTranslations } from 'next-intl';
import NextLink from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createWorkOrder } from '@/lib/client/api';
import { useFieldErrorTexts } from '@/lib/client/field-errors';
import { RequestErrorAlert } from './RequestErrorAlert';
import { useDialogSubmit } from './use-dialog-submit';
import { emptyWorkOrderForm, hasErrors, toCreateRequest, validateWorkOrderForm, type WorkOrderFormErrors } from './work-order-form';
import { WorkOrderFields, type WorkOrderSuggestions } from './WorkOrderFields';

export function CreateWorkOrderForm({ suggestions }: { suggestions: WorkOrderSuggestions }) {
  const t = useTranslations('workOrder.form');
  const router = useRouter();
  const [values, setValues] = useState(emptyWorkOrderForm);
  const [errors, setErrors] = useState<WorkOrderFormErrors>({});
  const { sending, error: serverError, run } = useDialogSubmit();
  const fieldErrors = useFieldErrorTexts();

  const submit = async () => {
    const found = validateWorkOrderForm(values);
    setErrors(found);
    if (hasErrors(found) || sending) return;
    await run(async () => {
      const created = await createWorkOrder(toCreateRequest(values));
      router.push(`/work-orders/${encodeURIComponent(created.id)}`);
    });
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
      <WorkOrderFields values={values} onChange={setValues} errors={errors} fieldErrors={fieldErrors(serverError)} suggestions={suggestions} />
      {serverError ? <RequestErrorAlert error={serverError} /> : null}
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
