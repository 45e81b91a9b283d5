import SearchOffOutlinedIcon from '@mui/icons-material/SearchOffOutlined';
import Button from '@mui/material/Button';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { StatusMessage } from '@/components/layout/StatusMessage';

/** `notFound()` from a signed-in page (e.g. a deleted work order), inside the shell. */
export default async function SignedInNotFound() {
  const t = await getTranslations('common.notFound');
  return (
    <StatusMessage
      icon={<SearchOffOutlinedIcon />}
      title={t('title')}
      description={t('description')}
      actions={
        <Button variant="contained" component={Link} href="/work-orders">
          {t('home')}
        </Button>
      }
    />
  );
}
