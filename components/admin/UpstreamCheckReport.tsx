'use client';

import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { UpstreamCheckReport } from '@/lib/shared/upstream-check';
import { degradationText, listLines, readAnswer, readState, type Translate } from '@/lib/shared/upstream-check-text';

const PROVIDED = ['yes', 'no', 'unknown'] as const;

function Heading({ children }: { children: React.ReactNode }) {
  return (
    <Typography variant="h6" component="h3" sx={{ mt: 3, mb: 1 }}>
      {children}
    </Typography>
  );
}

/** One check's details: each read, the list's behaviour, the optional fields, what runs degraded. */
export function UpstreamCheckReportView({ report }: { report: UpstreamCheckReport }) {
  const t = useTranslations('admin.site') as unknown as Translate;
  return (
    <>
      {report.reads.length > 0 ? (
        <>
          <Heading>{t('readsTitle')}</Heading>
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label={t('readsLabel')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('column.read')}</TableCell>
                  <TableCell>{t('column.request')}</TableCell>
                  <TableCell>{t('column.status')}</TableCell>
                  <TableCell>{t('column.answer')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {report.reads.map((read) => (
                  <TableRow key={read.read} data-testid={`upstream-read-${read.read}`}>
                    <TableCell>{t(`read.${read.read}`)}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>GET {read.path}</TableCell>
                    <TableCell>{read.status ?? t('noStatus')}</TableCell>
                    <TableCell>{readAnswer(t, read, readState(report.reads, read))}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      ) : null}
      {report.list ? (
        <>
          <Heading>{t('listTitle')}</Heading>
          <Typography color="textSecondary" sx={{ mb: 1 }}>
            {t('listIntro')}
          </Typography>
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label={t('listLabel')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('list.parameter')}</TableCell>
                  <TableCell>{t('list.behaviour')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {listLines(t, report.list).map((line) => (
                  <TableRow key={line.parameter}>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{line.parameter}</TableCell>
                    <TableCell>{line.behaviour}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      ) : null}
      {report.fields.length > 0 ? (
        <>
          <Heading>{t('fieldsTitle')}</Heading>
          <Typography color="textSecondary" sx={{ mb: 1 }}>
            {t('fieldsIntro')}
          </Typography>
          {PROVIDED.map((provided) => {
            const paths = report.fields.filter((field) => field.provided === provided).map((field) => field.path);
            return paths.length === 0 ? null : (
              <Typography key={provided} sx={{ mb: 0.5 }}>
                <Box component="span" sx={{ fontWeight: 600 }}>
                  {t(`provided.${provided}`)}:
                </Box>{' '}
                <Box component="span" sx={{ fontFamily: 'monospace', wordBreak: 'break-word' }}>
                  {paths.join(', ')}
                </Box>
              </Typography>
            );
          })}
        </>
      ) : null}
      {report.usable ? (
        <>
          <Heading>{t('degradedTitle')}</Heading>
          {report.degraded.length === 0 ? (
            <Typography color="textSecondary">{t('noneDegraded')}</Typography>
          ) : (
            <Box component="ul" sx={{ m: 0, pl: 3 }} data-testid="upstream-degraded">
              {report.degraded.map((degradation) => (
                <li key={degradation.key}>
                  <Typography>{degradationText(t, degradation)}</Typography>
                </li>
              ))}
            </Box>
          )}
        </>
      ) : null}
    </>
  );
}
