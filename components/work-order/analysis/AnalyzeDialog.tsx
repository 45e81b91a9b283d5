'use client';

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { TaskGroupWithTasksDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { AnalysisResult } from './AnalysisResult';
import { isBusy, type AnalysisMode } from './analysis-phase';
import { ACCEPTED_UPLOAD_TYPES, formatMegabytes } from './upload-file';
import { useAnalysis } from './use-analysis';

/**
 * Add a photo (or PDF) to a task group and analyse it: synchronously, or "with callback"
 * (202, then poll our analysis record until the upstream's callback has arrived). The
 * conformity messages are shown exactly as the API returned them, in the user's language.
 */
export function AnalyzeDialog({
  workOrder,
  group,
  onClose,
  onAnalyzed,
  announce,
}: {
  workOrder: WorkOrderDto;
  group: TaskGroupWithTasksDto;
  onClose(): void;
  onAnalyzed(workOrder: WorkOrderDto | null): void;
  announce(message: string): void;
}) {
  const t = useTranslations('workOrder.analyze');
  const { file, fileError, mode, setMode, phase, pickFile, start } = useAnalysis({ workOrder, group, onAnalyzed, announce });
  const busy = isBusy(phase);

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="analyze-title">
      <DialogTitle id="analyze-title">{t('title', { group: group.displayName })}</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          <Box>
            <Button component="label" variant="outlined" disabled={busy || phase.kind === 'waiting'}>
              {t('choose')}
              <input
                type="file"
                hidden
                accept={ACCEPTED_UPLOAD_TYPES}
                data-testid="analyze-file-input"
                onChange={(event) => pickFile(event.target.files?.[0] ?? null)}
              />
            </Button>
            <Typography variant="body2" sx={{ mt: 1 }}>
              {file ? t('chosen', { name: file.name, size: formatMegabytes(file.size) }) : t('limits')}
            </Typography>
            {fileError ? (
              <Alert severity="error" role="alert" sx={{ mt: 1 }}>
                {fileError}
              </Alert>
            ) : null}
          </Box>
          <RadioGroup value={mode} onChange={(event) => setMode(event.target.value as AnalysisMode)} aria-label={t('mode')}>
            <FormControlLabel value="sync" control={<Radio />} label={t('modeSync')} disabled={busy} />
            <FormControlLabel value="callback" control={<Radio />} label={t('modeCallback')} disabled={busy} />
          </RadioGroup>

          {busy ? (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
              <CircularProgress size={20} />
              <Typography>{phase.kind === 'reading' ? t('reading') : t('sending')}</Typography>
            </Stack>
          ) : null}
          {phase.kind === 'waiting' ? (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
              <CircularProgress size={20} />
              <Typography>{t('waiting')}</Typography>
            </Stack>
          ) : null}
          {phase.kind === 'error' ? (
            <Alert severity="error" role="alert">
              {phase.message} {phase.requestId ? t('reference', { id: phase.requestId }) : ''}
            </Alert>
          ) : null}
          {phase.kind === 'done' ? <AnalysisResult result={phase.result} group={group} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {phase.kind === 'done' ? t('close') : t('cancel')}
        </Button>
        <Button variant="contained" onClick={start} disabled={!file || busy || phase.kind === 'waiting'}>
          {phase.kind === 'done' || phase.kind === 'error' ? t('again') : t('analyze')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
