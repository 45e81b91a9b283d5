/**
 * Every request to the simulator, in order: read the body (capped), the admin API under
 * `/__sim/`, else record it in the ledger and answer it as the site would — or as a scripted
 * fault says — then log one line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { answerAdmin, isAdminPath, type AdminContext } from './admin';
import { answerApi, type ApiEnvironment } from './api-dispatch';
import { answerWithFault } from './fault-response';
import type { FaultRegistry } from './faults';
import { BodyTooLargeError, encode, json, readBody, send } from './http-util';
import type { Ledger } from './ledger';

/** Largest request body accepted: an 8 MB PDF in base64 plus JSON. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

export interface RoutingEnvironment {
  api: ApiEnvironment;
  admin: AdminContext;
  faults: FaultRegistry;
  ledger: Ledger;
  /** Slow writes in progress (drip faults), stopped when the simulator closes. */
  timers: Set<NodeJS.Timeout>;
  /** One line per request on stdout. */
  log: boolean;
}

export async function handleRequest(env: RoutingEnvironment, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
    if (env.log)
      console.log(
        `${new Date().toISOString()} ${method} ${url.pathname}${url.search} ${status ?? '---'} ${(performance.now() - started).toFixed(1)}ms`,
      );
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

  if (isAdminPath(url.pathname)) {
    const response = answerAdmin(env.admin, method, url, req.headers.authorization, body);
    send(res, encode(response), head);
    logLine(response.status);
    return;
  }

  const entry = env.ledger.record(method, url, { ...req.headers }, body);
  const fault = env.faults.take(method, url.pathname);
  const produce = () => answerApi(env.api, req, url, body);
  let status: number | null;
  if (fault) {
    entry.faultId = fault.id;
    status = await answerWithFault(req, res, fault, head, produce, env.timers);
  } else {
    const encoded = encode(await produce());
    send(res, encoded, head);
    status = encoded.status;
  }
  entry.status = status;
  entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
  logLine(status);
}
