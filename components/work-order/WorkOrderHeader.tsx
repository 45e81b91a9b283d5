'use client';

import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import KeyboardIcon from '@mui/icons-material/Keyboard';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import ReplayIcon from '@mui/icons-material/Replay';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import NextLink from 'next/link';
import { useState } from 'react';
import type { WorkOrderDto } from '@/lib/shared/work-order-dto';
import { useDateFormat } from './format';
import type { ReviewStateDto } from '@/lib/client/api';
import { PageHeader } from '@/components/layout/PageHeader';
import { EvidencePackButton } from './EvidencePackButton';
import chip from './Chip.module.css';
import styles from './WorkOrderHeader.module.css';

export interface WorkOrderHeaderProps {
  workOrder: WorkOrderDto;
  review: ReviewStateDto | null;
  returnPath: string;
  cameFromSearch: boolean;
  canReview: boolean;
  canEdit: boolean;
  canDelete: boolean;
  reviewBusy: boolean;
  onMarkReviewed(): void;
  onReopen(): void;
  onEdit(): void;
  onEditMetadata(): void;
  onDelete(): void;
  onShortcuts(): void;
}

/**
 * A field of the work order or one of its metadata, as plain elements styled by the header's CSS
 * module: a page has dozens, and MUI components there cost server CPU on every render.
 */
function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className={styles.field}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function WorkOrderHeader(props: WorkOrderHeaderProps) {
  const { workOrder, review, returnPath, cameFromSearch, canReview, canEdit, canDelete, reviewBusy } = props;
  const t = useTranslations('workOrder');
  const formatDate = useDateFormat();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const reviewed = review?.status === 'reviewed';
  const counts = workOrder.counts;
  const metadata = Object.entries(workOrder.metadata);

  return (
    <Stack spacing={{ xs: 2, lg: 1.5 }} component="header">
      <Link component={NextLink} href={returnPath} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, alignSelf: 'flex-start' }}>
        <ArrowBackIcon fontSize="small" aria-hidden />
        {cameFromSearch ? t('header.backToSearch') : t('header.backToList')}
      </Link>
      <PageHeader
        title={workOrder.name}
        sx={{ mb: 0 }}
        actions={
          <>
            {canReview ? (
              reviewed ? (
                <Button variant="outlined" startIcon={<ReplayIcon />} onClick={props.onReopen} disabled={reviewBusy}>
                  {t('review.reopen')}
                </Button>
              ) : (
                <Button
                  variant="contained"
                  startIcon={<CheckCircleIcon />}
                  onClick={props.onMarkReviewed}
                  disabled={reviewBusy}
                  aria-keyshortcuts="R"
                >
                  {t('review.markReviewed')}
                </Button>
              )
            ) : null}
            {canReview ? <EvidencePackButton workOrderId={workOrder.id} /> : null}
            <IconButton aria-label={t('header.shortcuts')} onClick={props.onShortcuts} aria-keyshortcuts="?">
              <KeyboardIcon />
            </IconButton>
            {canEdit ? (
              <>
                <IconButton aria-label={t('header.moreActions')} aria-haspopup="menu" onClick={(event) => setMenuAnchor(event.currentTarget)}>
                  <MoreVertIcon />
                </IconButton>
                <Menu anchorEl={menuAnchor} open={!!menuAnchor} onClose={() => setMenuAnchor(null)}>
                  <MenuItem onClick={() => (setMenuAnchor(null), props.onEdit())}>{t('header.edit')}</MenuItem>
                  <MenuItem onClick={() => (setMenuAnchor(null), props.onEditMetadata())}>{t('header.editMetadata')}</MenuItem>
                  {canDelete ? (
                    <MenuItem onClick={() => (setMenuAnchor(null), props.onDelete())} sx={{ color: 'error.main' }}>
                      {t('header.delete')}
                    </MenuItem>
                  ) : null}
                </Menu>
              </>
            ) : null}
          </>
        }
      >
        <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap', rowGap: 1 }}>
          <Chip
            icon={reviewed ? <CheckCircleIcon /> : undefined}
            color={reviewed ? 'success' : 'default'}
            label={reviewed ? t('review.reviewed') : t('review.toReview')}
            data-testid="review-state"
          />
          {reviewed && review?.reviewedAt ? (
            <Typography variant="body2" color="textSecondary" sx={{ alignSelf: 'center' }}>
              {review.reviewedBy
                ? t('review.atBy', { who: review.reviewedBy, when: formatDate(review.reviewedAt) })
                : t('review.at', { when: formatDate(review.reviewedAt) })}
            </Typography>
          ) : null}
        </Stack>
      </PageHeader>

      <Box>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="h5" component="p" data-testid="progress-score" sx={{ minWidth: 64 }}>
            {t('header.scoreValue', { score: workOrder.progressScore })}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={Math.max(0, Math.min(100, workOrder.progressScore))}
            aria-label={t('header.score')}
            sx={{ flex: 1, height: 10, borderRadius: 5 }}
          />
        </Stack>
        <Typography variant="body2" color="textSecondary" sx={{ mt: 0.5 }} data-testid="task-counts">
          {t('header.counts', {
            total: counts.total,
            validated: counts.validated,
            notValidated: counts.notValidated,
            notAnalyzed: counts.notAnalyzed,
            corrected: counts.corrected,
            counted: counts.countedInScore,
          })}
        </Typography>
      </Box>

      <dl className={styles.fields}>
        <Field label={t('header.engineer')}>
          {workOrder.fieldEngineerName && workOrder.fieldEngineerName !== workOrder.fieldEngineerEmail
            ? `${workOrder.fieldEngineerName} (${workOrder.fieldEngineerEmail ?? '—'})`
            : (workOrder.fieldEngineerEmail ?? '—')}
        </Field>
        {/* Neither date is in the API's documentation: a site may not send them. */}
        <Field label={t('header.created')}>{workOrder.createDate ? formatDate(workOrder.createDate) : t('header.unknown')}</Field>
        <Field label={t('header.updated')}>{workOrder.updateDate ? formatDate(workOrder.updateDate) : t('header.unknown')}</Field>
        <Field label={t('header.upstreamReview')}>{formatDate(workOrder.reviewDate)}</Field>
        <Field label={t('header.types')}>{workOrder.workOrderTypes.length ? workOrder.workOrderTypes.join(', ') : '—'}</Field>
        <Field label={t('header.tags')}>
          {workOrder.tags.length ? (
            <span className={styles.tags}>
              {workOrder.tags.map((tag) => (
                <span key={tag} className={chip.chip}>
                  <span className={chip.label}>{tag}</span>
                </span>
              ))}
            </span>
          ) : (
            '—'
          )}
        </Field>
        <Field label={t('header.userGroups')}>{workOrder.userGroupIds.length ? workOrder.userGroupIds.join(', ') : '—'}</Field>
        <Field label={t('header.id')}>
          <span className={styles.mono}>{workOrder.id}</span>
        </Field>
      </dl>
      {metadata.length > 0 ? (
        <Box>
          <Typography variant="subtitle2" component="h2">
            {t('header.metadata')}
          </Typography>
          <dl className={`${styles.fields} ${styles.dense}`}>
            {metadata.map(([key, value]) => (
              <Field key={key} label={key}>
                {value === null ? '—' : String(value)}
              </Field>
            ))}
          </dl>
        </Box>
      ) : null}
    </Stack>
  );
}
