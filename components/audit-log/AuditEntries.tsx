'use client';

import Box from '@mui/material/Box';
import type { Theme } from '@mui/material/styles';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { IntentPrefetchLink } from '@/components/layout/IntentPrefetchLink';
import { useTranslations } from 'next-intl';
import { visuallyHidden } from '@/components/layout/visually-hidden';
import type { AuditEntryDto } from '@/lib/shared/audit-log';
import { changeSummary, taskLabel } from './audit-format';
import { OutcomeChip } from './OutcomeChip';
import { useAuditLabels } from './use-audit-labels';

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: '0.8125rem' } as const;
/**
 * Every row's details button stays in view on a laptop: the time takes two lines (day, hour), the
 * cells are a little narrower than MUI's, the request id column shows on wide screens only (the
 * detail shows the id whole), and where the table still scrolls sideways the details column is
 * pinned to its right edge.
 */
const WIDE_ONLY = { display: { xs: 'none', xl: 'table-cell' } } as const;
const PINNED_RIGHT = {
  position: 'sticky',
  right: 0,
  zIndex: 1,
  bgcolor: 'background.paper',
  // Where the table scrolls under it, a line says the column stays put (a shadow, not a border:
  // a collapsed table paints borders where the cell would be, not where it sticks).
  boxShadow: (theme: Theme) => `inset 1px 0 0 ${theme.palette.divider}`,
} as const;

/** A long id shown by its first characters; the whole id is in the title and in the detail. */
function ShortId({ id }: { id: string }) {
  return (
    <Box component="span" title={id} sx={MONO}>
      {id.length > 13 ? `${id.slice(0, 8)}…` : id}
    </Box>
  );
}

function WorkOrderLink({ id }: { id: string | null }) {
  const t = useTranslations('audit.table');
  if (!id) return <>—</>;
  return (
    <MuiLink component={IntentPrefetchLink} href={`/work-orders/${encodeURIComponent(id)}`} aria-label={`${t('workOrder')} ${id}`}>
      <ShortId id={id} />
    </MuiLink>
  );
}

/**
 * The audit rows: a table from `md` up (scrolling sideways when narrow), a card per row on a
 * phone. Each row opens its detail (every field, the JSON as text).
 */
export function AuditEntries({ rows, onOpen }: { rows: AuditEntryDto[]; onOpen: (entry: AuditEntryDto) => void }) {
  const t = useTranslations('audit.table');
  const labels = useAuditLabels();
  const detailsButton = (entry: AuditEntryDto) => (
    <Button size="small" onClick={() => onOpen(entry)} aria-label={t('detailsOf', { at: labels.time(entry.at) })}>
      {t('details')}
    </Button>
  );

  return (
    <>
      <TableContainer component={Paper} variant="outlined" sx={{ display: { xs: 'none', md: 'block' }, overflowX: 'auto' }}>
        <Table size="small" aria-label={t('label')} sx={{ minWidth: 900, '& th': { whiteSpace: 'nowrap' }, '& th, & td': { px: 1.5 } }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('at')}</TableCell>
              <TableCell>{t('actor')}</TableCell>
              <TableCell>{t('action')}</TableCell>
              <TableCell>{t('workOrder')}</TableCell>
              <TableCell>{t('task')}</TableCell>
              <TableCell>{t('change')}</TableCell>
              <TableCell>{t('reason')}</TableCell>
              <TableCell>{t('outcome')}</TableCell>
              <TableCell sx={WIDE_ONLY}>{t('requestId')}</TableCell>
              <TableCell sx={PINNED_RIGHT}>
                <Box component="span" sx={visuallyHidden}>
                  {t('details')}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((entry) => (
              <TableRow key={entry.id} hover data-testid="audit-row">
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Box component="time" dateTime={entry.at} title={labels.time(entry.at)}>
                    <Box component="span" sx={{ display: 'block' }}>
                      {labels.day(entry.at)}
                    </Box>
                    <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
                      {labels.hour(entry.at)}
                    </Box>
                  </Box>
                </TableCell>
                <TableCell sx={{ overflowWrap: 'break-word', maxWidth: 200 }}>{entry.actorEmail ?? t('nobody')}</TableCell>
                <TableCell>{labels.action(entry.action)}</TableCell>
                <TableCell>
                  <WorkOrderLink id={entry.workOrderId} />
                </TableCell>
                <TableCell sx={{ overflowWrap: 'break-word', maxWidth: 200 }}>{taskLabel(entry) ?? '—'}</TableCell>
                <TableCell sx={{ overflowWrap: 'break-word', maxWidth: 180 }}>{changeSummary(entry.before, entry.after) ?? '—'}</TableCell>
                <TableCell sx={{ overflowWrap: 'break-word', maxWidth: 160 }}>{entry.reason ?? '—'}</TableCell>
                <TableCell>
                  <OutcomeChip outcome={entry.outcome} label={entry.outcome ? labels.outcome(entry.outcome) : null} />
                </TableCell>
                <TableCell sx={WIDE_ONLY}>{entry.requestId ? <ShortId id={entry.requestId} /> : '—'}</TableCell>
                <TableCell align="right" sx={PINNED_RIGHT}>
                  {detailsButton(entry)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>

      <Box
        component="ul"
        aria-label={t('label')}
        sx={{ display: { xs: 'flex', md: 'none' }, flexDirection: 'column', gap: 1.5, p: 0, m: 0, listStyle: 'none' }}
      >
        {rows.map((entry) => (
          <Card component="li" key={entry.id} variant="outlined" data-testid="audit-card">
            <CardContent sx={{ '&:last-child': { pb: 1.5 } }}>
              <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 1, mb: 0.5 }}>
                <Typography variant="body2" color="textSecondary">
                  {labels.time(entry.at)}
                </Typography>
                {entry.outcome ? <OutcomeChip outcome={entry.outcome} label={labels.outcome(entry.outcome)} /> : null}
              </Box>
              <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600 }}>
                {labels.action(entry.action)}
              </Typography>
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                {entry.actorEmail ?? t('nobody')}
              </Typography>
              <Box
                component="dl"
                sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1.5, rowGap: 0.25, m: 0, mt: 1, typography: 'body2' }}
              >
                {entry.workOrderId ? (
                  <>
                    <Box component="dt" sx={{ color: 'text.secondary' }}>
                      {t('workOrder')}
                    </Box>
                    <Box component="dd" sx={{ m: 0 }}>
                      <WorkOrderLink id={entry.workOrderId} />
                    </Box>
                  </>
                ) : null}
                {taskLabel(entry) ? (
                  <>
                    <Box component="dt" sx={{ color: 'text.secondary' }}>
                      {t('task')}
                    </Box>
                    <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                      {taskLabel(entry)}
                    </Box>
                  </>
                ) : null}
                {changeSummary(entry.before, entry.after) ? (
                  <>
                    <Box component="dt" sx={{ color: 'text.secondary' }}>
                      {t('change')}
                    </Box>
                    <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                      {changeSummary(entry.before, entry.after)}
                    </Box>
                  </>
                ) : null}
                {entry.reason ? (
                  <>
                    <Box component="dt" sx={{ color: 'text.secondary' }}>
                      {t('reason')}
                    </Box>
                    <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                      {entry.reason}
                    </Box>
                  </>
                ) : null}
                {entry.requestId ? (
                  <>
                    <Box component="dt" sx={{ color: 'text.secondary' }}>
                      {t('requestId')}
                    </Box>
                    <Box component="dd" sx={{ m: 0 }}>
                      <ShortId id={entry.requestId} />
                    </Box>
                  </>
                ) : null}
              </Box>
              <Box sx={{ mt: 1, ml: -0.5 }}>{detailsButton(entry)}</Box>
            </CardContent>
          </Card>
        ))}
      </Box>
    </>
  );
}
