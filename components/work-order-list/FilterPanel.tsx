'use client';

import AddIcon from '@mui/icons-material/Add';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { REVIEW_FILTERS, type ReviewFilter, type WorkOrderQuery } from '@/lib/shared/work-order-filters';
import type { WorkOrderFacetsDto } from '@/lib/shared/work-order-list';
import { useHydrated } from './use-hydrated';
import { useMetadataValues } from './use-metadata-values';

type Update = (change: Partial<WorkOrderQuery>) => void;

function MultiValue({
  label,
  values,
  options,
  onChange,
  getLabel,
}: {
  label: string;
  values: string[];
  options: string[];
  onChange(values: string[]): void;
  getLabel?: (value: string) => string;
}) {
  const t = useTranslations('workOrders.filters');
  return (
    <Autocomplete
      multiple
      freeSolo
      size="small"
      options={options}
      value={values}
      getOptionLabel={(option) => getLabel?.(option) ?? option}
      onChange={(_event, next) =>
        onChange(
          next
            .map((value) => value.trim())
            .filter(Boolean)
            .slice(0, 50),
        )
      }
      renderInput={(params) => <TextField {...params} label={label} helperText={values.length > 1 ? t('anyOf') : undefined} />}
      sx={{ minWidth: 220, flex: '1 1 220px' }}
    />
  );
}

function DateRange({
  label,
  from,
  to,
  onChange,
}: {
  label: string;
  from: string | null;
  to: string | null;
  onChange(from: string | null, to: string | null): void;
}) {
  const t = useTranslations('workOrders.filters');
  return (
    <Stack direction="row" spacing={1} sx={{ flex: '1 1 300px' }}>
      <TextField
        type="date"
        size="small"
        label={t('from', { label })}
        value={from ?? ''}
        onChange={(event) => onChange(event.target.value || null, to)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: to ?? undefined } }}
        fullWidth
      />
      <TextField
        type="date"
        size="small"
        label={t('to', { label })}
        value={to ?? ''}
        onChange={(event) => onChange(from, event.target.value || null)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: from ?? undefined } }}
        fullWidth
      />
    </Stack>
  );
}

function ProgressField({ label, value, onCommit }: { label: string; value: number | null; onCommit(value: number | null): void }) {
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The URL changed under us (back button, reset): follow it.
    setShown(value);
    setDraft(value === null ? '' : String(value));
  }
  const commit = () => {
    const number = draft.trim() === '' ? null : Math.round(Number(draft));
    if (number === null || (Number.isFinite(number) && number >= 0 && number <= 100)) onCommit(number);
    else setDraft(value === null ? '' : String(value));
  };
  return (
    <TextField
      type="number"
      size="small"
      label={label}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
      slotProps={{ htmlInput: { min: 0, max: 100, step: 1, inputMode: 'numeric' } }}
      sx={{ width: 150 }}
    />
  );
}

function TriState({ label, value, onChange }: { label: string; value: boolean | null; onChange(value: boolean | null): void }) {
  const t = useTranslations('workOrders.filters');
  const id = `filter-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <FormControl size="small" sx={{ minWidth: 190 }}>
      <InputLabel id={id}>{label}</InputLabel>
      <Select
        labelId={id}
        label={label}
        value={value === null ? 'any' : value ? 'yes' : 'no'}
        onChange={(event) => onChange(event.target.value === 'any' ? null : event.target.value === 'yes')}
      >
        <MenuItem value="any">{t('any')}</MenuItem>
        <MenuItem value="yes">{t('yes')}</MenuItem>
        <MenuItem value="no">{t('no')}</MenuItem>
      </Select>
    </FormControl>
  );
}

/** Every filter of the list; each change navigates (the URL holds the state). */
export function FilterPanel({ query, facets, update }: { query: WorkOrderQuery; facets: WorkOrderFacetsDto; update: Update }) {
  const t = useTranslations('workOrders.filters');
  const [metaKey, setMetaKey] = useState<string | null>(null);
  const [metaValue, setMetaValue] = useState('');
  const valueSuggestions = useMetadataValues(metaKey?.trim() || null, facets.metadataKeys);
  const engineerNames = new Map(facets.engineers.map((engineer) => [engineer.email, engineer.name]));
  // Open with the page, the panel is in the server's HTML before its code has run: its fields
  // stay disabled until then, rather than take typing that would be lost.
  const hydrated = useHydrated();

  const addMetadata = () => {
    const key = metaKey?.trim();
    if (!key) return;
    update({ metadata: [...query.metadata, { key, value: metaValue.trim() || null }].slice(0, 50) });
    setMetaKey(null);
    setMetaValue('');
  };

  return (
    <Box
      component="fieldset"
      disabled={!hydrated}
      aria-label={t('title')}
      sx={{ display: 'flex', flexDirection: 'column', gap: 2, py: 2, px: 0, m: 0, border: 0, minWidth: 0 }}
    >
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
        <FormControl size="small" sx={{ minWidth: 170 }}>
          <InputLabel id="filter-review">{t('review')}</InputLabel>
          <Select
            labelId="filter-review"
            label={t('review')}
            value={query.review}
            onChange={(event) => update({ review: event.target.value as ReviewFilter })}
          >
            {REVIEW_FILTERS.map((option) => (
              <MenuItem key={option} value={option}>
                {t(`reviewOptions.${option}`)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <TriState label={t('corrected')} value={query.corrected} onChange={(corrected) => update({ corrected })} />
        <TriState label={t('conformity')} value={query.conformity} onChange={(conformity) => update({ conformity })} />
        <TriState label={t('assigned')} value={query.assigned} onChange={(assigned) => update({ assigned })} />
        <ProgressField label={t('progressMin')} value={query.progressMin} onCommit={(progressMin) => update({ progressMin })} />
        <ProgressField label={t('progressMax')} value={query.progressMax} onCommit={(progressMax) => update({ progressMax })} />
      </Stack>

      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
        <MultiValue label={t('tags')} values={query.tags} options={facets.tags} onChange={(tags) => update({ tags })} />
        <MultiValue label={t('types')} values={query.types} options={facets.types} onChange={(types) => update({ types })} />
        <MultiValue
          label={t('engineers')}
          values={query.engineers}
          options={facets.engineers.map((engineer) => engineer.email)}
          getLabel={(email) => (engineerNames.get(email) ? `${engineerNames.get(email)} <${email}>` : email)}
          onChange={(engineers) => update({ engineers: engineers.map((email) => email.toLowerCase()) })}
        />
        <MultiValue label={t('groups')} values={query.groups} options={facets.groups} onChange={(groups) => update({ groups })} />
      </Stack>

      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
        <DateRange
          label={t('created')}
          from={query.createdFrom}
          to={query.createdTo}
          onChange={(createdFrom, createdTo) => update({ createdFrom, createdTo })}
        />
        <DateRange
          label={t('updated')}
          from={query.updatedFrom}
          to={query.updatedTo}
          onChange={(updatedFrom, updatedTo) => update({ updatedFrom, updatedTo })}
        />
        <DateRange
          label={t('reviewed')}
          from={query.reviewedFrom}
          to={query.reviewedTo}
          onChange={(reviewedFrom, reviewedTo) => update({ reviewedFrom, reviewedTo })}
        />
      </Stack>

      <Box>
        <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
          {t('metadata')}
        </Typography>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, mb: query.metadata.length ? 1.5 : 0 }}>
          {query.metadata.map((filter, index) => {
            const label = filter.value === null ? filter.key : `${filter.key} = ${filter.value}`;
            return (
              <Chip
                key={`${filter.key}=${filter.value}-${index}`}
                label={label}
                onDelete={() => update({ metadata: query.metadata.filter((_, i) => i !== index) })}
                slotProps={{ root: { 'aria-label': label } }}
              />
            );
          })}
        </Stack>
        <Stack
          component="form"
          direction="row"
          sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}
          onSubmit={(event) => {
            event.preventDefault();
            addMetadata();
          }}
        >
          <Autocomplete
            freeSolo
            size="small"
            options={facets.metadataKeys}
            value={metaKey}
            onChange={(_event, value) => setMetaKey(value)}
            onInputChange={(_event, value) => setMetaKey(value)}
            renderInput={(params) => <TextField {...params} label={t('metadataKey')} />}
            sx={{ minWidth: 200 }}
          />
          <Autocomplete
            freeSolo
            size="small"
            options={valueSuggestions}
            inputValue={metaValue}
            onInputChange={(_event, value) => setMetaValue(value)}
            renderInput={(params) => <TextField {...params} label={t('metadataValue')} />}
            sx={{ minWidth: 240 }}
          />
          <Button type="submit" variant="outlined" startIcon={<AddIcon />} disabled={!metaKey?.trim()}>
            {t('addMetadata')}
          </Button>
        </Stack>
      </Box>
    </Box>
  );
}
