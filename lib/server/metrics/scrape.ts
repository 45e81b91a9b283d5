import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getDb } from '@/lib/server/db/client';
import { indexSyncState } from '@/lib/server/db/schema';
import { upstreamPolicies } from '@/lib/server/deepomatic/http';
import { logger } from '@/lib/server/logger';
import { observeIndexSyncLag } from './index-sync';
import { metricsRegistry } from './registry';
import { observeUpstreamPolicies } from './upstream';

/**
 * `GET /api/metrics` for Prometheus. Off unless `METRICS_TOKEN` is set (at least
 * `MIN_TOKEN_LENGTH` characters); the scraper then sends `Authorization: Bearer <token>`.
 * Off, the route answers 404 (it does not exist on this instance); on, 401 without the right
 * token, as every API route answers a caller without a session.
 */
export const MIN_TOKEN_LENGTH = 16;

function configuredToken(): string | null {
  const token = process.env.METRICS_TOKEN?.trim();
  return token && token.length >= MIN_TOKEN_LENGTH ? token : null;
}

export function metricsEnabled(): boolean {
  return configuredToken() !== null;
}

/** Whether `authorization` carries the configured token, compared in constant time. */
export function scrapeAllowed(authorization: string | null): boolean {
  const token = configuredToken();
  if (!token || !authorization) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return false;
  // Digests have the same length whatever was sent, so the comparison time says nothing.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

/** The registry in Prometheus' text format, with the gauges read at scrape time brought up to date. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  observeUpstreamPolicies(upstreamPolicies());
  try {
    const db = await getDb();
    const rows = await db.select({ job: indexSyncState.job, lastSuccessAt: indexSyncState.lastSuccessAt }).from(indexSyncState);
    observeIndexSyncLag(rows.map((row) => ({ job: row.job, lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null })));
  } catch (error) {
    // The lag stays at its last value; the database being down shows in /api/health/ready.
    logger.warn({ event: 'metrics_index_lag_unavailable', err: error }, 'index sync lag not measured');
  }
  const registry = metricsRegistry();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
