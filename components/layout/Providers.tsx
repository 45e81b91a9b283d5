'use client';

import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { AppRouterCacheProvider } from '@mui/material-nextjs/v16-appRouter';
import type { ReactNode } from 'react';
import { COLOR_MODE_COOKIE } from './color-mode';
import { cookieStorageManager } from './cookie-storage-manager';
import { appTheme } from './theme';

/**
 * MUI for the App Router: the emotion cache collects styles during streaming SSR and writes
 * them with the request's CSP nonce (the same nonce goes on styles inserted later in the
 * browser), then the theme with its cookie-backed light/dark/system mode. `noSsr`: the browser
 * reads the mode from the cookie while it hydrates, instead of rendering the whole page a second
 * time, synchronously, once hydrated (seconds of blocked main thread on a phone). Colours are CSS
 * variables, so what the server rendered does not depend on the mode; the colour-mode menu
 * shows the server's reading of the same cookie.
 */
export function Providers({ nonce, children }: { nonce?: string; children: ReactNode }) {
  return (
    <AppRouterCacheProvider options={{ key: 'mui', nonce, prepend: true }}>
      <ThemeProvider theme={appTheme} defaultMode="system" modeStorageKey={COLOR_MODE_COOKIE} storageManager={cookieStorageManager} noSsr>
        <CssBaseline enableColorScheme />
        {children}
      </ThemeProvider>
    </AppRouterCacheProvider>
  );
}
