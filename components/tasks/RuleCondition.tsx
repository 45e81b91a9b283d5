import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { describeRule, formatConditionValue, symbolOf, type ConditionClause, type ScalarValue } from '@/lib/shared/describe-rule';
import type { Rule } from '@/lib/shared/progress-score';
import { ColorSwatch } from './MessageChip';

/** A rule's condition in words ("value ≥ 3", "value is Yes"), localised. */
export function RuleConditionText({ rule }: { rule: Pick<Rule, 'schema' | 'not_analyzed'> }) {
  const t = useTranslations('taskGroups.rule');
  if (rule.not_analyzed) return <>{t('notAnalyzed')}</>;
  const { clauses } = describeRule(rule.schema);
  const value = (v: ScalarValue) => (typeof v === 'boolean' ? t(v ? 'true' : 'false') : v === null ? t('null') : formatConditionValue(v));
  const text = (clause: ConditionClause): string => {
    switch (clause.kind) {
      case 'any':
        return t('any');
      case 'nothing':
        return t('nothing');
      case 'type':
        return t('type', { types: clause.types.map((type) => t(`types.${type}` as 'types.number')).join(t('or')) });
      case 'equals':
        return t('equals', { value: value(clause.value) });
      case 'oneOf':
        return t('oneOf', { values: clause.values.map(value).join(', ') });
      case 'compare':
        return t('compare', { op: symbolOf(clause.op), limit: clause.limit });
      case 'between':
        return t('between', { min: clause.min, max: clause.max, minOp: clause.minInclusive ? '≤' : '<', maxOp: clause.maxInclusive ? '≤' : '<' });
      case 'length':
        if (clause.min !== undefined && clause.max !== undefined) return t('lengthBetween', { min: clause.min, max: clause.max });
        if (clause.min !== undefined) return t('lengthMin', { min: clause.min });
        return t('lengthMax', { max: clause.max ?? 0 });
      case 'pattern':
        return t('pattern', { pattern: clause.pattern });
      case 'unsupported':
        return t('unsupported', { keyword: clause.keyword, detail: clause.detail });
    }
  };
  return <>{clauses.map(text).join(t('and'))}</>;
}

/** Every rule of a task: colour, condition → message, validated or not. */
export function RuleList({ rules, dense = false }: { rules: readonly Rule[]; dense?: boolean }) {
  const t = useTranslations('taskGroups.rule');
  if (rules.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('noRules')}
      </Typography>
    );
  }
  return (
    <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: dense ? 0.25 : 0.5 }}>
      {rules.map((rule, index) => (
        <Box component="li" key={index} sx={{ display: 'flex', alignItems: 'baseline', gap: 1, fontSize: dense ? '0.8125rem' : '0.875rem' }}>
          <ColorSwatch color={rule.color} size={10} />
          <span>
            <RuleConditionText rule={rule} /> → {rule.sentence ? <q>{rule.sentence.split('{}').join(t('placeholder'))}</q> : t('noMessage')},{' '}
            <Box component="span" sx={{ fontWeight: 600, color: rule.is_conformity_validated ? 'success.dark' : 'text.secondary' }}>
              {rule.is_conformity_validated ? t('validated') : t('notValidated')}
            </Box>
          </span>
        </Box>
      ))}
    </Box>
  );
}
