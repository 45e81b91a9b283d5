'use client';

import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { chanceInWords, shortVersion, type DriftReport } from '@/lib/shared/ai-accuracy';
import { useOverviewFormat } from './format';

/**
 * The drift alarm: the tasks whose overturn rate changed between the two newest application
 * versions beyond what chance explains (or why there is nothing to say), with the method. Only
 * a drift is announced as an alert; "nothing to say" is a status (MUI's Alert would make every
 * one an alert, and a screen reader would interrupt the user for it).
 */
export function AiDriftAlarm({ drift }: { drift: DriftReport }) {
  const t = useTranslations('aiAccuracy.drift');
  const f = useOverviewFormat();
  const drifting = drift.tasks.filter((task) => task.drifting);
  const method = (
    <Typography variant="body2" color="textSecondary" sx={{ mt: 1 }}>
      {t('method', { alpha: f.share(drift.alpha), min: f.count(drift.minJudged), untested: f.count(drift.untested) })}
    </Typography>
  );
  if (drift.latestVersion === null || drift.previousVersion === null) {
    return (
      <Alert severity="info" data-testid="ai-drift" role="status">
        {t('oneVersion')}
      </Alert>
    );
  }
  const versions = { previous: shortVersion(drift.previousVersion), latest: shortVersion(drift.latestVersion) };
  if (drifting.length === 0) {
    return (
      <Alert severity={drift.tasks.length === 0 ? 'info' : 'success'} data-testid="ai-drift" role="status">
        {drift.tasks.length === 0
          ? t('nothingTested', { ...versions, min: f.count(drift.minJudged) })
          : t('quiet', { ...versions, count: drift.tasks.length })}
        {method}
      </Alert>
    );
  }
  return (
    <Alert severity="warning" data-testid="ai-drift" role="alert">
      <AlertTitle>{t('alarm', { count: drifting.length, ...versions })}</AlertTitle>
      <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
        {drifting.map((task) => {
          const chance = chanceInWords(task.adjustedPValue);
          return (
            <li key={`${task.taskGroupName}\u0000${task.taskName}`} data-testid="ai-drift-task">
              {t('row', {
                task: `${task.taskGroupName} · ${task.taskName}`,
                before: f.share(task.before.rate),
                after: f.share(task.after.rate),
                nBefore: f.count(task.before.judged),
                nAfter: f.count(task.after.judged),
                chance: t(chance.below ? 'chanceBelow' : 'chanceAbout', { n: f.count(chance.n) }),
              })}
            </li>
          );
        })}
      </ul>
      {method}
    </Alert>
  );
}
