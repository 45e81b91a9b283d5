'use client';

import FilterAltOffIcon from '@mui/icons-material/FilterAltOff';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS } from '@/lib/shared/audit-log';
import { AUDIT_OUTCOMES, countAuditFilters, parseAuditQuery, toAuditSearchParams, type AuditFilters } from '@/lib/shared/audit-query';
import { useAuditLabels } from './use-audit-labels';

const FIELD_SX = { flex: { xs: '1 1 100%', sm: '1 1 200px' }, minWidth: 0 } as const;
const DATE_SX = { flex: { xs: '1 1 calc(50% - 8px)', sm: '0 1 180px' }, minWidth: 0 } as const;
/** A list with no filter reads "Any", not an empty box. */
const SHOW_ANY = { select: { displayEmpty: true }, inputLabel: { shrink: true } } as const;

/**
 * The audit page's filters. Lists and dates apply at once; the user's e-mail and the work
 * order's id apply with Enter or "Apply", once they read as a valid filter. Remounted on each
 * URL change (its key), so back and forward show the filters of the address.
 */
export function AuditFilterBar({
  filters,
  actors,
  update,
  clear,
}: {
  filters: AuditFilters;
  actors: string[];
  update: (change: Partial<AuditFilters>) => void;
  clear: () => void;
}) {
  const t = useTranslations('audit.filters');
  const labels = useAuditLabels();
  const fieldErrors = useTranslations('errors.fields');
  const [actor, setActor] = useState(filters.actor ?? '');
  const [workOrder, setWorkOrder] = useState(filters.workOrder ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});

  /** Applies a change once it parses; otherwise says what is wrong under the field. */
  const apply = (change: Partial<AuditFilters>) => {
    const next = { ...filters, ...change };
    const parsed = parseAuditQuery(toAuditSearchParams(next));
    if (!parsed.ok) {
      setErrors(parsed.fields);
      return;
    }
    setErrors({});
    update(change);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ actor: actor.trim() || null, workOrder: workOrder.trim() || null });
  };

  const error = (field: keyof AuditFilters) => {
    const reason = errors[field];
    if (!reason) return undefined;
    return fieldErrors.has(reason) ? fieldErrors(reason) : reason;
  };

  return (
    <Paper variant="outlined" component="form" role="search" aria-label={t('label')} onSubmit={submit} sx={{ p: 2, mb: 2 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
        <Autocomplete
          freeSolo
          size="small"
          options={actors}
          inputValue={actor}
          onInputChange={(_, value) => setActor(value)}
          // Picking a suggestion (or clearing) applies it; Enter on typed text submits the form.
          onChange={(_, value, reason) => {
            if (reason === 'selectOption' || reason === 'clear') apply({ actor: value?.trim() || null });
          }}
          sx={FIELD_SX}
          renderInput={(params) => (
            <TextField
              {...params}
              name="actor"
              label={t('actor')}
              placeholder={t('actorHint')}
              error={Boolean(errors.actor)}
              helperText={error('actor')}
            />
          )}
        />
        <TextField
          size="small"
          select
          name="action"
          label={t('action')}
          value={filters.action ?? ''}
          onChange={(event) => apply({ action: event.target.value || null })}
          slotProps={SHOW_ANY}
          sx={FIELD_SX}
        >
          <MenuItem value="">{t('any')}</MenuItem>
          {/* An action code from a link that the list does not know still shows as selected. */}
          {filters.action && !(AUDIT_ACTIONS as readonly string[]).includes(filters.action) ? (
            <MenuItem value={filters.action}>{filters.action}</MenuItem>
          ) : null}
          {AUDIT_ACTIONS.map((code) => (
            <MenuItem key={code} value={code}>
              {labels.action(code)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          select
          name="outcome"
          label={t('outcome')}
          value={filters.outcome ?? ''}
          onChange={(event) => apply({ outcome: (event.target.value || null) as AuditFilters['outcome'] })}
          slotProps={SHOW_ANY}
          sx={FIELD_SX}
        >
          <MenuItem value="">{t('any')}</MenuItem>
          {AUDIT_OUTCOMES.map((code) => (
            <MenuItem key={code} value={code}>
              {labels.outcome(code)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          name="workOrder"
          label={t('workOrder')}
          value={workOrder}
          onChange={(event) => setWorkOrder(event.target.value)}
          error={Boolean(errors.workOrder)}
          helperText={error('workOrder')}
          slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
          sx={{ ...FIELD_SX, flexBasis: { xs: '100%', sm: '320px' } }}
        />
        <TextField
          size="small"
          type="date"
          name="from"
          label={t('from')}
          value={filters.from ?? ''}
          onChange={(event) => apply({ from: event.target.value || null })}
          error={Boolean(errors.from)}
          helperText={error('from')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: filters.to ?? undefined } }}
          sx={DATE_SX}
        />
        <TextField
          size="small"
          type="date"
          name="to"
          label={t('to')}
          value={filters.to ?? ''}
          onChange={(event) => apply({ to: event.target.value || null })}
          error={Boolean(errors.to)}
          helperText={error('to')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: filters.from ?? undefined } }}
          sx={DATE_SX}
        />
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', minHeight: 40 }}>
          <Button type="submit" variant="contained">
            {t('apply')}
          </Button>
          <Button startIcon={<FilterAltOffIcon />} onClick={clear} disabled={countAuditFilters(filters) === 0}>
            {t('clear')}
          </Button>
        </Box>
      </Box>
    </Paper>
  );
}
