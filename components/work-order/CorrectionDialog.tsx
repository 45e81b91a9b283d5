'use client';

import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { clearDraft, isMeaningfulDraft, loadDraft, saveDraft, type CorrectionDraft } from '@/lib/shared/correction-draft';
import {
  canRetry,
  correctionReducer,
  eventForResponse,
  hasChangesToKeep,
  hasUnsavedIntent,
  initialCorrectionState,
  isEditable,
  validateCorrection,
  wasSent,
  type CorrectionState,
} from '@/lib/shared/correction-machine';
import { previewCorrection, type TaskOutcome } from '@/lib/shared/correction-preview';
import type { TaskValue } from '@/lib/shared/progress-score';
import type { CorrectionResponse, ReasonCodeDto, TaskDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { MessageChip } from '@/components/tasks/MessageChip';
import { RuleList } from '@/components/tasks/RuleCondition';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import { newIdempotencyKey, sendCorrection } from '@/lib/client/api';
import { useBeforeUnload } from '@/lib/client/use-before-unload';
import { useDateFormat } from './format';

export interface CorrectionDialogProps {
  workOrder: WorkOrderDto;
  task: TaskDto;
  /** A Boolean value chosen with Y/N before opening. */
  preset?: boolean;
  reasonCodes: ReasonCodeDto[];
  onClose(): void;
  onSaved(response: CorrectionResponse): void;
  /** Someone else changed the task: the page should re-read the work order. */
  onStale(): void;
  announce(message: string): void;
}

const TEXT_MAX = 256;
const COMMENT_MAX = 1000;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

function initialInput(task: TaskDto, preset: boolean | undefined): string {
  if (preset !== undefined) return String(preset);
  if (task.outcomeType === 'Boolean' || task.effectiveValue === null) return '';
  return String(task.effectiveValue);
}

function isTaskDto(value: unknown): value is TaskDto {
  return !!value && typeof value === 'object' && typeof (value as TaskDto).id === 'string' && Array.isArray((value as TaskDto).rules);
}

export function CorrectionDialog({ workOrder, task, preset, reasonCodes, onClose, onSaved, onStale, announce }: CorrectionDialogProps) {
  // The whole screen on a phone. Read at once (`noSsr`): the dialog only ever mounts in the browser.
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'), { noSsr: true });
  const t = useTranslations('correction');
  const tTasks = useTranslations('tasks');
  const formatDate = useDateFormat();
  // Open: offer a kept draft back, else start from the current value (or the Y/N preset).
  // The dialog only ever renders in the browser (after a click or key), so storage is readable here.
  // Drafts are kept under the task's names (its id changes when the application version does).
  const draftTask = useMemo(() => ({ id: task.id, taskGroupName: task.taskGroupName, name: task.name }), [task.id, task.taskGroupName, task.name]);
  const [offeredDraft, setOfferedDraft] = useState<CorrectionDraft | null>(() => {
    const draft = loadDraft(storage(), workOrder.id, draftTask);
    return isMeaningfulDraft(draft) ? draft : null;
  });
  const [state, dispatch] = useReducer(correctionReducer, null, () => {
    const initial = initialCorrectionState(task.outcomeType, true);
    return offeredDraft ? initial : correctionReducer(initial, { type: 'OPEN', baseVersion: task.version, initialInput: initialInput(task, preset) });
  });
  // The task the correction is made against: theirs after a conflict + overwrite.
  const [baseTask, setBaseTask] = useState<TaskDto>(task);
  const inFlight = useRef(false);
  // The button to act on next (Send, Done, Keep theirs) takes the focus when its step appears,
  // so the whole flow works from the keyboard; `autoFocus` loses to the dialog's focus trap.
  const nextAction = useRef<HTMLButtonElement>(null);
  const activeReasons = useMemo(() => reasonCodes.filter((r) => r.active).sort((a, b) => a.sortOrder - b.sortOrder), [reasonCodes]);

  // The task's value in the form's raw input form: a form still holding it has nothing to keep.
  const currentInput = task.effectiveValue === null ? '' : String(task.effectiveValue);
  const changed = hasChangesToKeep(state, currentInput);

  // Keep the draft in sessionStorage while there is an unsaved intent; none for a form
  // opened and left untouched (that would mark the task as holding a draft).
  useEffect(() => {
    if (!changed) {
      if (state.status === 'editing') clearDraft(storage(), workOrder.id, draftTask);
      return;
    }
    saveDraft(storage(), workOrder.id, draftTask, {
      input: state.input,
      reason: state.reason,
      comment: state.comment,
      baseVersion: state.baseVersion,
      idempotencyKey: state.idempotencyKey,
      sent: wasSent(state.status),
    });
  }, [state, changed, workOrder.id, draftTask]);

  useEffect(() => {
    if (!['confirming', 'saved', 'conflict'].includes(state.status)) return;
    const timer = window.setTimeout(() => nextAction.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [state.status]);

  // Leaving with an unsaved or pending value asks first.
  useBeforeUnload(changed);

  const send = useCallback(
    async (current: CorrectionState, key: string) => {
      if (inFlight.current) return;
      const { value } = validateCorrection(current);
      if (value === null) return;
      inFlight.current = true;
      announce(t('status.sending'));
      const response = await sendCorrection(workOrder.id, task.id, {
        value,
        reason: current.reason,
        comment: current.comment,
        baseVersion: current.baseVersion,
        idempotencyKey: key,
      });
      inFlight.current = false;
      const event = eventForResponse(response.status, response.body);
      dispatch(event);
      if (event.type === 'SUCCEEDED') {
        clearDraft(storage(), workOrder.id, draftTask);
        const result = response.body as CorrectionResponse;
        announce(t('status.saved', { score: result.progressScore }));
        onSaved(result);
      } else if (event.type === 'CONFLICT') {
        if (isTaskDto(event.conflict.theirs)) setBaseTask(event.conflict.theirs);
        announce(t('conflict.title'));
        onStale();
      } else {
        announce(t(`status.${event.type === 'UNAUTHENTICATED' ? 'unauthenticated' : event.type === 'UNKNOWN' ? 'unknown' : 'failed'}`));
      }
    },
    [announce, draftTask, onSaved, onStale, t, task.id, workOrder.id],
  );

  const confirm = () => {
    if (state.status !== 'confirming') return;
    const key = state.idempotencyKey ?? newIdempotencyKey();
    dispatch({ type: 'SEND', newKey: key });
    void send(state, key);
  };

  const retry = () => {
    if (!canRetry(state) || !state.idempotencyKey) return;
    dispatch({ type: 'RETRY' });
    void send(state, state.idempotencyKey);
  };

  const discard = () => {
    clearDraft(storage(), workOrder.id, draftTask);
    dispatch({ type: 'CANCEL' });
    onClose();
  };

  const keepTheirs = () => {
    clearDraft(storage(), workOrder.id, draftTask);
    dispatch({ type: 'KEEP_THEIRS' });
    announce(t('conflict.keptTheirs'));
    onClose();
  };

  const close = () => {
    if (state.status === 'sending') return; // never hide a request whose answer is pending
    onClose();
  };

  const setValue = (value: string) => dispatch({ type: 'EDIT', field: 'input', value });

  // Y / N choose the Boolean value when focus is not in a text field.
  const onDialogKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable="true"], [role="combobox"], [role="listbox"]')) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (task.outcomeType === 'Boolean' && (key === 'y' || key === 'n') && isEditable(state.status)) {
      event.preventDefault();
      setValue(key === 'y' ? 'true' : 'false');
      announce(t('announce.valueSet', { value: key === 'y' ? tTasks('value.true') : tTasks('value.false') }));
    }
  };

  const typedValue = validateCorrection(state).value;
  const preview = useMemo(() => {
    const value: TaskValue | null = state.status === 'editing' ? typedValue : (state.value ?? typedValue);
    if (value === null) return null;
    return previewCorrection({ ...workOrder, taskGroups: replaceTask(workOrder, baseTask) }, baseTask, value);
  }, [state.status, state.value, typedValue, workOrder, baseTask]);

  const editable = isEditable(state.status);
  const reasonLabel = activeReasons.find((r) => r.code === state.reason)?.label ?? reasonCodes.find((r) => r.code === state.reason)?.label ?? state.reason;
  const issue = (name: string) => state.issues.includes(name as never);

  return (
    <Dialog open onClose={close} fullWidth fullScreen={fullScreen} maxWidth="sm" aria-labelledby="correction-title" onKeyDown={onDialogKeyDown}>
      <DialogTitle id="correction-title">{t('title', { sentence: task.sentence })}</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {t('current')} <strong><TaskValueText value={baseTask.effectiveValue} /></strong> · {tTasks('grid.ai')}{' '}
            <TaskValueText value={baseTask.state?.analyzedValue} /> · <MessageChip message={baseTask.state?.message} color={baseTask.state?.color} />
          </Typography>

          {offeredDraft ? (
            <Alert
              severity="info"
              action={
                <Stack direction="row" spacing={1}>
                  <Button
                    color="inherit"
                    size="small"
                    onClick={() => {
                      dispatch({
                        type: 'RESTORE',
                        fields: { input: offeredDraft.input, reason: offeredDraft.reason, comment: offeredDraft.comment },
                        baseVersion: offeredDraft.baseVersion,
                        idempotencyKey: offeredDraft.idempotencyKey,
                      });
                      setOfferedDraft(null);
                      announce(t('draft.restored'));
                    }}
                  >
                    {t('draft.restore')}
                  </Button>
                  <Button
                    color="inherit"
                    size="small"
                    onClick={() => {
                      clearDraft(storage(), workOrder.id, draftTask);
                      setOfferedDraft(null);
                      dispatch({ type: 'OPEN', baseVersion: task.version, initialInput: initialInput(task, preset) });
                    }}
                  >
                    {t('draft.discard')}
                  </Button>
                </Stack>
              }
            >
              {t(offeredDraft.sent ? 'draft.offerSent' : 'draft.offer', { when: formatDate(offeredDraft.savedAt) })}
            </Alert>
          ) : null}

          {state.status === 'conflict' && state.conflict ? (
            <ConflictView theirs={baseTask} changedBy={state.conflict.changedBy ?? null} changedAt={state.conflict.changedAt ?? null} yours={state.value} />
          ) : null}

          {editable || state.status === 'idle' ? (
            <Stack spacing={2} component="form" noValidate onSubmit={(event) => {
              event.preventDefault();
              dispatch({ type: 'REVIEW' });
            }} id="correction-form" aria-describedby="correction-definitive-hint">
              {task.outcomeType === 'Boolean' ? (
                <Box>
                  <Typography id="correction-value-label" variant="subtitle2" gutterBottom>
                    {t('form.newValue')}
                  </Typography>
                  <ToggleButtonGroup
                    exclusive
                    value={state.input}
                    onChange={(_event, value: string | null) => value !== null && setValue(value)}
                    aria-labelledby="correction-value-label"
                    disabled={!editable}
                  >
                    <ToggleButton value="true" sx={{ px: 3 }}>
                      {t('form.yes')}
                    </ToggleButton>
                    <ToggleButton value="false" sx={{ px: 3 }}>
                      {t('form.no')}
                    </ToggleButton>
                  </ToggleButtonGroup>
                  {issue('value_required') ? (
                    <Typography color="error" variant="caption" component="p" role="alert">
                      {t('form.valueRequired')}
                    </Typography>
                  ) : null}
                </Box>
              ) : (
                <TextField
                  label={t('form.newValue')}
                  value={state.input}
                  onChange={(event) => setValue(event.target.value)}
                  disabled={!editable}
                  required
                  autoFocus
                  multiline={task.outcomeType === 'Text'}
                  error={issue('value_required') || issue('invalid_number') || issue('invalid_text')}
                  helperText={
                    issue('invalid_number') ? t('form.invalidNumber')
                    : issue('value_required') ? t('form.valueRequired')
                    : task.outcomeType === 'Text' ? t('form.textLimit', { count: state.input.length, max: TEXT_MAX })
                    : t('form.numberHint')
                  }
                  slotProps={{ htmlInput: task.outcomeType === 'Number' ? { inputMode: 'decimal' } : { maxLength: TEXT_MAX } }}
                />
              )}

              {task.outcomeType !== 'Boolean' || task.rules.length > 0 ? (
                <Box>
                  <Typography variant="subtitle2" gutterBottom>
                    {t('form.rules')}
                  </Typography>
                  <RuleList rules={task.rules} dense />
                </Box>
              ) : null}

              <TextField
                select
                label={t('form.reason')}
                value={state.reason}
                onChange={(event) => dispatch({ type: 'EDIT', field: 'reason', value: event.target.value })}
                disabled={!editable}
                required
                error={issue('reason_required')}
                helperText={issue('reason_required') ? t('form.reasonRequired') : activeReasons.length === 0 ? t('form.noReasons') : undefined}
              >
                {activeReasons.map((reason) => (
                  <MenuItem key={reason.code} value={reason.code}>
                    {reason.label}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label={t('form.comment')}
                value={state.comment}
                onChange={(event) => dispatch({ type: 'EDIT', field: 'comment', value: event.target.value })}
                disabled={!editable}
                multiline
                minRows={2}
                slotProps={{ htmlInput: { maxLength: COMMENT_MAX } }}
              />
              {preview && state.status === 'editing' ? (
                <Typography variant="body2" color="text.secondary" aria-live="polite">
                  {t('form.livePreview')} <MessageChip message={preview.after.message} color={preview.after.color} /> ·{' '}
                  {preview.after.validated ? tTasks('grid.validatedShort') : tTasks('grid.notValidatedShort')}
                </Typography>
              ) : null}
            </Stack>
          ) : null}

          {(state.status === 'confirming' || state.status === 'sending') && preview ? (
            <ConfirmView preview={preview} reasonLabel={reasonLabel} comment={state.comment} sending={state.status === 'sending'} />
          ) : null}

          {state.status === 'saved' ? (
            <Alert severity="success" role="status">
              {t('status.saved', { score: (state.result as CorrectionResponse | null)?.progressScore ?? workOrder.progressScore })}
              {(state.result as CorrectionResponse | null)?.reconciled ? ` ${t('status.reconciled')}` : ''}
            </Alert>
          ) : null}

          {state.status === 'failed' && state.error ? (
            <Alert severity="error" role="alert">
              {t('status.failed')} {state.error.message ?? ''} {state.error.requestId ? t('status.reference', { id: state.error.requestId }) : ''}
              {!state.error.retryable ? ` ${t('status.editToRetry')}` : ''}
            </Alert>
          ) : null}
          {state.status === 'unknown' && state.error ? (
            <Alert severity="warning" role="alert">
              {t('status.unknown')} {state.error.requestId ? t('status.reference', { id: state.error.requestId }) : ''}
            </Alert>
          ) : null}
          {state.status === 'unauthenticated' ? (
            <Alert severity="warning" role="alert">
              {t('status.unauthenticated')}{' '}
              <Link href="/sign-in" target="_blank" rel="noopener">
                {t('status.signInNewTab')}
              </Link>
            </Alert>
          ) : null}
          {state.status === 'confirming' || state.status === 'sending' ? null : (
            <Typography id="correction-definitive-hint" variant="caption" color="text.secondary">
              {t('definitive')}
            </Typography>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        {state.status === 'saved' ? (
          <Button variant="contained" onClick={onClose} ref={nextAction}>
            {t('actions.done')}
          </Button>
        ) : state.status === 'conflict' ? (
          <>
            <Button onClick={keepTheirs} ref={nextAction}>
              {t('conflict.keepTheirs')}
            </Button>
            <Button variant="contained" color="warning" onClick={() => dispatch({ type: 'OVERWRITE' })}>
              {t('conflict.overwrite')}
            </Button>
          </>
        ) : state.status === 'confirming' || state.status === 'sending' ? (
          <>
            <Button onClick={() => dispatch({ type: 'BACK' })} disabled={state.status === 'sending'}>
              {t('actions.back')}
            </Button>
            <Button
              variant="contained"
              onClick={confirm}
              disabled={state.status === 'sending'}
              startIcon={state.status === 'sending' ? <CircularProgress size={16} color="inherit" /> : undefined}
              ref={nextAction}
            >
              {state.status === 'sending' ? t('actions.sending') : t('actions.send')}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={discard} color="inherit">
              {hasUnsavedIntent(state) ? t('actions.discard') : t('actions.cancel')}
            </Button>
            {state.status === 'editing' && !offeredDraft ? (
              <Button onClick={onClose}>{t('actions.keepDraft')}</Button>
            ) : null}
            {canRetry(state) ? (
              <Button variant="contained" onClick={retry}>
                {t('actions.retry')}
              </Button>
            ) : (
              <Button variant="contained" type="submit" form="correction-form" disabled={!!offeredDraft || state.status === 'idle'}>
                {t('actions.review')}
              </Button>
            )}
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

function replaceTask(workOrder: WorkOrderDto, task: TaskDto): WorkOrderDto['taskGroups'] {
  return workOrder.taskGroups.map((group) => ({ ...group, tasks: group.tasks.map((candidate) => (candidate.id === task.id ? task : candidate)) }));
}

function OutcomeLine({ outcome }: { outcome: TaskOutcome }) {
  const t = useTranslations('tasks');
  return (
    <Stack spacing={0.5}>
      <Typography variant="h6" component="p">
        <TaskValueText value={outcome.value} />
      </Typography>
      <MessageChip message={outcome.message} color={outcome.color} />
      <Typography variant="caption">{outcome.validated ? t('grid.validatedShort') : t('grid.notValidatedShort')}</Typography>
    </Stack>
  );
}

function ConfirmView({
  preview,
  reasonLabel,
  comment,
  sending,
}: {
  preview: ReturnType<typeof previewCorrection>;
  reasonLabel: string;
  comment: string;
  sending: boolean;
}) {
  const t = useTranslations('correction');
  return (
    <Stack spacing={2} data-testid="correction-confirm">
      <Typography variant="subtitle1" component="h3">
        {t('confirm.heading')}
      </Typography>
      <Stack direction="row" spacing={{ xs: 1, sm: 2 }} sx={{ alignItems: 'center' }}>
        <Box sx={{ flex: '1 1 0', minWidth: 0, p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Typography variant="overline">{t('confirm.before')}</Typography>
          <OutcomeLine outcome={preview.before} />
        </Box>
        <ArrowForwardIcon aria-hidden />
        <Box sx={{ flex: '1 1 0', minWidth: 0, p: 1.5, border: 2, borderColor: 'primary.main', borderRadius: 1 }}>
          <Typography variant="overline">{t('confirm.after')}</Typography>
          <OutcomeLine outcome={preview.after} />
        </Box>
      </Stack>
      <Typography data-testid="score-preview">
        {preview.countedInScore
          ? t('confirm.score', { before: preview.scoreBefore, after: preview.scoreAfter })
          : t('confirm.notCounted', { score: preview.scoreBefore })}
        {preview.scoreIsEstimate ? (
          <Chip size="small" label={t('confirm.estimate')} sx={{ ml: 1 }} />
        ) : null}
      </Typography>
      <Typography variant="body2">
        {t('confirm.reason', { reason: reasonLabel })}
        {comment.trim() ? ` — ${comment.trim()}` : ''}
      </Typography>
      <Alert severity="warning">{t('confirm.definitive')}</Alert>
      {sending ? (
        <Alert severity="info" role="status">
          {t('status.sending')}
        </Alert>
      ) : null}
    </Stack>
  );
}

function ConflictView({ theirs, changedBy, changedAt, yours }: { theirs: TaskDto; changedBy: string | null; changedAt: string | null; yours: TaskValue | null }) {
  const t = useTranslations('correction');
  const formatDate = useDateFormat();
  return (
    <Alert severity="warning" role="alert" data-testid="correction-conflict">
      <Typography variant="subtitle2" component="p">
        {t('conflict.title')}
      </Typography>
      <Typography variant="body2" component="p">
        {changedBy ? t('conflict.changedBy', { who: changedBy, when: formatDate(changedAt) }) : t('conflict.changedUpstream')}
      </Typography>
      <Stack direction="row" spacing={3} sx={{ mt: 1 }}>
        <Box>
          <Typography variant="overline">{t('conflict.theirs')}</Typography>
          <Typography>
            <TaskValueText value={theirs.effectiveValue} />
          </Typography>
          <MessageChip message={theirs.state?.message} color={theirs.state?.color} />
        </Box>
        <Box>
          <Typography variant="overline">{t('conflict.yours')}</Typography>
          <Typography>
            <TaskValueText value={yours} />
          </Typography>
        </Box>
      </Stack>
    </Alert>
  );
}
