import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { Rule } from '@/lib/shared/progress-score';
import { ColorSwatch } from './MessageChip';
import { ruleConditionText, type RuleTranslate } from './rule-condition-text';

/** A rule's condition in words ("value ≥ 3", "value is Yes"), localised. */
export function RuleConditionText({ rule }: { rule: Pick<Rule, 'schema' | 'not_analyzed'> }) {
  const t = useTranslations('taskGroups.rule');
  return <>{ruleConditionText(t as unknown as RuleTranslate, rule)}</>;
}

/** Every rule of a task: colour, condition → message, validated or not. */
export function RuleList({ rules, dense = false }: { rules: readonly Rule[]; dense?: boolean }) {
  const t = useTranslations('taskGroups.rule');
  if (rules.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
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
