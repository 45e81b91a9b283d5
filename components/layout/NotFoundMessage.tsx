import SearchOffOutlinedIcon from '@mui/icons-material/SearchOffOutlined';
import { getTranslations } from 'next-intl/server';
import { ButtonLink } from './ButtonLink';
import { StatusMessage } from './StatusMessage';

/** The generic "page not found" message with a way back to the work-order list. */
export async function NotFoundMessage() {
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
