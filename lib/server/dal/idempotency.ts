import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/server/db/client';
import { idempotencyKeys } from '@/lib/server/db/schema';
import { AppError, type ErrorCode } from '@/lib/server/http/errors';

/**
 * The idempotency store, so a double submit or a retry sends one correction:
 * `(user, Idempotency-Key) → {bodyHash, status, response}` in the database, 24 h. The first
 * request claims the key; a repeat with the same body gets the stored answer replayed; a
 * repeat with another body is refused (422); a repeat while the first is still running gets
 * 409. A claim left behind by a crashed process is taken over after `STALE_AFTER_MS`; that is
 * safe because the correction re-checks its precondition.
 * The caller decides which answers to keep (corrections keep "applied" and "unknown", and
 * free the key when nothing changed upstream).
 */

export const KEEP_FOR_MS = 24 * 60 * 60 * 1000;
export const STALE_AFTER_MS = 2 * 60 * 1000;
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type StoredResponse =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'error'; status: number; code: ErrorCode; details?: unknown; fields?: Record<string, string>; retryAfter?: number };

export type Claim = { state: 'claimed' } | { state: 'replay'; response: StoredResponse };

/** The `Idempotency-Key` header: a UUID (lowercased). Missing or malformed → 400. */
export const idempotencyKeyHeader = z
  .string({ error: 'required' })
  .trim()
  .min(1, { error: 'required' })
  .regex(KEY, { error: 'invalid_format' })
  .transform((key) => key.toLowerCase());

/** A stable hash of what the request asks for (key order does not matter). */
export function requestHash(parts: unknown): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export async function claimIdempotencyKey(userId: string, key: string, scope: string, bodyHash: string, now = new Date()): Promise<Claim> {
  const db = await getDb();
  // Prune expired keys of this user only (cheap, indexed by primary key prefix).
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_FOR_MS))));

  const inserted = await db
    .insert(idempotencyKeys)
    .values({ userId, key, scope, bodyHash, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 1) return { state: 'claimed' };

  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  if (!existing) return claimIdempotencyKey(userId, key, scope, bodyHash, now); // released meanwhile
  if (existing.bodyHash !== bodyHash || existing.scope !== scope) throw new AppError('idempotency_key_reused');
  if (existing.status !== null && existing.response) return { state: 'replay', response: existing.response as StoredResponse };

  // Still in flight. Take it over only if its owner is clearly gone.
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const taken = await db
    .update(idempotencyKeys)
    .set({ createdAt: now })
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.key, key),
        isNull(idempotencyKeys.status),
        lt(idempotencyKeys.createdAt, staleBefore),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  if (taken.length === 1) return { state: 'claimed' };
  throw new AppError('request_in_progress');
}

/** Stores the final answer under the key (only answers given after the upstream was called). */
export async function completeIdempotencyKey(userId: string, key: string, response: StoredResponse): Promise<void> {
  const db = await getDb();
  await db
    .update(idempotencyKeys)
    .set({ status: response.status, response, completedAt: new Date() })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/**
 * Turns a completed key whose stored answer was `code` back into an in-flight claim (a retry
 * that takes over an attempt proven not applied). True for the one caller that wins.
 */
export async function reopenIdempotencyKey(userId: string, key: string, code: ErrorCode): Promise<boolean> {
  const db = await getDb();
  const reopened = await db
    .update(idempotencyKeys)
    .set({ status: null, response: null, completedAt: null, createdAt: new Date() })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), sql`${idempotencyKeys.response}->>'code' = ${code}`))
    .returning({ key: idempotencyKeys.key });
  return reopened.length === 1;
}

/** Frees the key when nothing reached the upstream, so a retry with the same key runs afresh. */
export async function releaseIdempotencyKey(userId: string, key: string): Promise<void> {
  const db = await getDb();
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status)));
}

/** A stored error answer, thrown again as the same AppError. */
export function replayError(response: Extract<StoredResponse, { kind: 'error' }>): AppError {
  return new AppError(response.code, {
    status: response.status,
    details: response.details,
    fields: response.fields,
    retryAfter: response.retryAfter,
  });
}
