'use client';

import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import { useTranslations } from 'next-intl';
import type { KeyboardEvent } from 'react';
import type { BlindTaskDto } from '@/lib/shared/spot-checks';

/** Moves the focus to the answer row after `index` (its chosen radio, else its first). */
function focusRow(index: number) {
  const row = document.querySelector<HTMLElement>(`[data-answer-row="${index}"]`);
  (row?.querySelector<HTMLInputElement>('input:checked') ?? row?.querySelector<HTMLInputElement>('input'))?.focus();
}

/**
 * One task's OK / KO: a radio group (Tab reaches it, the arrow keys choose), and O or K choose
 * and move on to the next task, so a reviewer can go through a work order without the mouse.
 */
export function TaskAnswer({
  task,
  index,
  value,
  onAnswer,
}: {
  task: BlindTaskDto;
  index: number;
  value: boolean | undefined;
  onAnswer(ok: boolean): void;
}) {
  const t = useTranslations('spotChecks.review');
  const labelId = `answer-label-${index}`;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (key !== 'o' && key !== 'k') return;
    event.preventDefault();
    onAnswer(key === 'o');
    focusRow(index + 1);
  };
  return (
    <FormControl
      data-answer-row={index}
      sx={{ display: 'flex', flexDirection: { xs: 'column', sm: 'row' }, alignItems: { sm: 'center' }, gap: 1, py: 0.5 }}
    >
      <FormLabel id={labelId} sx={{ flex: 1, color: 'text.primary' }}>
        {task.sentence}
      </FormLabel>
      <RadioGroup
        row
        aria-labelledby={labelId}
        value={value === undefined ? '' : value ? 'ok' : 'ko'}
        onChange={(event) => onAnswer(event.target.value === 'ok')}
        onKeyDown={onKeyDown}
      >
        <FormControlLabel value="ok" control={<Radio />} label={t('ok')} />
        <FormControlLabel value="ko" control={<Radio />} label={t('ko')} />
      </RadioGroup>
    </FormControl>
  );
}
