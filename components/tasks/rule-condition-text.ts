import { describeRule, formatConditionValue, symbolOf, type ConditionClause, type ScalarValue } from './describe-rule';
import type { Rule } from '@/lib/shared/progress-score';

/** A translator scoped to `taskGroups.rule` (next-intl's `useTranslations` or `createTranslator`). */
export type RuleTranslate = (key: string, values?: Record<string, string | number>) => string;

/** A rule's condition in words ("value ≥ 3", "value is Yes") through the message catalogue. */
export function ruleConditionText(t: RuleTranslate, rule: Pick<Rule, 'schema' | 'not_analyzed'>): string {
  if (rule.not_analyzed) return t('notAnalyzed');
  const value = (v: ScalarValue) => (typeof v === 'boolean' ? t(v ? 'true' : 'false') : v === null ? t('null') : formatConditionValue(v));
  const text = (clause: ConditionClause): string => {
    switch (clause.kind) {
      case 'any':
        return t('any');
      case 'nothing':
        return t('nothing');
      case 'type':
        return t('type', { types: clause.types.map((type) => t(`types.${type}`)).join(t('or')) });
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
  return describeRule(rule.schema).clauses.map(text).join(t('and'));
}
