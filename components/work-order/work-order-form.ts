import type { Metadata, MetadataValue, WorkOrderCreateRequest, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { workOrderNameProblem } from '@/lib/shared/work-order-name';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type MetadataKind = 'text' | 'number' | 'boolean';

export interface MetadataRow {
  key: string;
  kind: MetadataKind;
  value: string;
}

export interface WorkOrderFormValues {
  name: string;
  tags: string[];
  fieldEngineerEmail: string;
  userGroupIds: string[];
  workOrderTypes: string[];
  metadata: MetadataRow[];
}

export type WorkOrderFormErrors = Partial<Record<'name' | 'fieldEngineerEmail' | 'metadata', string>> & { metadataRows?: Record<number, string> };

export function emptyWorkOrderForm(): WorkOrderFormValues {
  return { name: '', tags: [], fieldEngineerEmail: '', userGroupIds: [], workOrderTypes: [], metadata: [] };
}

export function metadataToRows(metadata: Metadata): MetadataRow[] {
  return Object.entries(metadata).map(([key, value]) => ({
    key,
    kind: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text',
    value: value === null ? '' : String(value),
  }));
}

export function formFromWorkOrder(workOrder: WorkOrderDto): WorkOrderFormValues {
  return {
    name: workOrder.name,
    tags: [...workOrder.tags],
    fieldEngineerEmail: workOrder.fieldEngineerEmail ?? '',
    userGroupIds: [...workOrder.userGroupIds],
    workOrderTypes: [...workOrder.workOrderTypes],
    metadata: metadataToRows(workOrder.metadata),
  };
}

/** Error message keys (namespace `workOrder.form.errors`) per field; empty when valid. */
export function validateMetadataRows(rows: MetadataRow[]): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const key = row.key.trim();
    if (!key) errors[index] = 'metadataKeyRequired';
    else if (seen.has(key)) errors[index] = 'metadataKeyDuplicate';
    else if (row.kind === 'number' && (row.value.trim() === '' || !Number.isFinite(Number(row.value)))) errors[index] = 'metadataNumber';
    else if (row.kind === 'boolean' && row.value !== 'true' && row.value !== 'false') errors[index] = 'metadataBoolean';
    seen.add(key);
  });
  return errors;
}

export function validateWorkOrderForm(values: WorkOrderFormValues): WorkOrderFormErrors {
  const errors: WorkOrderFormErrors = {};
  // Any value is a valid name upstream: sent exactly as typed, spaces and accents included.
  const nameProblem = workOrderNameProblem(values.name);
  if (nameProblem) errors.name = nameProblem;
  if (values.fieldEngineerEmail.trim() && !EMAIL.test(values.fieldEngineerEmail.trim())) errors.fieldEngineerEmail = 'email';
  const rows = validateMetadataRows(values.metadata);
  if (Object.keys(rows).length > 0) errors.metadataRows = rows;
  return errors;
}

export function hasErrors(errors: WorkOrderFormErrors): boolean {
  return Object.keys(errors).length > 0;
}

export function rowsToMetadata(rows: MetadataRow[]): Metadata {
  const metadata: Record<string, MetadataValue> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key) continue;
    metadata[key] = row.kind === 'number' ? Number(row.value) : row.kind === 'boolean' ? row.value === 'true' : row.value;
  }
  return metadata;
}

export function toCreateRequest(values: WorkOrderFormValues): WorkOrderCreateRequest {
  return {
    name: values.name,
    metadata: rowsToMetadata(values.metadata),
    tags: values.tags,
    fieldEngineerEmail: values.fieldEngineerEmail.trim() || null,
    userGroupIds: values.userGroupIds,
    workOrderTypes: values.workOrderTypes,
  };
}
