'use client';

import Box from '@mui/material/Box';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { BrandName } from './BrandMark';
import { ColorModeMenu } from './ColorModeMenu';
import type { ColorMode } from './color-mode';
import { LanguageMenu } from './LanguageMenu';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

/**
 * The frame of pages shown without the navigation (sign-in, not found, errors): brand,
 * language and appearance at the top, the content centred in `<main>`.
 */
export function PublicLayout({ colorMode, children, maxWidth = 420 }: { colorMode: ColorMode; children: ReactNode; maxWidth?: number }) {
  const common = useTranslations('common');
  return (
    <Box sx={{ minHeight: '100dvh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <SkipLink label={common('skipToContent')} />
      <Box component="header" sx={{ display: 'flex', alignItems: 'center', gap: 0.5, px: { xs: 2, sm: 3 }, py: 1.5 }}>
        <BrandName name={common('appName')} />
        <Box sx={{ flexGrow: 1 }} />
        <LanguageMenu />
        <ColorModeMenu initialMode={colorMode} />
      </Box>
      <Box
        component="main"
        id={MAIN_CONTENT_ID}
        tabIndex={-1}
        sx={{
          flexGrow: 1,
          display: 'flex',
          alignItems: { xs: 'flex-start', sm: 'center' },
          justifyContent: 'center',
          px: 2,
          pt: { xs: 4, sm: 0 },
          pb: 8,
          outline: 'none',
        }}
      >
        <Box sx={{ width: '100%', maxWidth }}>{children}</Box>
      </Box>
    </Box>
  );
}
