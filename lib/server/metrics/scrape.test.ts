import { afterEach, describe, expect, it } from 'vitest';
import { MIN_TOKEN_LENGTH, metricsEnabled, scrapeAllowed } from './scrape';

const TOKEN = 'a'.repeat(MIN_TOKEN_LENGTH) + '-scrape';

afterEach(() => {
  delete process.env.METRICS_TOKEN;
});

describe('scrapeAllowed', () => {
  it('is off without METRICS_TOKEN, or with one too short to resist guessing', () => {
    expect(metricsEnabled()).toBe(false);
    expect(scrapeAllowed('Bearer anything')).toBe(false);
    process.env.METRICS_TOKEN = 'short';
    expect(metricsEnabled()).toBe(false);
    expect(scrapeAllowed('Bearer short')).toBe(false);
  });

  it('accepts only the configured bearer token', () => {
    process.env.METRICS_TOKEN = TOKEN;
    expect(metricsEnabled()).toBe(true);
    expect(scrapeAllowed(`Bearer ${TOKEN}`)).toBe(true);
    expect(scrapeAllowed(`bearer ${TOKEN}`)).toBe(true);
    expect(scrapeAllowed(null)).toBe(false);
    expect(scrapeAllowed(TOKEN)).toBe(false);
    expect(scrapeAllowed(`Basic ${TOKEN}`)).toBe(false);
    expect(scrapeAllowed(`Bearer ${TOKEN}x`)).toBe(false);
    expect(scrapeAllowed(`Bearer ${TOKEN.slice(0, -1)}`)).toBe(false);
  });
});
