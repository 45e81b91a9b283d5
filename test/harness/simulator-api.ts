/**
 * Helpers for tests that drive a simulator over HTTP (this folder's tests and anyone
 * else's): JSON calls with the API key or the admin token, and test photos.
 */
import { createHash } from 'node:crypto';
import { conformityFromDigest } from '@/simulator/conformity';
import type { ConformityFinding } from '@/simulator/model';
import { Canvas } from '@/simulator/png';
import type { RunningSimulator } from '@/simulator/server';

// Tests read arbitrary response JSON and assert on it; typing every shape would add nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJson = any;

export interface CallResult<T = AnyJson> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** Send no Authorization header. */
  anonymous?: boolean;
}

async function call<T>(url: string, method: string, authorization: string | null, options: CallOptions): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (authorization && !options.anonymous && !('Authorization' in headers)) headers.Authorization = authorization;
  let body: string | Uint8Array | undefined;
  if (options.rawBody !== undefined) body = typeof options.rawBody === 'string' ? options.rawBody : new Uint8Array(options.rawBody);
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(url, { method, headers, body: body as BodyInit | undefined, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** `api(sim, 'GET', 'work-orders/')`: a call under `/v0.2/` with the first API key. */
export function api<T = AnyJson>(sim: RunningSimulator, method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  return call<T>(`${sim.apiUrl}${path}`, method, `Token ${sim.apiKeys[0]}`, options);
}

/** `admin(sim, 'POST', '/faults', {body})`: a call under `/__sim` with the admin token. */
export function admin<T = AnyJson>(sim: RunningSimulator, method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  return call<T>(`${sim.adminUrl}${path}`, method, `Bearer ${sim.adminToken}`, options);
}

/** A small real PNG whose content (and so whose analysis) depends on `label`. */
export function testPhoto(label: string): Buffer {
  const canvas = new Canvas(64, 48, [200, 210, 220]);
  canvas.text(2, 2, label.slice(0, 10), [10, 10, 10], 1);
  canvas.rect(10, 20, 30, 20, [(label.length * 37) % 255, 120, 60]);
  return canvas.toPng();
}

export function dataUri(bytes: Buffer, type = 'image/png'): string {
  return `data:${type};base64,${bytes.toString('base64')}`;
}

/**
 * A test photo whose image checks give exactly `wanted` (by code and level; duplicates
 * aside). Searches a bounded number of labels.
 */
export function photoWithFindings(wanted: Array<Pick<ConformityFinding, 'code' | 'level'>>, prefix = 'photo'): Buffer {
  const key = (f: Pick<ConformityFinding, 'code' | 'level'>) => `${f.code}:${f.level}`;
  const target = wanted.map(key).sort().join(',');
  for (let i = 0; i < 20_000; i += 1) {
    const bytes = testPhoto(`${prefix}${i}`);
    const findings = conformityFromDigest(createHash('sha256').update(bytes).digest());
    if (findings.map(key).sort().join(',') === target) return bytes;
  }
  throw new Error(`no photo found with findings ${target}`);
}
