/**
 * Signed-in users for the load benchmark: each one a loop of its own, on its own kept-alive
 * connection, walking a journey of actions (a search, opening a work order, a correction) and
 * pausing between actions as a person does. The requests of one action go back to back, as a
 * browser sends them, and ask for compressed answers, as a browser's do.
 *
 * Why not a rate-limited load generator: a fixed request rate per connection sends every
 * connection's request at the same tick of each second, so the whole fleet arrives as one burst
 * a second and every request waits behind that burst. People do not act in step: here each pause
 * is drawn from an exponential distribution (the pauses of many independent people), and each
 * user starts at a random point of its first pause, so the fleet's actions arrive spread out at
 * about `users / thinkSeconds` a second.
 */
import { Agent, request } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * What a browser asks for on every request: compressed answers. The server then spends CPU
 * compressing each answer over its threshold, as it does for real users (Chromium also offers
 * zstd, which the server does not use and Node 20 cannot decode, so it is left out).
 */
export const ACCEPT_ENCODING = 'gzip, deflate, br';
/** How each encoding offered above is read back. */
const decoders: Record<string, () => NodeJS.ReadWriteStream> = { gzip: createGunzip, deflate: createInflate, br: createBrotliDecompress };

/**
 * One HTTP request of an action; `setupRequest` and `onResponse` share the journey's context.
 * `setupRequest` answers null when the browser would not send this request this time (it holds
 * the answer already); `onResponse` may answer the requests the answer makes the browser send
 * next (the photos a page shows), sent right after it, before the action's next step.
 */
export interface Step {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: Step, context: Record<string, unknown>) => Step | null;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => Step[] | void;
}

/** The requests a user's one action sends, in order. */
export type Action = Step[];

export interface UsersOptions {
  /** The app's origin, `http://127.0.0.1:port`. */
  url: string;
  users: number;
  /** The journey every user walks over and over, with a fresh context each time. */
  journey: (user: number) => Action[];
  /** Mean pause between a user's actions; 0 sends the next action as soon as one is answered. */
  thinkSeconds: number;
  /** No request starts after this; the ones in flight are waited for (each within `timeoutSeconds`). */
  durationSeconds: number;
  timeoutSeconds: number;
  /** Every answer, after its step's `onResponse`: status 0 when none came (connection error, timeout). */
  onAnswer: (status: number, ms: number) => void;
  random?: () => number;
}

/** At most this many requests in one action (its steps and the ones their answers add). */
export const MAX_STEPS_PER_ACTION = 100;

/** A pause of an exponential distribution of mean `meanMs` (memoryless: the pauses of many independent people). */
export function exponentialPause(meanMs: number, random: () => number = Math.random): number {
  if (meanMs <= 0) return 0;
  // 1 − random() is in (0, 1]: its logarithm is finite (and never positive).
  return Math.max(0, -Math.log(1 - random()) * meanMs);
}

/** Runs the users for `durationSeconds`: the number of requests answered (status 0 included). */
export async function runUsers(options: UsersOptions): Promise<{ requests: number }> {
  const random = options.random ?? Math.random;
  const meanPauseMs = options.thinkSeconds * 1000;
  const deadline = performance.now() + options.durationSeconds * 1000;
  let requests = 0;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, deadline - performance.now()))));

  const walk = async (user: number) => {
    // One kept-alive connection per user, as each person's browser has its own.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // Start somewhere in the first pause, so the users do not all act at once.
      await sleep(random() * meanPauseMs);
      while (performance.now() < deadline) {
        const context: Record<string, unknown> = {};
        for (const action of options.journey(user)) {
          if (performance.now() >= deadline) return;
          const steps = [...action];
          // Bounded, however many requests the answers add.
          for (let sent = 0; steps.length > 0 && sent < MAX_STEPS_PER_ACTION; sent += 1) {
            const step = steps.shift()!;
            const req = step.setupRequest
              ? step.setupRequest({ method: step.method, path: step.path, headers: step.headers, body: step.body }, context)
              : step;
            if (req === null) continue;
            const started = performance.now();
            const answer = await send(options.url, req, agent, options.timeoutSeconds * 1000);
            requests += 1;
            const followUp = step.onResponse?.(answer.status, answer.body, context);
            options.onAnswer(answer.status, performance.now() - started);
            if (followUp) steps.unshift(...followUp);
          }
          await sleep(exponentialPause(meanPauseMs, random));
        }
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: options.users }, (_, user) => walk(user)));
  return { requests };
}

/** One request; never throws: no answer within `timeoutMs` or a broken connection is status 0. */
function send(base: string, step: Step, agent: Agent, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number, body: string) => {
      if (settled) return;
      settled = true;
      resolve({ status, body });
    };
    const headers = { 'Accept-Encoding': ACCEPT_ENCODING, ...step.headers };
    const req = request(new URL(step.path ?? '/', base), { method: step.method ?? 'GET', headers, agent }, (res) => {
      const decoder = decoders[String(res.headers['content-encoding'] ?? '').trim()];
      const body: Readable = decoder ? (res.pipe(decoder()) as unknown as Readable) : res;
      const chunks: Buffer[] = [];
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      body.on('end', () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
      body.on('error', () => done(0, ''));
      res.on('error', () => done(0, ''));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => done(0, ''));
    req.end(step.body);
  });
}
