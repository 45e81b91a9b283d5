import { describe, expect, it } from 'vitest';
import { checkOrigin, isSameOrigin } from './csrf';

const APP = 'http://127.0.0.1:3000';

function headers(init: Record<string, string>): Headers {
  return new Headers(init);
}

describe('isSameOrigin — which Origin and Sec-Fetch-Site pairs pass', () => {
  it.each([
    ['matching Origin', { origin: APP }, true],
    ['matching Origin and same-origin fetch', { origin: APP, 'sec-fetch-site': 'same-origin' }, true],
    ['matching Origin, case-insensitive host', { origin: 'http://127.0.0.1:3000'.toUpperCase().replace('HTTP', 'http') }, true],
    ['foreign Origin', { origin: 'https://evil.example' }, false],
    ['Origin: null', { origin: 'null' }, false],
    ['empty Origin', { origin: '' }, false],
    ['other port', { origin: 'http://127.0.0.1:3001' }, false],
    ['other scheme', { origin: 'https://127.0.0.1:3000' }, false],
    ['suffix trick', { origin: 'http://127.0.0.1:3000.evil.example' }, false],
    ['user-info trick', { origin: 'http://127.0.0.1:3000@evil.example' }, false],
    ['Origin with a path', { origin: 'http://127.0.0.1:3000/x' }, false],
    ['non-http scheme', { origin: 'file://' }, false],
    ['no Origin, Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }, true],
    ['no Origin, Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, false],
    ['no Origin, Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }, false],
    ['no Origin, Sec-Fetch-Site none', { 'sec-fetch-site': 'none' }, false],
    ['no Origin, no Sec-Fetch-Site', {}, false],
    ['matching Origin but cross-site fetch', { origin: APP, 'sec-fetch-site': 'cross-site' }, false],
  ] as const)('%s → %s', (_name, init, expected) => {
    expect(isSameOrigin(headers(init), APP)).toBe(expected);
  });

  it('treats a default port as the same origin', () => {
    expect(isSameOrigin(headers({ origin: 'https://review.example.com' }), 'https://review.example.com:443')).toBe(true);
  });

  it('checkOrigin throws 403 bad_origin', () => {
    expect(() => checkOrigin(headers({ origin: 'https://evil.example' }), APP)).toThrow(expect.objectContaining({ code: 'bad_origin', status: 403 }));
    expect(() => checkOrigin(headers({ origin: APP }), APP)).not.toThrow();
  });
});
