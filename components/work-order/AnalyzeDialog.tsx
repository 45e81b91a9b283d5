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
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { ACCEPTED_UPLOAD_TYPES, checkUploadFile, formatMegabytes, withMimeType } from '@/lib/shared/upload-file';
import type { AnalysisResultDto, AnalysisStatus, TaskGroupWithTasksDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { analyze, analyzeWithCallback, ApiError, getAnalysis } from '@/lib/client/api';
import { MessageChip } from '@/components/tasks/MessageChip';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import { ConformityMessages } from './PhotoPanel';

type Mode = 'sync' | 'callback';
type Phase =
  | { kind: 'choose' }
  | { kind: 'reading' }
  | { kind: 'sending' }
  | { kind: 'waiting'; analysisId: string; polls: number }
  | { kind: 'done'; result: AnalysisResultDto }
  | { kind: 'error'; message: string; requestId?: string };

const POLL_INTERVAL_MS = 1500;
/** Bounded: about three minutes, then the user is told to check the timeline later. */
const MAX_POLLS = 120;

function readAsDataUri(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('read')));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}

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
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('sync');
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const cancelled = useRef(false);
  useEffect(
    () => () => {
      cancelled.current = true;
    },
    [],
  );

  const pickFile = (picked: File | null) => {
    setFile(null);
    setFileError(null);
    if (!picked) return;
    const check = checkUploadFile(picked);
    if (!check.ok) {
      setFileError(
        check.reason === 'too_large' ? t('tooLarge', { limit: formatMegabytes(check.limitBytes ?? 0) })
        : check.reason === 'empty' ? t('empty')
        : t('unsupported'),
      );
      return;
    }
    setFile(picked);
  };

  const fail = (error: unknown) => {
    const apiError = error instanceof ApiError ? error : null;
    setPhase({ kind: 'error', message: apiError?.body?.message ?? t('failed'), requestId: apiError?.body?.requestId });
    announce(t('failed'));
  };

  const poll = async (analysisId: string) => {
    for (let polls = 1; polls <= MAX_POLLS && !cancelled.current; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      if (cancelled.current) return;
      setPhase({ kind: 'waiting', analysisId, polls });
      try {
        const analysis = await getAnalysis(workOrder.id, analysisId);
        if (analysis.status === 'completed' && analysis.result) {
          setPhase({ kind: 'done', result: analysis.result });
          announce(t('arrived'));
          onAnalyzed(null);
          return;
        }
      } catch (error) {
        // A transient error while polling is not a failed analysis: keep waiting.
        if (error instanceof ApiError && error.status !== null && error.status < 500 && error.status !== 429) return fail(error);
      }
    }
    if (!cancelled.current) setPhase({ kind: 'error', message: t('stillPending') });
  };

  const start = async () => {
    if (!file) return;
    const check = checkUploadFile(file);
    if (!check.ok) return;
    setPhase({ kind: 'reading' });
    let source: string;
    try {
      source = withMimeType(await readAsDataUri(file), check.mimeType);
    } catch {
      setPhase({ kind: 'error', message: t('readError') });
      return;
    }
    setPhase({ kind: 'sending' });
    announce(t('sending'));
    const body = { taskGroupName: group.name, source };
    try {
      if (mode === 'sync') {
        const response = await analyze(workOrder.id, body);
        setPhase({ kind: 'done', result: response.result });
        announce(t('done'));
        onAnalyzed(response.workOrder);
      } else {
        const pending = await analyzeWithCallback(workOrder.id, body);
        setPhase({ kind: 'waiting', analysisId: pending.analysisId, polls: 0 });
        announce(t('waiting'));
        void poll(pending.analysisId);
      }
    } catch (error) {
      fail(error);
    }
  };

  const tasksById = new Map(group.tasks.map((task) => [task.id, task]));
  const busy = phase.kind === 'reading' || phase.kind === 'sending';

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
          <RadioGroup value={mode} onChange={(event) => setMode(event.target.value as Mode)} aria-label={t('mode')}>
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
          {phase.kind === 'done' ? (
            <Box data-testid="analysis-result">
              <Alert severity={analysisSeverity(phase.result.status)} role="status">
                {t(`status.${phase.result.status}`)} ·{' '}
                {phase.result.progressScore === null ? t('scoreUnknown') : t('score', { score: phase.result.progressScore })}
              </Alert>
              <ConformityMessages messages={phase.result.conformityMessages} />
              {phase.result.impactedTaskIds.length > 0 ? (
                <>
                  <Typography variant="subtitle2" sx={{ mt: 1 }}>
                    {t('impacted')}
                  </Typography>
                  <List dense>
                    {phase.result.impactedTaskIds.map((id) => {
                      const task = tasksById.get(id);
                      return (
                        <ListItem key={id}>
                          <ListItemText
                            primary={task?.sentence ?? id}
                            secondary={task ? (
                              <>
                                <TaskValueText value={task.effectiveValue} /> · <MessageChip message={task.state?.message} color={task.state?.color} />
                              </>
                            ) : null}
                          />
                        </ListItem>
                      );
                    })}
                  </List>
                </>
              ) : (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  {t('noImpact')}
                </Typography>
              )}
            </Box>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {phase.kind === 'done' ? t('close') : t('cancel')}
        </Button>
        <Button variant="contained" onClick={() => void start()} disabled={!file || busy || phase.kind === 'waiting'}>
          {phase.kind === 'done' || phase.kind === 'error' ? t('again') : t('analyze')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function analysisSeverity(status: AnalysisStatus): 'success' | 'info' | 'error' {
  if (status === 'analysis_ok') return 'success';
  return status === 'conformity_error' ? 'error' : 'info';
}
