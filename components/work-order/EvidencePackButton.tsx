'use client';

import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Snackbar from '@mui/material/Snackbar';
import { useTranslations } from 'next-intl';
import { useEvidencePack } from './use-evidence-pack';

/** "Evidence pack (PDF)": downloads the work order's pack; says why when it cannot be made. */
export function EvidencePackButton({ workOrderId }: { workOrderId: string }) {
  const t = useTranslations('evidencePack');
  const { busy, error, download, dismissError } = useEvidencePack(workOrderId);
  return (
    <>
      <Button
        variant="outlined"
        startIcon={busy ? <CircularProgress size={16} aria-hidden /> : <PictureAsPdfIcon />}
        onClick={download}
        disabled={busy}
        aria-busy={busy}
      >
        {busy ? t('busy') : t('button')}
      </Button>
      <Snackbar open={error !== null} onClose={dismissError} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity="error" role="alert" onClose={dismissError} variant="filled">
          {t('failed', { message: error?.body?.message ?? error?.code ?? '' })}
          {error?.body?.requestId ? ` (${error.body.requestId})` : ''}
        </Alert>
      </Snackbar>
    </>
  );
}
