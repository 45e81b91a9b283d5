import SearchOffIcon from '@mui/icons-material/SearchOff';
import Button from '@mui/material/Button';
import { getTranslations } from 'next-intl/server';
import { StatusMessage } from '@/components/layout/StatusMessage';
import { PageReady } from '@/components/layout/PageReady';

export default async function WorkOrderNotFound() {
  const t = await getTranslations('workOrder.notFound');
  return (
    <>
      <StatusMessage
        icon={<SearchOffIcon fontSize="large" />}
        title={t('title')}
        description={t('description')}
        actions={
          <Button href="/work-orders" variant="contained">
            {t('back')}
          </Button>
        }
      />
      <PageReady />
    </>
  );
}
