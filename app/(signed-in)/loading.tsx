import Skeleton from '@mui/material/Skeleton';
import { getTranslations } from 'next-intl/server';
import { LoadingStatus } from '@/components/layout/LoadingStatus';

/** Shown inside the shell while a page's server data loads. */
export default async function SignedInLoading() {
  const t = await getTranslations('common');
  return (
    <LoadingStatus label={t('loading')}>
      <Skeleton variant="text" width={220} height={36} />
      <Skeleton variant="text" width={360} sx={{ mb: 2 }} />
      <Skeleton variant="rounded" height={40} sx={{ mb: 1.5 }} />
      {Array.from({ length: 8 }, (_, index) => (
        <Skeleton key={index} variant="rounded" height={36} sx={{ mb: 0.75, opacity: 1 - index * 0.09 }} />
      ))}
    </LoadingStatus>
  );
}
