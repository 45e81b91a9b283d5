'use client';

import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { UnreadableTaskDto } from '@/lib/shared/work-order-dto';

/**
 * Tasks Deepomatic sent that Field Review could not read: one row each, so the supervisor knows
 * a checkpoint exists that this page cannot show (nothing else of the work order is lost).
 */
export function UnreadableTaskRows({ tasks }: { tasks: readonly UnreadableTaskDto[] }) {
  const t = useTranslations('tasks');
  return (
    <>
      {tasks.map((task, index) => (
        <TableRow key={`unreadable-${task.id ?? index}`} role="row" data-testid="unreadable-task" sx={{ bgcolor: 'action.hover' }}>
          <TableCell role="cell" colSpan={5} sx={{ '& > *': { minWidth: 0 }, overflowWrap: 'anywhere' }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <ReportProblemOutlinedIcon fontSize="small" color="warning" aria-hidden />
              <Typography variant="body2">
                <strong>{t('grid.unreadable')}</strong> — {t('grid.unreadableDetail', { name: task.name ?? task.id ?? '—' })}
              </Typography>
            </Stack>
          </TableCell>
        </TableRow>
      ))}
    </>
  );
}
