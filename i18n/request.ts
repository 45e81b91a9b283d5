import { getRequestConfig } from 'next-intl/server';
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

function displayTimeZone(): string {
  const zone = process.env.DISPLAY_TIME_ZONE;
  if (zone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone;
    } catch {
      // An unknown zone falls back to UTC rather than breaking every page.
    }
  }
  return 'UTC';
}
