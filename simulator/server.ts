/**
 * The Deepomatic Field Services API v0.2 simulator as an HTTP server (plain node:http): its
 * lifecycle. `startSimulator()` builds the simulated site and what serves it, listens, and
 * closes it all; `main.ts` is the CLI. What happens to each request is `routing.ts`: the v0.2
 * API through `api-dispatch.ts` and `api.ts`, the admin API in `admin.ts`, faults in
 * `fault-response.ts`, photos in `media-route.ts`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminContext } from './admin';
import { routesFor } from './api';
import type { ApiEnvironment } from './api-dispatch';
import { CallbackDispatcher, DEFAULT_CALLBACK_OPTIONS, type CallbackOptions } from './callbacks';
import { parseMicros } from './dates';
import { FaultRegistry } from './faults';
import { encode, json, send } from './http-util';
import { Ledger } from './ledger';
import { MediaSigner } from './media';
import { MediaRoute } from './media-route';
import { loadProfile, type ListBehaviour, type ProfileName } from './profile';
import { handleRequest, type RoutingEnvironment } from './routing';
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

function resolveNow(now: SimulatorOptions['now']): number {
  if (now === undefined) return Date.now() * 1000;
  if (typeof now === 'number') return now * 1000;
  if (now instanceof Date) return now.getTime() * 1000;
  const parsed = parseMicros(now);
  if (parsed === null) throw new Error(`Invalid "now": ${now}`);
  return parsed;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const apiKeys = options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : ['demo-key'];
  const adminToken = options.adminToken ?? 'sim-admin';
  const profile = loadProfile(options.profile, options.list);
  let baseUrl = '';
  const simulation = new Simulation({
    seed: String(options.seed ?? 'field-review'),
    workOrders: options.workOrders ?? (options.fixture ? 0 : 2000),
    app: options.app ?? (options.fixture ? 'fiber' : undefined),
    fixture: options.fixture,
    nowUs: resolveNow(options.now),
  });
  const signer = new MediaSigner(() => options.publicUrl?.replace(/\/$/, '') ?? baseUrl);
  const media = new MediaRoute(simulation, signer, () => baseUrl);
  const callbacks = new CallbackDispatcher({ ...DEFAULT_CALLBACK_OPTIONS, ...options.callbackRetry });
  const faults = new FaultRegistry();
  const ledger = new Ledger();
  const timers = new Set<NodeJS.Timeout>();

  const api: ApiEnvironment = {
    simulation,
    profile,
    routes: routesFor(profile),
    apiKeys: new Set(apiKeys),
    signer,
    callbacks,
    media,
    baseUrl: () => baseUrl,
    callbackDelayMs: options.callbackDelayMs ?? 50,
    analyzeDelayMs: options.analyzeDelayMs ?? 0,
    namePattern: options.namePattern ?? false,
  };
  const admin: AdminContext = {
    sim: simulation,
    faults,
    ledger,
    callbacks,
    signer,
    adminToken,
    startedAt: new Date().toISOString(),
    onReset: () => media.clear(),
  };
  const routing: RoutingEnvironment = { api, admin, faults, ledger, timers, log: options.log ?? false };

  // Longer than usual client idle timeouts, so pooled connections are not cut under a client.
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handleRequest(routing, req, res).catch((error) => {
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
