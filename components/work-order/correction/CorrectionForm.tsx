'use client';

import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { MessageChip } from '@/components/tasks/MessageChip';
import { RuleList } from '@/components/tasks/RuleCondition';
import { COMMENT_MAX, TEXT_MAX } from './correction-form';
import type { CorrectionController } from './use-correction';

/**
 * The value (Yes/No for a Boolean, a field for a Number or Text), the task's rules, the reason and
 * a comment, with the effect of what is typed. Disabled whenever the correction takes no edit.
 */
export function CorrectionForm({ correction }: { correction: CorrectionController }) {
  const t = useTranslations('correction');
  const tTasks = useTranslations('tasks');
  const { task, state, editable, preview, activeReasons, hasIssue, actions } = correction;

  return (
    <Stack
      spacing={2}
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        actions.review();
      }}
      id="correction-form"
      aria-describedby="correction-definitive-hint"
    >
      {task.outcomeType === 'Boolean' ? (
        <Box>
          <Typography id="correction-value-label" variant="subtitle2" gutterBottom>
            {t('form.newValue')}
          </Typography>
          <ToggleButtonGroup
            exclusive
            value={state.input}
            onChange={(_event, value: string | null) => value !== null && actions.setValue(value)}
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
          {hasIssue('value_required') ? (
            <Typography color="error" variant="caption" component="p" role="alert">
              {t('form.valueRequired')}
            </Typography>
          ) : null}
        </Box>
      ) : (
        <TextField
          label={t('form.newValue')}
          value={state.input}
          onChange={(event) => actions.setValue(event.target.value)}
          disabled={!editable}
          required
          autoFocus
          multiline={task.outcomeType === 'Text'}
          error={hasIssue('value_required') || hasIssue('invalid_number') || hasIssue('invalid_text')}
          helperText={
            hasIssue('invalid_number')
              ? t('form.invalidNumber')
              : hasIssue('value_required')
                ? t('form.valueRequired')
                : task.outcomeType === 'Text'
                  ? t('form.textLimit', { count: state.input.length, max: TEXT_MAX })
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
        onChange={(event) => actions.setReason(event.target.value)}
        disabled={!editable}
        required
        error={hasIssue('reason_required')}
        helperText={hasIssue('reason_required') ? t('form.reasonRequired') : activeReasons.length === 0 ? t('form.noReasons') : undefined}
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
        onChange={(event) => actions.setComment(event.target.value)}
        disabled={!editable}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { maxLength: COMMENT_MAX } }}
      />
      {preview && state.status === 'editing' ? (
        <Typography variant="body2" color="textSecondary" aria-live="polite">
          {t('form.livePreview')} <MessageChip message={preview.after.message} color={preview.after.color} /> ·{' '}
          {preview.after.validated ? tTasks('grid.validatedShort') : tTasks('grid.notValidatedShort')}
        </Typography>
      ) : null}
    </Stack>
  );
}
