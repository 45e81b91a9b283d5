import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '@/test/harness/db';
import { isAppError } from '@/lib/server/http/errors';
import { parseInput } from '@/lib/server/http/field-errors';
import {
  canonicalJson,
  claimIdempotencyKey,
  completeIdempotencyKey,
  KEEP_FOR_MS,
  idempotencyKeyHeader,
  releaseIdempotencyKey,
  reopenIdempotencyKey,
  requestHash,
  STALE_AFTER_MS,
} from './idempotency';

const USER = '0b3c2f7e-1d4a-4e5b-8c6d-7e8f9a0b1c2d';
const OTHER_USER = '1b3c2f7e-1d4a-4e5b-8c6d-7e8f9a0b1c2d';
const key = () => crypto.randomUUID();

async function code(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

let close: () => Promise<void>;
beforeAll(async () => {
  ({ close } = await useTestDb());
}, 120_000);
afterAll(async () => close());

describe('idempotency store', () => {
  it('claims a new key, refuses a concurrent duplicate, then replays the stored answer', async () => {
    const k = key();
    expect(await claimIdempotencyKey(USER, k, 'correction', 'h1')).toEqual({ state: 'claimed' });
    expect(await code(() => claimIdempotencyKey(USER, k, 'correction', 'h1'))).toBe('request_in_progress');
    await completeIdempotencyKey(USER, k, { kind: 'ok', status: 200, body: { done: 1 } });
    expect(await claimIdempotencyKey(USER, k, 'correction', 'h1')).toEqual({
      state: 'replay',
      response: { kind: 'ok', status: 200, body: { done: 1 } },
    });
  });

  it('refuses the same key with another body (422) and keeps keys per user', async () => {
    const k = key();
    await claimIdempotencyKey(USER, k, 'correction', 'h1');
    expect(await code(() => claimIdempotencyKey(USER, k, 'correction', 'h2'))).toBe('idempotency_key_reused');
    expect(await claimIdempotencyKey(OTHER_USER, k, 'correction', 'h2')).toEqual({ state: 'claimed' });
  });

  it('replays a stored error as the same error', async () => {
    const k = key();
    await claimIdempotencyKey(USER, k, 'correction', 'h');
    await completeIdempotencyKey(USER, k, { kind: 'error', status: 504, code: 'outcome_unknown' });
    const claim = await claimIdempotencyKey(USER, k, 'correction', 'h');
    expect(claim).toEqual({ state: 'replay', response: { kind: 'error', status: 504, code: 'outcome_unknown' } });
  });

  it('frees a key when nothing reached the upstream, but never a completed one', async () => {
    const k = key();
    await claimIdempotencyKey(USER, k, 'correction', 'h');
    await releaseIdempotencyKey(USER, k);
    expect(await claimIdempotencyKey(USER, k, 'correction', 'other-body')).toEqual({ state: 'claimed' });
    await completeIdempotencyKey(USER, k, { kind: 'ok', status: 200, body: 1 });
    await releaseIdempotencyKey(USER, k);
    expect((await claimIdempotencyKey(USER, k, 'correction', 'other-body')).state).toBe('replay');
  });

  it('reopens a key whose stored answer has the given code, once', async () => {
    const k = key();
    await claimIdempotencyKey(USER, k, 'correction', 'h');
    await completeIdempotencyKey(USER, k, { kind: 'error', status: 504, code: 'outcome_unknown' });
    expect(await reopenIdempotencyKey(USER, k, 'correction_not_applied')).toBe(false);
    const [first, second] = await Promise.all([reopenIdempotencyKey(USER, k, 'outcome_unknown'), reopenIdempotencyKey(USER, k, 'outcome_unknown')]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await code(() => claimIdempotencyKey(USER, k, 'correction', 'h'))).toBe('request_in_progress');
  });

  it('takes over a claim abandoned by a crashed request, and forgets keys after 24 h', async () => {
    const k = key();
    const start = new Date('2026-01-01T00:00:00Z');
    await claimIdempotencyKey(USER, k, 'correction', 'h', start);
    expect(await code(() => claimIdempotencyKey(USER, k, 'correction', 'h', new Date(start.getTime() + 1000)))).toBe('request_in_progress');
    expect(await claimIdempotencyKey(USER, k, 'correction', 'h', new Date(start.getTime() + STALE_AFTER_MS + 1000))).toEqual({ state: 'claimed' });
    await completeIdempotencyKey(USER, k, { kind: 'ok', status: 200, body: 1 });
    const later = new Date(start.getTime() + STALE_AFTER_MS + KEEP_FOR_MS + 2000);
    expect(await claimIdempotencyKey(USER, k, 'correction', 'different', later)).toEqual({ state: 'claimed' });
  });

  it('only one of many simultaneous claims wins', async () => {
    const k = key();
    const results = await Promise.all(Array.from({ length: 8 }, () => code(() => claimIdempotencyKey(USER, k, 'correction', 'h'))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'request_in_progress')).toHaveLength(7);
  });
});

describe('Idempotency-Key header and request hash', () => {
  it('requires a UUID', async () => {
    const k = key();
    expect(parseInput(idempotencyKeyHeader, k.toUpperCase())).toBe(k);
    expect(await code(async () => parseInput(idempotencyKeyHeader, null))).toBe('validation_failed');
    expect(await code(async () => parseInput(idempotencyKeyHeader, 'not-a-uuid'))).toBe('validation_failed');
  });

  it('hashes the request independently of key order', () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] })).toBe('{"a":[true,{"c":"x","d":null}],"b":1}');
    expect(requestHash({ a: 1, b: 2 })).toBe(requestHash({ b: 2, a: 1 }));
    expect(requestHash({ value: true })).not.toBe(requestHash({ value: 'true' }));
  });
});
