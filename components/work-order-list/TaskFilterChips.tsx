'use client';

import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useTranslations } from 'next-intl';
import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';

/**
 * The filters the overview's links set and the filter panel has no field for — a task (group,
 * name, state) and "no field engineer" — as chips, each removable (click the cross, or focus it
 * and press Delete or Backspace), so the list says why it holds what it holds.
 */
export function TaskFilterChips({ query, update }: { query: WorkOrderQuery; update(change: Partial<WorkOrderQuery>): void }) {
  const t = useTranslations('workOrders.filters');
  const chips: { key: string; label: string; remove: Partial<WorkOrderQuery> }[] = [];
  if (query.taskGroup) chips.push({ key: 'taskGroup', label: t('taskGroupChip', { name: query.taskGroup }), remove: { taskGroup: null } });
  if (query.task) chips.push({ key: 'task', label: t('taskChip', { name: query.task }), remove: { task: null } });
  if (query.taskState) chips.push({ key: 'taskState', label: t(`taskStates.${query.taskState}`), remove: { taskState: null } });
  if (query.assigned !== null)
    chips.push({ key: 'assigned', label: query.assigned ? t('withEngineer') : t('withoutEngineer'), remove: { assigned: null } });
  if (chips.length === 0) return null;
  return (
    <Stack
      component="ul"
      direction="row"
      aria-label={t('taskFilters')}
      data-testid="task-filter-chips"
      sx={{ flexWrap: 'wrap', gap: 1, listStyle: 'none', p: 0, m: 0, mb: 1 }}
    >
      {chips.map((chip) => (
        <li key={chip.key}>
          <Chip
            label={chip.label}
            color="primary"
            variant="outlined"
            onDelete={() => update(chip.remove)}
            slotProps={{ root: { 'aria-label': t('removeFilter', { label: chip.label }) } }}
          />
        </li>
      ))}
    </Stack>
  );
}
