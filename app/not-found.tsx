import SearchOffOutlinedIcon from '@mui/icons-material/SearchOffOutlined';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PublicLayout } from '@/components/layout/PublicLayout';
import { getColorMode } from '@/components/layout/server';
import { ButtonLink } from '@/components/layout/ButtonLink';
import { StatusMessage } from '@/components/layout/StatusMessage';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common.notFound');
  return { title: t('title') };
}

/** Unknown URLs. (Inside the signed-in area, `app/(signed-in)/not-found.tsx` keeps the shell.) */
export default async function NotFound() {
  const [t, colorMode] = await Promise.all([getTranslations('common.notFound'), getColorMode()]);
  return (
    <PublicLayout colorMode={colorMode} maxWidth={560}>
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
    </PublicLayout>
  );
}
