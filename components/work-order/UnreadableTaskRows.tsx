'use client';

import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { UnreadableTaskDto } from '@/lib/shared/work-order-dto';
import styles from './TaskGrid.module.css';

/**
 * Tasks Deepomatic sent that Field Review could not read: one row each, so the supervisor knows
 * a checkpoint exists that this page cannot show (nothing else of the work order is lost).
 */
export function UnreadableTaskRows({ tasks }: { tasks: readonly UnreadableTaskDto[] }) {
  const t = useTranslations('tasks');
  return (
    <>
      {tasks.map((task, index) => (
        <tr key={`unreadable-${task.id ?? index}`} role="row" data-testid="unreadable-task" className={styles.unreadable}>
          <td role="cell" colSpan={5}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <ReportProblemOutlinedIcon fontSize="small" color="warning" aria-hidden />
              <Typography variant="body2">
                <strong>{t('grid.unreadable')}</strong> — {t('grid.unreadableDetail', { name: task.name ?? task.id ?? '—' })}
              </Typography>
            </Stack>
          </td>
        </tr>
      ))}
    </>
  );
}
