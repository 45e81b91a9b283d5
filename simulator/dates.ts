/**
 * Times are kept as integer microseconds since the epoch so the API can serve
 * Django-style timestamps (`2023-02-23T08:52:30.110425Z`) and order by them exactly.
 */

export type Micros = number;

export const SECOND: Micros = 1_000_000;
export const MINUTE: Micros = 60 * SECOND;
export const HOUR: Micros = 60 * MINUTE;
export const DAY: Micros = 24 * HOUR;

let lastNow = 0;

/** The current time in microseconds, strictly increasing within the process. */
export function nowMicros(): Micros {
  const now = Date.now() * 1000;
  lastNow = now > lastNow ? now : lastNow + 1;
  return lastNow;
}

export function formatMicros(us: Micros): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString(); // 2023-02-23T08:52:30.110Z
  const micro = String(Math.floor(us) % 1000).padStart(3, '0');
  return `${iso.slice(0, 23)}${micro}Z`;
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses an ISO-8601 date or date-time (Z or offset; no zone = UTC). Null when invalid. */
export function parseMicros(text: string): Micros | null {
  const m = ISO_PATTERN.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(base)) return null;
  const check = new Date(base);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return (base - offsetMinutes * 60_000) * 1000 + Number(frac.padEnd(6, '0'));
}
