import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './signature';

const SECRET = 'whsec_test';
const BODY = '{"id":"e1","type":"work_order.reviewed"}';

describe('webhook signatures', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256 of the secret, as the README tells receivers', () => {
    const expected = createHmac('sha256', SECRET).update(`1700000000.${BODY}`).digest('hex');
    expect(signatureHeader(SECRET, 1700000000, BODY)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies within five minutes of the timestamp, either way', () => {
    const header = signatureHeader(SECRET, 1700000000, BODY);
    expect(verifySignature(SECRET, header, BODY, 1700000000 + 300)).toBe(true);
    expect(verifySignature(SECRET, header, BODY, 1700000000 - 300)).toBe(true);
    expect(verifySignature(SECRET, header, BODY, 1700000000 + 301)).toBe(false);
  });

  it('refuses another body, another secret, a forged time and a malformed header', () => {
    const header = signatureHeader(SECRET, 1700000000, BODY);
    expect(verifySignature(SECRET, header, `${BODY} `, 1700000000)).toBe(false);
    expect(verifySignature('whsec_other', header, BODY, 1700000000)).toBe(false);
    expect(verifySignature(SECRET, header.replace('t=1700000000', 't=1700000100'), BODY, 1700000100)).toBe(false);
    expect(verifySignature(SECRET, 'v1=abc', BODY, 1700000000)).toBe(false);
    expect(verifySignature(SECRET, null, BODY, 1700000000)).toBe(false);
  });
});
