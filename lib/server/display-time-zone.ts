/**
 * The IANA time zone every date is shown in (`DISPLAY_TIME_ZONE`, default UTC). One fixed zone
 * on server and client keeps rendered dates identical on both sides, and a filter by day means
 * the days the user reads on the page.
 */
export function displayTimeZone(): string {
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
