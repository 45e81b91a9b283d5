'use client';

import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { OverviewParams } from '@/lib/shared/overview';
import type { ReviewFilter, WorkOrderQuery } from '@/lib/shared/work-order-filters';

const list = (text: string) =>
  text
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);

interface Draft {
  createdFrom: string;
  createdTo: string;
  engineers: string;
  groups: string;
  types: string;
  tags: string;
  review: ReviewFilter;
}

function draftOf(query: WorkOrderQuery): Draft {
  return {
    createdFrom: query.createdFrom ?? '',
    createdTo: query.createdTo ?? '',
    engineers: query.engineers.join(', '),
    groups: query.groups.join(', '),
    types: query.types.join(', '),
    tags: query.tags.join(', '),
    review: query.review,
  };
}

/**
 * The overview's own filter bar over the shared filter model: the most used keys are edited
 * here; any other filter in the URL (metadata, free text, progress range…) is kept as it is.
 * Several values: comma-separated.
 */
export function OverviewFilters({
  params,
  onApply,
  onReset,
}: {
  params: OverviewParams;
  onApply: (params: OverviewParams) => void;
  onReset: () => void;
}) {
  const t = useTranslations('overview.filters');
  const [draft, setDraft] = useState<Draft>(() => draftOf(params.query));
  const [seen, setSeen] = useState(params.query);
  if (seen !== params.query) {
    // The URL changed (back button, a link): show what it says.
    setSeen(params.query);
    setDraft(draftOf(params.query));
  }
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      ...params,
      query: {
        ...params.query,
        createdFrom: draft.createdFrom || null,
        createdTo: draft.createdTo || null,
        engineers: list(draft.engineers).map((email) => email.toLowerCase()),
        groups: list(draft.groups),
        types: list(draft.types),
        tags: list(draft.tags),
        review: draft.review,
      },
    });
  };
  return (
    <Box
      component="form"
      role="search"
      aria-label={t('label')}
      onSubmit={submit}
      sx={{
        display: 'grid',
        gap: 1.5,
        alignItems: 'center',
        gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, minmax(0, 1fr))', lg: 'repeat(8, auto)' },
      }}
    >
      <TextField
        size="small"
        type="date"
        label={t('createdFrom')}
        value={draft.createdFrom}
        onChange={set('createdFrom')}
        slotProps={{ inputLabel: { shrink: true } }}
        name="createdFrom"
      />
      <TextField
        size="small"
        type="date"
        label={t('createdTo')}
        value={draft.createdTo}
        onChange={set('createdTo')}
        slotProps={{ inputLabel: { shrink: true } }}
        name="createdTo"
      />
      <TextField size="small" label={t('engineer')} value={draft.engineers} onChange={set('engineers')} name="engineer" />
      <TextField size="small" label={t('group')} value={draft.groups} onChange={set('groups')} name="group" />
      <TextField size="small" label={t('type')} value={draft.types} onChange={set('types')} name="type" />
      <TextField size="small" label={t('tag')} value={draft.tags} onChange={set('tags')} name="tag" />
      <TextField size="small" select label={t('review')} value={draft.review} onChange={set('review')} name="review">
        <MenuItem value="all">{t('reviewAll')}</MenuItem>
        <MenuItem value="to_review">{t('reviewToReview')}</MenuItem>
        <MenuItem value="reviewed">{t('reviewReviewed')}</MenuItem>
      </TextField>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button type="submit" variant="contained">
          {t('apply')}
        </Button>
        <Button type="button" onClick={onReset}>
          {t('reset')}
        </Button>
      </Box>
    </Box>
  );
}
