import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { getTranslations } from 'next-intl/server';

export default async function RootLoading() {
  const t = await getTranslations('common');
  return (
    <Box sx={{ minHeight: '60dvh', display: 'grid', placeItems: 'center' }}>
      <CircularProgress size={28} aria-label={t('loading')} />
    </Box>
  );
}
