import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';

const ORIGIN = 'http://127.0.0.1:3000';

describe('safeCallbackPath refuses open-redirect payloads', () => {
  it.each([
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    'https:evil.example',
    '%2F%2Fevil.example',
    'javascript:alert(1)',
    'http://127.0.0.1:3000.evil.example/',
    '/..//evil.example',
    '/%2e%2e//evil.example',
    'http://127.0.0.1:3001/work-orders',
    'data:text/html,hi',
    '/\tevil',
    ' /work-orders',
    '',
    null,
    42,
  ])('refuses %j', (payload) => {
    const result = safeCallbackPath(payload, ORIGIN);
    expect(result).toBe('/');
    expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
  });

  it.each([
    ['/work-orders?status=to_review#top', '/work-orders?status=to_review#top'],
    ['/work-orders/abc', '/work-orders/abc'],
    ['http://127.0.0.1:3000/overview?day=2026-01-01', '/overview?day=2026-01-01'],
    ['/a/../overview', '/overview'],
  ])('keeps same-origin %j', (payload, expected) => {
    expect(safeCallbackPath(payload, ORIGIN)).toBe(expected);
  });
});
