'use client';

import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { WorkOrderDto, WorkOrderPatchRequest } from '@/lib/shared/work-order-dto';
import { updateWorkOrder } from '@/lib/client/api';
import { useFieldErrorTexts } from '@/lib/client/field-errors';
import { RequestErrorAlert } from './RequestErrorAlert';
import { useDialogSubmit } from './use-dialog-submit';
import { formFromWorkOrder, hasErrors, toCreateRequest, validateWorkOrderForm, type WorkOrderFormErrors } from './work-order-form';
import { WorkOrderFields } from './WorkOrderFields';

/** Edit name, engineer, tags, types, user groups (PATCH: only what changed is sent). */
export function EditWorkOrderDialog({
  workOrder,
  onClose,
  onSaved,
}: {
  workOrder: WorkOrderDto;
  onClose(): void;
  onSaved(workOrder: WorkOrderDto): void;
}) {
  const t = useTranslations('workOrder.form');
  const [values, setValues] = useState(() => formFromWorkOrder(workOrder));
  const [errors, setErrors] = useState<WorkOrderFormErrors>({});
  const { sending, error: serverError, run } = useDialogSubmit();
  const fieldErrors = useFieldErrorTexts();

  const submit = async () => {
    const found = validateWorkOrderForm({ ...values, metadata: [] });
    setErrors(found);
    if (hasErrors(found) || sending) return;
    const next = toCreateRequest(values);
    const patch: WorkOrderPatchRequest = {};
    if (next.name !== workOrder.name) patch.name = next.name;
    if ((next.fieldEngineerEmail ?? null) !== workOrder.fieldEngineerEmail) patch.fieldEngineerEmail = next.fieldEngineerEmail;
    if (JSON.stringify(next.tags) !== JSON.stringify(workOrder.tags)) patch.tags = next.tags;
    if (JSON.stringify(next.workOrderTypes) !== JSON.stringify(workOrder.workOrderTypes)) patch.workOrderTypes = next.workOrderTypes;
    if (JSON.stringify(next.userGroupIds) !== JSON.stringify(workOrder.userGroupIds)) patch.userGroupIds = next.userGroupIds;
    if (Object.keys(patch).length === 0) return onClose();
    await run(async () => {
      onSaved(await updateWorkOrder(workOrder.id, patch));
    });
  };

  return (
    <Dialog open onClose={sending ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="edit-title">
      <DialogTitle id="edit-title">{t('editTitle')}</DialogTitle>
      <DialogContent dividers>
        <form
          id="edit-work-order"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <WorkOrderFields values={values} onChange={setValues} errors={errors} fieldErrors={fieldErrors(serverError)} withMetadata={false} />
        </form>
        {serverError ? <RequestErrorAlert error={serverError} sx={{ mt: 2 }} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={sending}>
          {t('cancel')}
        </Button>
        <Button type="submit" form="edit-work-order" variant="contained" disabled={sending}>
          {sending ? t('saving') : t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
