import SearchOffIcon from '@mui/icons-material/SearchOff';
import Button from '@mui/material/Button';
import { getTranslations } from 'next-intl/server';
import NextLink from 'next/link';
import { StatusMessage } from '@/components/layout/StatusMessage';

export default async function WorkOrderNotFound() {
  const t = await getTranslations('workOrder.notFound');
  return (
    <StatusMessage
      icon={<SearchOffIcon fontSize="large" />}
      title={t('title')}
      description={t('description')}
      actions={
        <Button component={NextLink} href="/work-orders" variant="contained">
          {t('back')}
        </Button>
      }
    />
  );
}
