import { getRequestConfig } from 'next-intl/server';
import { displayTimeZone } from '@/lib/server/display-time-zone';
import { getRequestLocale } from '@/lib/server/http/request-context';
import { loadMessages } from '@/messages';

/**
 * next-intl without i18n routing: URLs carry no locale. The locale comes from the
 * `NEXT_LOCALE` cookie (the language switcher), else the browser's Accept-Language, else English.
 */
export default getRequestConfig(async () => {
  const locale = await getRequestLocale();
  return {
    locale,
    messages: await loadMessages(locale),
    // One fixed zone on server and client keeps rendered dates identical on both sides
    // (no hydration mismatch). Operators pick it with DISPLAY_TIME_ZONE (IANA name).
    timeZone: displayTimeZone(),
  };
});
