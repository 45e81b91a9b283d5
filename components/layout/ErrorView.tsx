'use client';

import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { StatusMessage } from './StatusMessage';

/**
 * What an error boundary shows. Server errors reach the browser without their message (Next
 * replaces it), only a digest that matches the server log line — shown as the reference.
 */
export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('common');
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <StatusMessage
      icon={<ErrorOutlineIcon />}
      title={t('errorPage.title')}
      description={
        <>
          {t('errorPage.description')}
          {digest ? (
            <Typography variant="body2" component="p" sx={{ mt: 1.5, fontFamily: 'monospace', color: 'text.secondary' }}>
              {t('errorPage.reference', { digest })}
            </Typography>
          ) : null}
        </>
      }
      actions={
        <>
          <Button variant="contained" onClick={() => retry()}>
            {t('actions.retry')}
          </Button>
          <Button variant="outlined" component={Link} href="/work-orders">
            {t('errorPage.home')}
          </Button>
        </>
      }
    />
  );
}
