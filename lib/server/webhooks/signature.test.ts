import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
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

describe('the README’s verification snippet', () => {
  // Receivers copy it: it must accept our deliveries and refuse forgeries.
  const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const code = /```js\n(const \{ createHmac, timingSafeEqual \}[\s\S]*?function verifyFieldReview[\s\S]*?)```/.exec(readme)?.[1];
  const verifyFieldReview = new Function('require', `${code}\nreturn verifyFieldReview;`)(createRequire(__filename)) as (
    secret: string,
    header: string,
    body: string,
    now: number,
  ) => boolean;

  it('verifies what we sign, within five minutes, and nothing else', () => {
    const header = signatureHeader(SECRET, 1700000000, BODY);
    expect(verifyFieldReview(SECRET, header, BODY, 1700000000 + 299)).toBe(true);
    expect(verifyFieldReview(SECRET, header, BODY, 1700000000 + 301)).toBe(false);
    expect(verifyFieldReview('whsec_other', header, BODY, 1700000000)).toBe(false);
    expect(verifyFieldReview(SECRET, header, `${BODY}\n`, 1700000000)).toBe(false);
    expect(verifyFieldReview(SECRET, 't=1700000000,v1=00', BODY, 1700000000)).toBe(false);
  });
});
