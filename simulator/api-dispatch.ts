/**
 * From an HTTP request to one of the v0.2 handlers of `api.ts`, the way the real API (Django
 * REST framework) does it: the route (with Django's trailing-slash redirect), the API key, the
 * method (OPTIONS and HEAD included), the JSON body, the client's language. Errors come back
 * DRF-style, never as a thrown exception.
 */
import type { IncomingMessage } from 'node:http';
import { matchRoute, type ApiContext, type Route } from './api';
import type { CallbackDispatcher } from './callbacks';
import { negotiateLanguage } from './conformity';
import { ApiError, json, type SimResponse } from './http-util';
import type { MediaSigner } from './media';
import type { MediaRoute } from './media-route';
import type { Profile } from './profile';
import type { Simulation } from './simulation';

export interface ApiEnvironment {
  simulation: Simulation;
  profile: Profile;
  routes: readonly Route[];
  /** Keys accepted as `Authorization: Token <key>`. */
  apiKeys: ReadonlySet<string>;
  signer: MediaSigner;
  callbacks: CallbackDispatcher;
  media: MediaRoute;
  /** The simulator's own base URL (the host a client names is used when it is a valid one). */
  baseUrl(): string;
  callbackDelayMs: number;
  analyzeDelayMs: number;
  namePattern: boolean;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function authenticate(header: string | undefined, keys: ReadonlySet<string>): ApiError | null {
  const challenge = { 'WWW-Authenticate': 'Token' };
  // DRF ignores other schemes: they count as "no credentials".
  if (!header || !/^token(\s|$)/i.test(header)) return ApiError.detail(401, 'Authentication credentials were not provided.', challenge);
  const parts = header.trim().split(/\s+/);
  if (parts.length === 1) return ApiError.detail(401, 'Invalid token header. No credentials provided.', challenge);
  if (parts.length > 2) return ApiError.detail(401, 'Invalid token header. Token string should not contain spaces.', challenge);
  if (!keys.has(parts[1])) return ApiError.detail(401, 'Invalid token.', challenge);
  return null;
}

function parseBody(req: IncomingMessage, rawBody: Buffer): unknown {
  if (rawBody.length === 0) return {};
  const contentType = req.headers['content-type'] ?? '';
  const mime = contentType.split(';')[0].trim().toLowerCase();
  if (mime !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mime)) {
    throw ApiError.detail(415, `Unsupported media type "${contentType}" in request.`);
  }
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch (error) {
    throw ApiError.detail(400, `JSON parse error - ${(error as Error).message}`);
  }
}

async function dispatch(env: ApiEnvironment, req: IncomingMessage, url: URL, rawBody: Buffer): Promise<SimResponse> {
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith('/media/')) return env.media.serve(method, url);
  const matched = matchRoute(url.pathname, env.routes);
  if (!matched) {
    if (!url.pathname.endsWith('/') && matchRoute(`${url.pathname}/`, env.routes)) {
      // Django's APPEND_SLASH answers every method this way (a redirected POST loses its body).
      return { status: 301, headers: { Location: `${url.pathname}/${url.search}`, 'Content-Type': 'text/html; charset=utf-8' } };
    }
    throw ApiError.notFound();
  }
  const authError = authenticate(req.headers.authorization, env.apiKeys);
  if (authError) throw authError;
  const { route, params } = matched;
  const allowed = [...Object.keys(route.methods), ...(route.methods.GET ? ['HEAD'] : []), 'OPTIONS'];
  const allow = allowed.join(', ');
  if (method === 'OPTIONS') {
    return json(200, { name: 'Field Services API', description: '', renders: ['application/json'], parses: ['application/json'] }, { Allow: allow });
  }
  const handler = route.methods[method] ?? (method === 'HEAD' ? route.methods.GET : undefined);
  if (!handler) throw ApiError.detail(405, `Method "${method}" not allowed.`, { Allow: allow });
  const body = BODY_METHODS.has(method) ? parseBody(req, rawBody) : undefined;
  const forwardedProto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  const hostHeader = req.headers.host;
  const host =
    hostHeader && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(hostHeader) ? hostHeader : new URL(env.baseUrl()).host;
  const ctx: ApiContext = {
    sim: env.simulation,
    signer: env.signer,
    callbacks: env.callbacks,
    callbackDelayMs: env.callbackDelayMs,
    analyzeDelayMs: env.analyzeDelayMs,
    loadUrl: env.media.loadUrl,
    url,
    origin: `${forwardedProto}://${host}`,
    params,
    body,
    language: negotiateLanguage(req.headers['accept-language']),
    profile: env.profile,
    namePattern: env.namePattern,
  };
  const response = await handler(ctx);
  return { ...response, headers: { Vary: 'Accept, Accept-Language', Allow: allow, ...(response.headers ?? {}) } };
}

/** The API's answer to a request under `/v0.2/` or `/media/`. */
export async function answerApi(env: ApiEnvironment, req: IncomingMessage, url: URL, rawBody: Buffer): Promise<SimResponse> {
  try {
    return await dispatch(env, req, url, rawBody);
  } catch (error) {
    if (error instanceof ApiError) return json(error.status, error.body, error.headers);
    console.error('[simulator] internal error', error);
    return json(500, { detail: 'A server error occurred.' });
  }
}
