'use client';

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import NextLink from 'next/link';
import { visuallyHidden } from '@/components/layout/visually-hidden';
import { PhotoPanel } from './PhotoPanel';
import { TaskGrid } from './TaskGrid';
import { Timeline } from './Timeline';
import { TASK_REGION_ATTRIBUTE } from './use-task-navigation';
import { useWorkOrderPage, type WorkOrderPageProps } from './use-work-order-page';
import { WorkOrderDialogs } from './WorkOrderDialogs';
import { WorkOrderHeader } from './WorkOrderHeader';

/**
 * Side by side (a laptop and wider), the tasks and the photos each scroll in their own region, held
 * below the app bar: walking through the tasks never scrolls the photos out of view.
 */
/** The app shell's fixed bar (its dense toolbar's height), which sticky panels must stay below. */
const APP_BAR_HEIGHT = 56;
const besidePhotos = {
  position: { lg: 'sticky' },
  top: { lg: APP_BAR_HEIGHT + 16 },
  maxHeight: { lg: `calc(100vh - ${APP_BAR_HEIGHT + 32}px)` },
  overflowY: { lg: 'auto' },
} as const;

/** The work-order page: header, tasks beside the photos, timeline, and the dialog open over them. */
export function WorkOrderView(props: WorkOrderPageProps) {
  const t = useTranslations('workOrder');
  const tTasks = useTranslations('tasks');
  const controller = useWorkOrderPage(props);
  const { page, workOrder, returnPath, canCorrect, review, filters, setFilters, navigation, setDialog } = controller;
  const fromQuery = returnPath ? `?from=${encodeURIComponent(returnPath)}` : '';

  return (
    <Stack spacing={{ xs: 3, lg: 2 }} sx={{ pb: 6 }}>
      <Box aria-live="polite" aria-atomic="true" role="status" sx={visuallyHidden} data-testid="live-region">
        {controller.announcement}
      </Box>
      <WorkOrderHeader
        workOrder={workOrder}
        review={review.review}
        returnPath={returnPath ?? '/work-orders'}
        cameFromSearch={!!returnPath}
        canReview={canCorrect}
        canEdit={canCorrect}
        canDelete={controller.canDelete}
        reviewBusy={review.busy}
        onMarkReviewed={review.markReviewed}
        onReopen={review.reopen}
        onEdit={() => setDialog({ kind: 'edit' })}
        onEditMetadata={() => setDialog({ kind: 'metadata' })}
        onDelete={() => setDialog({ kind: 'delete' })}
        onShortcuts={() => setDialog({ kind: 'shortcuts' })}
      />
      {review.error ? (
        <Alert severity="error" onClose={review.clearError}>
          {review.error}
        </Alert>
      ) : null}
      {review.nextWorkOrderId ? (
        <Alert
          severity="success"
          action={
            <Button component={NextLink} href={`/work-orders/${encodeURIComponent(review.nextWorkOrderId)}${fromQuery}`} color="inherit" size="small">
              {t('review.next')}
            </Button>
          }
        >
          {t('review.markedReviewed')}
        </Alert>
      ) : null}
      {controller.refreshError ? (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={controller.refresh}>
              {t('refreshRetry')}
            </Button>
          }
        >
          {t('refreshFailed')}
        </Alert>
      ) : null}

      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 2fr) minmax(0, 1fr)' }, alignItems: 'start' }}>
        <Paper
          component="section"
          variant="outlined"
          aria-labelledby="tasks-heading"
          {...{ [TASK_REGION_ATTRIBUTE]: '' }}
          sx={{ p: { xs: 1.5, sm: 2, lg: 1.5 }, minWidth: 0, ...besidePhotos }}
        >
          <Stack
            direction={{ xs: 'column', sm: 'row' }}
            sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' }, mb: { xs: 2, lg: 1 }, gap: 1 }}
          >
            <Typography variant="h5" component="h2" id="tasks-heading">
              {t('sections.tasks')}
            </Typography>
            <Stack direction="row" sx={{ flexWrap: 'wrap' }}>
              <FormControlLabel
                control={
                  <Switch
                    checked={filters.notValidatedOnly}
                    onChange={(event) => setFilters({ ...filters, notValidatedOnly: event.target.checked })}
                  />
                }
                label={tTasks('filters.notValidated')}
              />
              <FormControlLabel
                control={
                  <Switch checked={filters.correctedOnly} onChange={(event) => setFilters({ ...filters, correctedOnly: event.target.checked })} />
                }
                label={tTasks('filters.corrected')}
              />
            </Stack>
          </Stack>
          {/* Beside the photos every line goes to the tasks: the hint is left to screen readers and the header's keys button. */}
          <Typography variant="body2" color="textSecondary" sx={(theme) => ({ mb: 2, [theme.breakpoints.up('lg')]: visuallyHidden })}>
            {t('keyboardHint')}
          </Typography>
          <TaskGrid
            groups={controller.groups}
            activeTaskId={navigation.activeTaskId}
            canCorrect={canCorrect}
            draftTasks={controller.draftTasks}
            onActivate={navigation.setActiveTaskId}
            onCorrect={controller.openCorrection}
            onShowHistory={(task) => setDialog({ kind: 'history', taskId: task.id })}
            onShowPhotos={controller.showGroupPhotos}
            registerRow={navigation.registerRow}
          />
        </Paper>
        <Paper
          component="section"
          variant="outlined"
          aria-labelledby="photos-heading"
          sx={{
            p: { xs: 1.5, sm: 2 },
            minWidth: 0,
            ...besidePhotos,
          }}
        >
          <Typography variant="h5" component="h2" id="photos-heading" sx={{ mb: 2 }}>
            {t('sections.photos')}
          </Typography>
          <PhotoPanel
            workOrder={workOrder}
            selectedTaskId={navigation.activeTaskId}
            canAnalyze={canCorrect}
            onAddPhoto={(group) => setDialog({ kind: 'analyze', groupName: group.name })}
          />
        </Paper>
      </Box>

      <Paper component="section" variant="outlined" aria-labelledby="timeline-heading" sx={{ p: 2 }}>
        <Typography variant="h5" component="h2" id="timeline-heading" sx={{ mb: 1 }}>
          {t('sections.timeline')}
        </Typography>
        <Timeline entries={page.timeline} complete={page.timelineComplete} />
      </Paper>

      <WorkOrderDialogs controller={controller} />
    </Stack>
  );
}
