'use client';

import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { AuditEntryDto } from '@/lib/shared/audit-log';
import { jsonText, taskLabel } from './audit-format';
import { OutcomeChip } from './OutcomeChip';
import { useAuditLabels } from './use-audit-labels';

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: '0.8125rem' } as const;

/** A JSON value as text in a scrolling block: whatever it holds is shown, never interpreted. */
function JsonBlock({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      <Box
        component="pre"
        tabIndex={0}
        sx={{
          ...MONO,
          m: 0,
          p: 1.5,
          bgcolor: 'action.hover',
          borderRadius: 1,
          overflow: 'auto',
          maxHeight: 280,
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
        }}
      >
        {jsonText(value)}
      </Box>
    </Box>
  );
}

/** Every field of one audit row, the before / after / details JSON included. */
export function AuditDetailDialog({ entry, onClose }: { entry: AuditEntryDto | null; onClose: () => void }) {
  const t = useTranslations('audit');
  const labels = useAuditLabels();
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const fields: Array<[string, ReactNode]> = entry
    ? [
        [t('table.at'), labels.time(entry.at)],
        [t('table.actor'), entry.actorEmail ?? t('table.nobody')],
        [t('detail.actorId'), entry.actorId],
        [t('table.action'), labels.action(entry.action)],
        [t('detail.code'), entry.action],
        [t('table.outcome'), <OutcomeChip key="outcome" outcome={entry.outcome} label={entry.outcome ? labels.outcome(entry.outcome) : null} />],
        [t('table.workOrder'), entry.workOrderId],
        [t('table.task'), taskLabel(entry)],
        [t('detail.taskId'), entry.taskId],
        [t('table.reason'), entry.reason],
        [t('detail.comment'), entry.comment],
        [t('table.requestId'), entry.requestId],
        [t('detail.id'), entry.id],
      ]
    : [];

  return (
    <Dialog open={entry !== null} onClose={onClose} fullWidth maxWidth="md" fullScreen={fullScreen} aria-labelledby="audit-detail-title">
      <DialogTitle id="audit-detail-title">{t('detail.title')}</DialogTitle>
      <DialogContent dividers>
        <Box
          component="dl"
          sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 2, rowGap: { xs: 0, sm: 0.75 }, m: 0 }}
        >
          {fields
            .filter(([, value]) => value !== null && value !== undefined && value !== '')
            .map(([label, value]) => (
              <Box key={label} sx={{ display: 'contents' }}>
                <Box component="dt" sx={{ color: 'text.secondary', typography: 'body2', mt: { xs: 1, sm: 0 } }}>
                  {label}
                </Box>
                <Box component="dd" sx={{ m: 0, typography: 'body2', overflowWrap: 'anywhere' }}>
                  {value}
                </Box>
              </Box>
            ))}
        </Box>
        {entry ? (
          <>
            <JsonBlock label={t('detail.before')} value={entry.before} />
            <JsonBlock label={t('detail.after')} value={entry.after} />
            <JsonBlock label={t('detail.details')} value={entry.details} />
          </>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('detail.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
