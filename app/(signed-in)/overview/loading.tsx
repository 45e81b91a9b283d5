import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import { getTranslations } from 'next-intl/server';

/** Skeleton of the overview while its aggregates load. */
export default async function OverviewLoading() {
  const t = await getTranslations('overview');
  return (
    <Box role="status" aria-label={t('loading')}>
      <Skeleton variant="text" width={220} height={48} />
      <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: 'repeat(2, 1fr)', sm: 'repeat(4, 1fr)' }, my: 2 }}>
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} variant="rounded" height={84} />
        ))}
      </Box>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '2fr 3fr' } }}>
        <Skeleton variant="rounded" height={300} />
        <Skeleton variant="rounded" height={300} />
      </Box>
    </Box>
  );
}
