import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import { getTranslations } from 'next-intl/server';
import { LoadingStatus } from '@/components/layout/LoadingStatus';

/** The shape of the work-order page while the upstream answers: header, grid, photos. */
export default async function WorkOrderLoading() {
  const t = await getTranslations('workOrder');
  return (
    <LoadingStatus label={t('loading')}>
      <Skeleton variant="text" width={160} />
      <Skeleton variant="text" width={320} height={48} />
      <Skeleton variant="rounded" height={10} sx={{ my: 2 }} />
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', lg: '7fr 5fr' } }}>
        <Box>
          {Array.from({ length: 8 }, (_, index) => (
            <Skeleton key={index} variant="rounded" height={44} sx={{ mb: 0.75 }} />
          ))}
        </Box>
        <Skeleton variant="rounded" height={360} />
      </Box>
    </LoadingStatus>
  );
}
