'use client';

import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { MetadataKind, MetadataRow, WorkOrderFormErrors, WorkOrderFormValues } from './work-order-form';

export interface WorkOrderSuggestions {
  metadataKeys: string[];
  tags: string[];
  types: string[];
  groups: string[];
  engineers: string[];
}

/** Free list of strings (tags, user groups, types): type, Enter to add. */
function StringListField({
  label,
  value,
  onChange,
  helperText,
  options = [],
}: {
  label: string;
  value: string[];
  onChange(value: string[]): void;
  helperText?: string;
  options?: string[];
}) {
  return (
    <Autocomplete
      multiple
      freeSolo
      options={options}
      value={value}
      onChange={(_event, next) => onChange(next.map((item) => item.trim()).filter(Boolean))}
      renderInput={(params) => <TextField {...params} label={label} helperText={helperText} />}
    />
  );
}

export function MetadataEditor({
  rows,
  onChange,
  errors,
  keySuggestions = [],
}: {
  rows: MetadataRow[];
  onChange(rows: MetadataRow[]): void;
  errors?: Record<number, string>;
  keySuggestions?: string[];
}) {
  const t = useTranslations('workOrder.form');
  const update = (index: number, patch: Partial<MetadataRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack spacing={1} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2">
        {t('metadata')}
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('metadataEmpty')}
        </Typography>
      ) : null}
      {rows.map((row, index) => (
        <Stack key={index} direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'flex-start' } }}>
          <Autocomplete
            freeSolo
            options={keySuggestions}
            inputValue={row.key}
            onInputChange={(_event, key) => update(index, { key })}
            sx={{ flex: 1, minWidth: 160 }}
            renderInput={(params) => (
              <TextField
                {...params}
                size="small"
                label={t('metadataKey', { index: index + 1 })}
                error={!!errors?.[index]}
                helperText={errors?.[index] ? t(`errors.${errors[index]}` as 'errors.email') : undefined}
              />
            )}
          />
          <TextField
            select
            size="small"
            label={t('metadataKind', { index: index + 1 })}
            value={row.kind}
            onChange={(event) =>
              update(index, { kind: event.target.value as MetadataKind, value: event.target.value === 'boolean' ? 'true' : row.value })
            }
            sx={{ width: 130 }}
          >
            <MenuItem value="text">{t('kinds.text')}</MenuItem>
            <MenuItem value="number">{t('kinds.number')}</MenuItem>
            <MenuItem value="boolean">{t('kinds.boolean')}</MenuItem>
          </TextField>
          {row.kind === 'boolean' ? (
            <TextField
              select
              size="small"
              label={t('metadataValue', { index: index + 1 })}
              value={row.value}
              onChange={(event) => update(index, { value: event.target.value })}
              sx={{ flex: 1 }}
            >
              <MenuItem value="true">{t('true')}</MenuItem>
              <MenuItem value="false">{t('false')}</MenuItem>
            </TextField>
          ) : (
            <TextField
              size="small"
              label={t('metadataValue', { index: index + 1 })}
              value={row.value}
              onChange={(event) => update(index, { value: event.target.value })}
              slotProps={{ htmlInput: row.kind === 'number' ? { inputMode: 'decimal' } : {} }}
              sx={{ flex: 1 }}
            />
          )}
          <IconButton aria-label={t('metadataRemove', { index: index + 1 })} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            <DeleteOutlineIcon />
          </IconButton>
        </Stack>
      ))}
      <Box>
        <Button startIcon={<AddIcon />} size="small" onClick={() => onChange([...rows, { key: '', kind: 'text', value: '' }])}>
          {t('metadataAdd')}
        </Button>
      </Box>
    </Stack>
  );
}

/** The fields of a work order, shared by the create page and the edit dialog. */
export function WorkOrderFields({
  values,
  onChange,
  errors,
  fieldErrors,
  withMetadata = true,
  suggestions,
}: {
  values: WorkOrderFormValues;
  onChange(values: WorkOrderFormValues): void;
  errors: WorkOrderFormErrors;
  /** What the server found wrong with each field (`useFieldErrorTexts`). */
  fieldErrors?: Record<string, string>;
  withMetadata?: boolean;
  /** Values seen in the index (search facets), offered while typing. */
  suggestions?: WorkOrderSuggestions;
}) {
  const t = useTranslations('workOrder.form');
  const set = <K extends keyof WorkOrderFormValues>(key: K, value: WorkOrderFormValues[K]) => onChange({ ...values, [key]: value });
  return (
    <Stack spacing={2}>
      <TextField
        label={t('name')}
        value={values.name}
        onChange={(event) => set('name', event.target.value)}
        required
        error={!!errors.name || !!fieldErrors?.name}
        helperText={fieldErrors?.name ?? (errors.name ? t(`errors.${errors.name}` as 'errors.email') : t('nameHint'))}
        slotProps={{ htmlInput: { maxLength: 128, spellCheck: false, autoComplete: 'off' } }}
      />
      <Autocomplete
        freeSolo
        options={suggestions?.engineers ?? []}
        inputValue={values.fieldEngineerEmail}
        onInputChange={(_event, email) => set('fieldEngineerEmail', email)}
        renderInput={(params) => (
          <TextField
            {...params}
            label={t('engineer')}
            type="email"
            error={!!errors.fieldEngineerEmail || !!fieldErrors?.fieldEngineerEmail}
            helperText={fieldErrors?.fieldEngineerEmail ?? (errors.fieldEngineerEmail ? t('errors.email') : t('engineerHint'))}
          />
        )}
      />
      <StringListField
        label={t('tags')}
        value={values.tags}
        onChange={(tags) => set('tags', tags)}
        options={suggestions?.tags}
        helperText={fieldErrors?.tags ?? t('listHint')}
      />
      <StringListField
        label={t('types')}
        value={values.workOrderTypes}
        onChange={(types) => set('workOrderTypes', types)}
        options={suggestions?.types}
        helperText={fieldErrors?.workOrderTypes ?? t('typesHint')}
      />
      <StringListField
        label={t('userGroups')}
        value={values.userGroupIds}
        onChange={(ids) => set('userGroupIds', ids)}
        options={suggestions?.groups}
        helperText={fieldErrors?.userGroupIds ?? t('listHint')}
      />
      {withMetadata ? (
        <MetadataEditor
          rows={values.metadata}
          onChange={(rows) => set('metadata', rows)}
          errors={errors.metadataRows}
          keySuggestions={suggestions?.metadataKeys}
        />
      ) : null}
    </Stack>
  );
}
