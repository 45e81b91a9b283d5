import { useTranslations } from 'next-intl';
import type { TaskDefinitionDto } from '@/lib/shared/work-order-dto';

/**
 * The name of a task's type. A type we do not know is named as the upstream declared it (the
 * task is then shown and corrected as text).
 */
export function OutcomeTypeLabel({ task }: { task: Pick<TaskDefinitionDto, 'outcomeType' | 'declaredOutcomeType'> }) {
  const t = useTranslations('tasks');
  if (task.declaredOutcomeType === null || task.declaredOutcomeType === undefined) {
    return <>{t(`outcomeType.${task.outcomeType}` as 'outcomeType.Boolean')}</>;
  }
  return <>{task.declaredOutcomeType ? t('outcomeType.unknown', { name: task.declaredOutcomeType }) : t('outcomeType.missing')}</>;
}
