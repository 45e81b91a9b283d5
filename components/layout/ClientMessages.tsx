import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getNow } from 'next-intl/server';
import type { ReactNode } from 'react';
import { clientMessages } from '@/i18n/client-messages';
import type { Namespace } from '@/messages';

/**
 * Gives the client components below it the message namespaces they read (and the shell's),
 * instead of the whole catalogue. A server component: put it in the page or the segment's
 * layout that owns those components. The server's "now" goes along, so relative times
 * hydrate as they were rendered.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const [messages, now] = await Promise.all([getMessages(), getNow()]);
  return (
    <NextIntlClientProvider messages={clientMessages(messages, namespaces)} now={now}>
      {children}
    </NextIntlClientProvider>
  );
}
