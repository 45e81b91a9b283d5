'use client';

import DownloadIcon from '@mui/icons-material/Download';
import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { PageHeader } from '@/components/layout/PageHeader';
import { StatusMessage } from '@/components/layout/StatusMessage';
import { ApiError, auditExportUrl } from '@/lib/client/api';
import type { AuditEntryDto, AuditPageDto } from '@/lib/shared/audit-log';
import { countAuditFilters } from '@/lib/shared/audit-query';
import { AuditDetailDialog } from './AuditDetailDialog';
import { AuditEntries } from './AuditEntries';
import { AuditFilterBar } from './AuditFilterBar';
import { useAuditFilters } from './use-audit-filters';
import { useAuditPages } from './use-audit-pages';

/**
 * The audit log for admins: filters (the URL), the rows newest first with "Load more", the
 * detail of one row, and the export of every row the filters match.
 */
export function AuditLogView({ initial, initialQuery }: { initial: AuditPageDto; initialQuery: string }) {
  const t = useTranslations('audit');
  const { filters, queryString, update, clear } = useAuditFilters();
  const log = useAuditPages(queryString, { queryString: initialQuery, page: initial });
  const [open, setOpen] = useState<AuditEntryDto | null>(null);
  const total = log.total ?? 0;
  const filtered = countAuditFilters(filters) > 0;
  const failure = log.error ? (log.error instanceof ApiError ? (log.error.body?.message ?? log.error.code) : String(log.error)) : null;

  return (
    <Box>
      <PageHeader
        title={t('title')}
        count={log.total === null ? undefined : t('count', { count: total })}
        subtitle={t('intro')}
        actions={
          <Tooltip title={t('exportHint')} describeChild>
            <span>
              <Button
                variant="outlined"
                startIcon={<DownloadIcon />}
                href={auditExportUrl(queryString)}
                download
                disabled={total === 0}
                sx={{ whiteSpace: 'nowrap' }}
              >
                {t('export')}
              </Button>
            </span>
          </Tooltip>
        }
      />

      <AuditFilterBar key={queryString} filters={filters} actors={log.actors} update={update} clear={clear} />

      <Box sx={{ height: 4, mb: 1 }}>{log.loading || log.loadingMore ? <LinearProgress aria-label={t('loading')} /> : null}</Box>

      {failure ? (
        <Alert
          severity="error"
          sx={{ mb: 2 }}
          action={
            <Button color="inherit" size="small" onClick={log.retry}>
              {t('retry')}
            </Button>
          }
        >
          {t('error')} {failure}
        </Alert>
      ) : null}

      {!log.loading && !failure && log.rows.length === 0 ? (
        <StatusMessage
          headingLevel="h2"
          icon={<ManageSearchIcon />}
          title={t('empty.title')}
          description={filtered ? t('empty.filtered') : t('empty.none')}
          actions={
            filtered ? (
              <Button variant="outlined" onClick={clear}>
                {t('filters.clear')}
              </Button>
            ) : undefined
          }
        />
      ) : (
        <AuditEntries rows={log.rows} onOpen={setOpen} />
      )}

      {log.rows.length > 0 ? (
        <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'center', gap: 2, flexWrap: 'wrap', mt: 2 }}>
          <Typography variant="body2" color="textSecondary" role="status">
            {t('shown', { shown: log.rows.length, total })}
          </Typography>
          {log.hasMore ? (
            <Button variant="outlined" onClick={log.loadMore} disabled={log.loadingMore}>
              {t('loadMore')}
            </Button>
          ) : null}
        </Box>
      ) : null}

      <AuditDetailDialog entry={open} onClose={() => setOpen(null)} />
    </Box>
  );
}
