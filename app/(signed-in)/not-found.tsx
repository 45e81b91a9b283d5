import SearchOffOutlinedIcon from '@mui/icons-material/SearchOffOutlined';
import { getTranslations } from 'next-intl/server';
import { ButtonLink } from '@/components/layout/ButtonLink';
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
        <ButtonLink variant="contained" href="/work-orders">
          {t('home')}
        </ButtonLink>
      }
    />
  );
}
