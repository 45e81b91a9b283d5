/**
 * The Deepomatic Field Services API v0.2 simulator as an HTTP server (plain node:http).
 * `startSimulator()` is what tests, the demo and benchmarks use; `main.ts` is the CLI.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { handleAdmin, type AdminContext } from './admin';
import type { UrlLoader } from './analysis';
import { matchRoute, routesFor, type ApiContext } from './api';
import { CallbackDispatcher, DEFAULT_CALLBACK_OPTIONS, type CallbackOptions } from './callbacks';
import { negotiateLanguage } from './conformity';
import { FaultRegistry, type Fault } from './faults';
import { ApiError, BodyTooLargeError, json, readBody, sleep, type SimResponse } from './http-util';
import { Ledger } from './ledger';
import { MediaSigner, renderExamplePhoto, renderInputPhoto, renderPdf } from './media';
import { parseMicros } from './dates';
import { loadProfile, type ListBehaviour, type ProfileName } from './profile';
import { Simulation } from './simulation';

export interface SimulatorOptions {
  /** 0 = ephemeral (default). */
  port?: number;
  host?: string;
  seed?: string | number;
  /** Seeded work orders (default 2000, or 0 when a fixture is given). */
  workOrders?: number;
  /** API keys accepted as `Authorization: Token <key>` (default ['demo-key']). */
  apiKeys?: string[];
  adminToken?: string;
  /** Path of a JSON file of work orders in the real sample's shape. */
  fixture?: string;
  log?: boolean;
  /** Application: 'network' (default) or 'fiber' (the sample's; default with a fixture). */
  app?: string;
  /** End of the 90-day data window (default: start time). */
  now?: Date | string | number;
  /** Delay before an analyze-with-callback runs (default 50 ms). */
  callbackDelayMs?: number;
  /** Time a synchronous analyze takes before answering (default 0). */
  analyzeDelayMs?: number;
  callbackRetry?: Partial<CallbackOptions>;
  /** Base of photo URLs when clients reach the simulator through another address. */
  publicUrl?: string;
  /**
   * `full` (default): every field of the team's wire contract. `documented`: only what the
   * API's documents name (see `profile.ts`).
   */
  profile?: ProfileName;
  /** Refuse work-order names outside `[A-Za-z0-9_-]{1,128}` (one documentation page's rule); off by default. */
  namePattern?: boolean;
  /** Replaces parts of the profile's work-order list behaviour (ignored parameters, row shape). */
  list?: Partial<ListBehaviour>;
}

export interface RunningSimulator {
  /** The profile this site answers with. */
  profile: ProfileName;
  url: string;
  apiUrl: string;
  adminUrl: string;
  adminToken: string;
  apiKeys: string[];
  /** The in-process state (tests only). */
  simulation: Simulation;
  close(): Promise<void>;
}

/** Largest request body accepted: an 8 MB PDF in base64 plus JSON. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;
const MEDIA_CACHE_SIZE = 256;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function resolveNow(now: SimulatorOptions['now']): number {
  if (now === undefined) return Date.now() * 1000;
  if (typeof now === 'number') return now * 1000;
  if (now instanceof Date) return now.getTime() * 1000;
  const parsed = parseMicros(now);
  if (parsed === null) throw new Error(`Invalid "now": ${now}`);
  return parsed;
}

function authenticate(header: string | undefined, keys: Set<string>): ApiError | null {
  const challenge = { 'WWW-Authenticate': 'Token' };
  // DRF ignores other schemes: they count as "no credentials".
  if (!header || !/^token(\s|$)/i.test(header)) return ApiError.detail(401, 'Authentication credentials were not provided.', challenge);
  const parts = header.trim().split(/\s+/);
  if (parts.length === 1) return ApiError.detail(401, 'Invalid token header. No credentials provided.', challenge);
  if (parts.length > 2) return ApiError.detail(401, 'Invalid token header. Token string should not contain spaces.', challenge);
  if (!keys.has(parts[1])) return ApiError.detail(401, 'Invalid token.', challenge);
  return null;
}

interface Encoded {
  status: number;
  headers: Record<string, string>;
  payload: Buffer;
}

function encode(response: SimResponse): Encoded {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let payload: Buffer = Buffer.alloc(0);
  if (response.raw) payload = response.raw;
  else if (response.body !== undefined) {
    payload = Buffer.from(JSON.stringify(response.body));
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  headers['Content-Length'] = String(payload.length);
  return { status: response.status, headers, payload };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const apiKeys = options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : ['demo-key'];
  const keySet = new Set(apiKeys);
  const adminToken = options.adminToken ?? 'sim-admin';
  const log = options.log ?? false;
  const profile = loadProfile(options.profile, options.list);
  const routes = routesFor(profile);
  let baseUrl = '';
  const simulation = new Simulation({
    seed: String(options.seed ?? 'field-review'),
    workOrders: options.workOrders ?? (options.fixture ? 0 : 2000),
    app: options.app ?? (options.fixture ? 'fiber' : undefined),
    fixture: options.fixture,
    nowUs: resolveNow(options.now),
  });
  const signer = new MediaSigner(() => options.publicUrl?.replace(/\/$/, '') ?? baseUrl);
  const faults = new FaultRegistry();
  const ledger = new Ledger();
  const callbacks = new CallbackDispatcher({ ...DEFAULT_CALLBACK_OPTIONS, ...options.callbackRetry });
  const mediaCache = new Map<string, { body: Buffer; type: string }>();
  const timers = new Set<NodeJS.Timeout>();
  const startedAt = new Date().toISOString();

  const admin: AdminContext = {
    sim: simulation,
    faults,
    ledger,
    callbacks,
    signer,
    adminToken,
    startedAt,
    onReset: () => mediaCache.clear(),
  };

  function media(method: string, url: URL): SimResponse {
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, raw: Buffer.from('Method not allowed') };
    const verdict = signer.verify(url.pathname, url.searchParams);
    if (verdict !== 'ok') {
      const text = verdict === 'expired' ? 'ExpiredToken: the signed URL has expired.' : 'SignatureDoesNotMatch: access denied.';
      return { status: 403, headers: { 'Content-Type': 'text/plain' }, raw: Buffer.from(text) };
    }
    const cached = mediaCache.get(url.pathname);
    let found = cached;
    if (!found) {
      const example = /^\/media\/examples\/([^/]+)\/(\d+)\.png$/.exec(url.pathname);
      const input = /^\/media\/inputs\/([^/]+)\/([^/]+)\.(png|pdf)$/.exec(url.pathname);
      if (example) {
        const group = simulation.site.group(decodeURIComponent(example[1]));
        const n = Number(example[2]);
        if (group && n < group.exampleCount) found = { body: renderExamplePhoto(group.name, group.display_name, n), type: 'image/png' };
      } else if (input) {
        const record = simulation.store.get(input[1]);
        const item = record?.inputs.find((i) => i.id === input[2]);
        if (item) {
          const uploaded = item.origin === 'uploaded' ? simulation.uploads.get(item.id) : undefined;
          if (uploaded) found = { body: uploaded.bytes, type: uploaded.mediaType };
          else if (item.type === 'pdf') found = { body: renderPdf(`${item.task_group_name} ${item.id}`), type: 'application/pdf' };
          else {
            const title = simulation.site.group(item.task_group_name)?.display_name ?? item.task_group_name;
            found = { body: renderInputPhoto(item.id, title, item.boxes), type: 'image/png' };
          }
        }
      }
      if (!found) return { status: 404, headers: { 'Content-Type': 'text/plain' }, raw: Buffer.from('NoSuchKey') };
      mediaCache.set(url.pathname, found);
      if (mediaCache.size > MEDIA_CACHE_SIZE) mediaCache.delete(mediaCache.keys().next().value as string);
    }
    return { status: 200, headers: { 'Content-Type': found.type, 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' }, raw: found.body };
  }

  /** URL inputs: the simulator's own photos directly, other loopback servers over HTTP, nothing else. */
  const loadUrl: UrlLoader = async (url, limit) => {
    if (url.origin === new URL(baseUrl).origin && url.pathname.startsWith('/media/')) {
      const response = media('GET', url);
      return response.status === 200 ? (response.raw ?? null) : null;
    }
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null;
    try {
      const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) });
      if (!response.ok || !response.body) return null;
      const reader = response.body.getReader();
      const chunks: Buffer[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        chunks.push(Buffer.from(value));
        if (size > limit) {
          await reader.cancel();
          break;
        }
      }
      return Buffer.concat(chunks);
    } catch {
      return null;
    }
  };

  async function api(req: IncomingMessage, url: URL, rawBody: Buffer): Promise<SimResponse> {
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/media/')) return media(method, url);
    const matched = matchRoute(url.pathname, routes);
    if (!matched) {
      if (!url.pathname.endsWith('/') && matchRoute(`${url.pathname}/`, routes)) {
        // Django's APPEND_SLASH answers every method this way (a redirected POST loses its body).
        return { status: 301, headers: { Location: `${url.pathname}/${url.search}`, 'Content-Type': 'text/html; charset=utf-8' } };
      }
      throw ApiError.notFound();
    }
    const authError = authenticate(req.headers.authorization, keySet);
    if (authError) throw authError;
    const { route, params } = matched;
    const allowed = [...Object.keys(route.methods), ...(route.methods.GET ? ['HEAD'] : []), 'OPTIONS'];
    const allow = allowed.join(', ');
    if (method === 'OPTIONS') {
      return json(200, { name: 'Field Services API', description: '', renders: ['application/json'], parses: ['application/json'] }, { Allow: allow });
    }
    const handler = route.methods[method] ?? (method === 'HEAD' ? route.methods.GET : undefined);
    if (!handler) throw ApiError.detail(405, `Method "${method}" not allowed.`, { Allow: allow });
    let body: unknown = undefined;
    if (BODY_METHODS.has(method)) {
      if (rawBody.length === 0) body = {};
      else {
        const contentType = req.headers['content-type'] ?? '';
        const mime = contentType.split(';')[0].trim().toLowerCase();
        if (mime !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mime)) {
          throw ApiError.detail(415, `Unsupported media type "${contentType}" in request.`);
        }
        try {
          body = JSON.parse(rawBody.toString('utf8'));
        } catch (error) {
          throw ApiError.detail(400, `JSON parse error - ${(error as Error).message}`);
        }
      }
    }
    const forwardedProto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
    const hostHeader = req.headers.host;
    const host = hostHeader && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(hostHeader) ? hostHeader : new URL(baseUrl).host;
    const ctx: ApiContext = {
      sim: simulation,
      signer,
      callbacks,
      callbackDelayMs: options.callbackDelayMs ?? 50,
      analyzeDelayMs: options.analyzeDelayMs ?? 0,
      loadUrl,
      url,
      origin: `${forwardedProto}://${host}`,
      params,
      body,
      language: negotiateLanguage(req.headers['accept-language']),
      profile,
      namePattern: options.namePattern ?? false,
    };
    const response = await handler(ctx);
    return { ...response, headers: { Vary: 'Accept, Accept-Language', Allow: allow, ...(response.headers ?? {}) } };
  }

  async function produce(req: IncomingMessage, url: URL, body: Buffer): Promise<SimResponse> {
    try {
      return await api(req, url, body);
    } catch (error) {
      if (error instanceof ApiError) return json(error.status, error.body, error.headers);
      console.error('[simulator] internal error', error);
      return json(500, { detail: 'A server error occurred.' });
    }
  }

  function send(res: ServerResponse, encoded: Encoded, head: boolean): void {
    res.writeHead(encoded.status, encoded.headers);
    res.end(head ? undefined : encoded.payload);
  }

  function destroy(req: IncomingMessage): void {
    const socket = req.socket as Socket & { resetAndDestroy?: () => void };
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
  }

  function drip(res: ServerResponse, encoded: Encoded, bytesPerSecond: number): void {
    res.writeHead(encoded.status, encoded.headers);
    const perTick = Math.max(1, Math.round(bytesPerSecond / 5));
    let offset = 0;
    const timer = setInterval(() => {
      if (res.destroyed || offset >= encoded.payload.length) {
        clearInterval(timer);
        timers.delete(timer);
        if (!res.destroyed) res.end();
        return;
      }
      res.write(encoded.payload.subarray(offset, offset + perTick));
      offset += perTick;
    }, 200);
    timers.add(timer);
  }

  async function huge(res: ServerResponse, bytes: number): Promise<void> {
    const prefix = '{"padding":"';
    const suffix = '"}';
    const fill = Math.max(0, bytes - prefix.length - suffix.length);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(prefix.length + fill + suffix.length) });
    res.write(prefix);
    const block = Buffer.alloc(64 * 1024, 'x');
    let left = fill;
    while (left > 0 && !res.destroyed) {
      const chunk = left >= block.length ? block : block.subarray(0, left);
      left -= chunk.length;
      if (!res.write(chunk)) await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
    if (!res.destroyed) res.end(suffix);
  }

  async function withFault(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, fault: Fault, head: boolean): Promise<number | null> {
    if (fault.delayMs) await sleep(fault.delayMs);
    const replaces = fault.status !== undefined || fault.retryAfter !== undefined || fault.hugeBytes !== undefined || (fault.malformed !== undefined && fault.malformed !== 'truncated');
    const runsHandler = fault.applyThenFail === true || (!fault.reset && !fault.hang && !replaces);
    let response = runsHandler ? await produce(req, url, body) : null;
    if (fault.reset) {
      destroy(req);
      return null;
    }
    if (fault.hang) return null; // never answered; closed by the client or at shutdown
    if (fault.hugeBytes !== undefined) {
      await huge(res, fault.hugeBytes);
      return 200;
    }
    const failStatus = fault.status ?? (fault.retryAfter !== undefined ? 429 : fault.applyThenFail && !fault.malformed && !fault.dripBytesPerSec ? 500 : undefined);
    if (failStatus !== undefined) {
      const detail = failStatus === 429 ? 'Request was throttled.' : failStatus >= 500 ? 'A server error occurred.' : 'Simulated fault.';
      const headers: Record<string, string> = {};
      let raw: Buffer | undefined;
      let jsonBody: unknown = { detail };
      if (typeof fault.body === 'string') {
        raw = Buffer.from(fault.body);
        headers['Content-Type'] = 'text/plain';
      } else if (fault.body !== undefined) jsonBody = fault.body;
      response = { status: failStatus, headers, body: raw ? undefined : jsonBody, raw };
    }
    if (fault.malformed === 'html') response = { status: response?.status ?? 200, headers: { 'Content-Type': 'text/html' }, raw: Buffer.from('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>') };
    else if (fault.malformed === 'wrong-shape') response = { status: response?.status ?? 200, body: { unexpected: true, results: 'not-a-list', id: 42 } };
    else if (fault.malformed === 'invalid-json') response = { status: response?.status ?? 200, headers: { 'Content-Type': 'application/json' }, raw: Buffer.from('{"id": "6c1f0a52", "name": ') };
    const encoded = encode(response ?? json(200, {}));
    if (fault.retryAfter !== undefined) encoded.headers['Retry-After'] = fault.retryAfter;
    Object.assign(encoded.headers, fault.headers ?? {});
    if (fault.malformed === 'truncated') {
      res.writeHead(encoded.status, encoded.headers);
      res.write(encoded.payload.subarray(0, Math.max(1, Math.floor(encoded.payload.length / 2))));
      setImmediate(() => destroy(req));
      return encoded.status;
    }
    if (fault.dripBytesPerSec) {
      drip(res, encoded, fault.dripBytesPerSec);
      return encoded.status;
    }
    send(res, encoded, head);
    return encoded.status;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://simulator.invalid');
    } catch {
      send(res, encode(json(400, { detail: 'Bad request.' })), false);
      return;
    }
    const head = method === 'HEAD';
    const logLine = (status: number | null) => {
      if (log) console.log(`${new Date().toISOString()} ${method} ${url.pathname}${url.search} ${status ?? '---'} ${(performance.now() - started).toFixed(1)}ms`);
    };
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader('Connection', 'close');
        send(res, encode(json(413, { detail: 'Request body is too large.' })), head);
        logLine(413);
        return;
      }
      return; // client went away
    }

    if (url.pathname === '/__sim' || url.pathname.startsWith('/__sim/')) {
      let parsed: unknown;
      if (body.length > 0) {
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          send(res, encode(json(400, { detail: 'JSON parse error.' })), head);
          logLine(400);
          return;
        }
      }
      let response: SimResponse;
      try {
        response = handleAdmin(admin, method, url, req.headers.authorization, parsed);
      } catch (error) {
        response = error instanceof ApiError ? json(error.status, error.body, error.headers) : json(500, { detail: String(error) });
      }
      send(res, encode(response), head);
      logLine(response.status);
      return;
    }

    const entry = ledger.record(method, url, { ...req.headers }, body);
    const fault = faults.take(method, url.pathname);
    let status: number | null;
    if (fault) {
      entry.faultId = fault.id;
      status = await withFault(req, res, url, body, fault, head);
    } else {
      const encoded = encode(await produce(req, url, body));
      send(res, encoded, head);
      status = encoded.status;
    }
    entry.status = status;
    entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
    logLine(status);
  }

  // Longer than usual client idle timeouts, so pooled connections are not cut under a client.
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(req, res).catch((error) => {
      console.error('[simulator] request failed', error);
      if (!res.headersSent) send(res, encode(json(500, { detail: 'A server error occurred.' })), false);
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${hostPart}:${address.port}`;

  let closing: Promise<void> | null = null;
  return {
    profile: profile.name,
    url: baseUrl,
    apiUrl: `${baseUrl}/v0.2/`,
    adminUrl: `${baseUrl}/__sim`,
    adminToken,
    apiKeys,
    simulation,
    close() {
      closing ??= new Promise<void>((resolve) => {
        callbacks.close();
        for (const timer of timers) clearInterval(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
