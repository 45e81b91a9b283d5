import { useTranslations } from 'next-intl';
import type { TaskValue } from '@/lib/shared/progress-score';

/** A task value as text: Yes/No for booleans, "—" when there is none. Customer text stays text. */
export function TaskValueText({ value }: { value: TaskValue | null | undefined }) {
  const t = useTranslations('tasks');
  if (value === null || value === undefined) return <span aria-label={t('value.none')}>—</span>;
  if (typeof value === 'boolean') return <>{value ? t('value.true') : t('value.false')}</>;
  return <>{String(value)}</>;
}
