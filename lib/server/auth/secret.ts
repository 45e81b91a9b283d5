import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/lib/server/db/client';
import { logger } from '@/lib/server/logger';
import { isDemoMode } from './config';

let cached: string | undefined;

/**
 * The key that encrypts session tokens. Required in production (`NEXTAUTH_SECRET` or
 * `AUTH_SECRET`). In demo mode a missing secret is generated once and kept in the data
 * directory so sessions survive restarts — and we say so, because that is not for production.
 */
export function authSecret(): string {
  const fromEnv = process.env.NEXTAUTH_SECRET || process.env.AUTH_SECRET;
  if (fromEnv) return fromEnv;
  if (cached) return cached;
  if (process.env.NODE_ENV === 'production' && !isDemoMode()) {
    throw new Error('NEXTAUTH_SECRET (or AUTH_SECRET) must be set in production. Generate one with: openssl rand -base64 32');
  }
  const file = path.join(dataDir(), 'auth-secret');
  try {
    cached = fs.readFileSync(file, 'utf8').trim();
  } catch {
    cached = '';
  }
  if (!cached) {
    fs.mkdirSync(dataDir(), { recursive: true });
    cached = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, cached, { mode: 0o600 });
    logger.warn({ event: 'demo_secret_generated', file }, 'NEXTAUTH_SECRET is not set: generated a demo secret. Set NEXTAUTH_SECRET in production.');
  }
  return cached;
}
