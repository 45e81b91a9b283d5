import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getNow, getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { SYSTEM_COLOR_SCHEME_SCRIPT } from '@/components/layout/color-mode';
import { Providers } from '@/components/layout/Providers';
import { getColorMode } from '@/components/layout/read-color-mode';
import { clientMessages } from '@/i18n/client-messages';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return {
    title: { default: t('appName'), template: `%s · ${t('appName')}` },
    description: t('tagline'),
    applicationName: t('appName'),
    // A back office for one company's supervisors: nothing here belongs in a search engine.
    robots: { index: false, follow: false },
    referrer: 'strict-origin-when-cross-origin',
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#FFFFFF' },
    { media: '(prefers-color-scheme: dark)', color: '#15181E' },
  ],
};

/**
 * The document: language from the request (cookie / Accept-Language), colour scheme from the
 * cookie (class on <html> so the first paint is right), the CSP nonce from proxy.ts for the
 * emotion styles and the one inline script. Reading headers makes every page dynamic, which
 * per-request nonces require anyway.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, headerList, colorMode, now, messages] = await Promise.all([getLocale(), headers(), getColorMode(), getNow(), getMessages()]);
  const nonce = headerList.get('x-nonce') ?? undefined;

  return (
    <html lang={locale} className={colorMode === 'system' ? undefined : colorMode} suppressHydrationWarning>
      <head>
        {colorMode === 'system' ? (
          // A fixed string (no user data), allowed by the CSP nonce.
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SYSTEM_COLOR_SCHEME_SCRIPT }} />
        ) : null}
      </head>
      <body>
        {/* The server's "now" seeds useNow() on the client, so relative times hydrate identically.
            Only the shell's messages here: each page adds its own namespaces (ClientMessages). */}
        <NextIntlClientProvider now={now} messages={clientMessages(messages, [])}>
          <Providers nonce={nonce}>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
