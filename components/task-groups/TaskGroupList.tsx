import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { TaskGroupDefinitionDto } from '@/lib/shared/work-order-dto';
import { RuleList } from '@/components/tasks/RuleCondition';
import { OutcomeTypeLabel } from '@/components/tasks/OutcomeTypeLabel';

/**
 * The application's task groups in order, each with its example photos and tasks, and every
 * task's rules drawn as readable conditions. Rendered on the server (no interaction); the
 * section ids are the `#<task-group-name>` anchors the work-order grid links to.
 */
export function TaskGroupList({ groups }: { groups: TaskGroupDefinitionDto[] }) {
  const t = useTranslations('taskGroups');
  if (groups.length === 0) return <Typography color="textSecondary">{t('empty')}</Typography>;
  return (
    <Stack spacing={3}>
      <Box component="nav" aria-label={t('toc')}>
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
          {groups.map((group) => (
            <Chip key={group.id} component="a" href={`#${encodeURIComponent(group.name)}`} clickable label={group.displayName} variant="outlined" />
          ))}
        </Stack>
      </Box>
      {groups.map((group) => (
        <Paper
          key={group.id}
          component="section"
          id={group.name}
          aria-labelledby={`tg-${group.id}`}
          variant="outlined"
          sx={{ p: 2, scrollMarginTop: 80, '&:target': { borderColor: 'primary.main', borderWidth: 2 } }}
          data-testid="task-group"
        >
          <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
            <Typography variant="h5" component="h2" id={`tg-${group.id}`}>
              {group.displayName}
            </Typography>
            <Typography variant="body2" color="textSecondary" sx={{ fontFamily: 'monospace' }}>
              {group.name}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {t('order', { order: group.order })}
            </Typography>
          </Stack>
          {group.description ? <Typography sx={{ mt: 1 }}>{group.description}</Typography> : null}

          {group.exampleImageUrls.length > 0 ? (
            <Box sx={{ mt: 2 }}>
              <Typography variant="subtitle2" component="h3" gutterBottom>
                {t('examples')}
              </Typography>
              <Stack direction="row" role="group" sx={{ gap: 1, overflowX: 'auto', pb: 0.5 }} tabIndex={0} aria-label={t('examples')}>
                {group.exampleImageUrls.map((url, index) => (
                  // eslint-disable-next-line @next/next/no-img-element -- our own authenticated proxy, never optimised
                  <img
                    key={url}
                    src={url}
                    alt={t('exampleAlt', { group: group.displayName, index: index + 1 })}
                    loading="lazy"
                    width={160}
                    height={120}
                    style={{ objectFit: 'cover', borderRadius: 4, flex: 'none' }}
                  />
                ))}
              </Stack>
            </Box>
          ) : null}

          <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
            {t('tasks', { count: group.tasks.length })}
          </Typography>
          <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {group.tasks.map((task) => (
              <Box component="li" key={task.id} sx={{ py: 1.5, borderTop: 1, borderColor: 'divider' }} data-testid="task-definition">
                <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap', rowGap: 0.5 }}>
                  <Typography sx={{ fontWeight: 600 }}>{task.sentence}</Typography>
                  <Typography variant="body2" color="textSecondary" sx={{ fontFamily: 'monospace' }}>
                    {task.name}
                  </Typography>
                  <Chip size="small" label={<OutcomeTypeLabel task={task} />} />
                  <Chip size="small" variant="outlined" label={task.countedInScore ? t('countedInScore') : t('notCountedInScore')} />
                  <Chip size="small" variant="outlined" label={task.pushedToField ? t('pushedToField') : t('dashboardOnly')} />
                  {task.mandatory ? <Chip size="small" variant="outlined" label={t('mandatory')} /> : null}
                </Stack>
                <Box sx={{ mt: 1 }}>
                  <RuleList rules={task.rules} />
                </Box>
              </Box>
            ))}
          </Box>
        </Paper>
      ))}
    </Stack>
  );
}
