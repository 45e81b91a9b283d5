import Chip from '@mui/material/Chip';
import type { AuditEntryDto } from '@/lib/shared/audit-log';
import { outcomeColor } from './audit-format';

export function OutcomeChip({ outcome, label }: { outcome: AuditEntryDto['outcome']; label: string | null }) {
  if (!outcome || !label) return <>—</>;
  return <Chip size="small" variant="outlined" color={outcomeColor(outcome)} label={label} />;
}
