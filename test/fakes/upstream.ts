import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scriptable fake Deepomatic on loopback for the client's policy tests (retries, deadlines,
 * caps, redirects): each request takes the next scripted handler (the last one repeats) and is
 * recorded in a ledger, so tests assert what reached the upstream, not only what came back.
 */

export interface LedgerEntry {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, entry: LedgerEntry) => void | Promise<void>;

export interface FakeUpstream {
  url: string;
  apiUrl: string;
  ledger: LedgerEntry[];
  /** Requests currently being answered (for concurrency assertions). */
  inFlight: () => number;
  maxInFlight: () => number;
  /** Replaces the script: handlers are used in order, the last one for every later request. */
  script: (...handlers: Handler[]) => void;
  close: () => Promise<void>;
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };

export const empty =
  (status: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end();
  };

/** Never answers (until the client gives up and closes the socket). */
export const hang: Handler = () => new Promise<void>(() => undefined);

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const ledger: LedgerEntry[] = [];
  let handlers: Handler[] = [json(200, {})];
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<import('node:net').Socket>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry: LedgerEntry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const handler = handlers[Math.min(ledger.length, handlers.length - 1)];
      ledger.push(entry);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => {
        inFlight -= 1;
      });
      Promise.resolve(handler(req, res, entry)).catch(() => res.destroy());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}/v0.2/`,
    ledger,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    script: (...next) => {
      handlers = next.length > 0 ? next : [json(200, {})];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
