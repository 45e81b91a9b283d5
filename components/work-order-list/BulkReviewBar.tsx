'use client';

import DoneAllIcon from '@mui/icons-material/DoneAll';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ApiError, bulkReview, errorMessage, type BulkReviewRequest } from '@/lib/client/api';

export interface Selection {
  ids: string[];
  /** "All N matching" the current filter, not just the ticked rows. */
  allMatching: boolean;
}

/**
 * Shown when rows are selected (supervisors and admins only — the server refuses anyone
 * else anyway): how many, "select all N matching", and mark reviewed / reopen behind a
 * confirmation that names the number of work orders.
 */
export function BulkReviewBar({
  selection,
  total,
  pageCount,
  queryString,
  onSelectAll,
  onClear,
  onDone,
}: {
  selection: Selection;
  total: number;
  pageCount: number;
  queryString: string;
  onSelectAll(): void;
  onClear(): void;
  onDone(message: string): void;
}) {
  const t = useTranslations('workOrders.bulk');
  const [pending, setPending] = useState<'reviewed' | 'to_review' | null>(null);
  const [expected, setExpected] = useState(total);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const count = selection.allMatching ? expected : selection.ids.length;

  const open = (status: 'reviewed' | 'to_review') => {
    setExpected(total);
    setError(null);
    setPending(status);
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    const body: BulkReviewRequest = selection.allMatching
      ? { status: pending, query: queryString, expectedCount: expected }
      : { status: pending, ids: selection.ids };
    try {
      const result = await bulkReview(body);
      setPending(null);
      onDone(t('done', { count: result.updated }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'conflict') {
        const changed = (caught.body?.details as { count?: number } | undefined)?.count ?? total;
        setExpected(changed);
        setError(t('changed', { count: changed }));
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1, mb: 1 }}>
      <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }} role="status">
          {selection.allMatching ? t('allSelected', { count: total }) : t('selected', { count: selection.ids.length })}
        </Typography>
        {!selection.allMatching && selection.ids.length >= pageCount && total > selection.ids.length ? (
          <Button size="small" onClick={onSelectAll}>
            {t('selectAll', { count: total })}
          </Button>
        ) : null}
        <Button size="small" onClick={onClear}>
          {t('clear')}
        </Button>
        <Stack direction="row" spacing={1} sx={{ ml: 'auto' }}>
          <Button size="small" variant="outlined" onClick={() => open('to_review')}>
            {t('reopen')}
          </Button>
          <Button size="small" variant="contained" startIcon={<DoneAllIcon />} onClick={() => open('reviewed')}>
            {t('markReviewed')}
          </Button>
        </Stack>
      </Stack>
      <Dialog open={pending !== null} onClose={() => (busy ? undefined : setPending(null))} maxWidth="xs" fullWidth>
        <DialogTitle>{pending === 'to_review' ? t('confirmReopenTitle', { count }) : t('confirmTitle', { count })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('confirmBody')}</DialogContentText>
          {error ? (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {error}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPending(null)} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button variant="contained" onClick={() => void confirm()} disabled={busy || count === 0}>
            {t('confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}
