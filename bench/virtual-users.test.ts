import { createServer, type Server } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCEPT_ENCODING, exponentialPause, MAX_STEPS_PER_ACTION, runUsers, type Action, type Step } from './virtual-users';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/**
 * A server that logs `user path` and answers with the path; `/drop` breaks the connection, `/slow`
 * never answers, `/gzip/…`, `/deflate/…` and `/br/…` answer it so encoded when it was offered.
 */
async function start(log: string[]): Promise<string> {
  const encoders: Record<string, (body: string) => Buffer> = {
    gzip: (body) => gzipSync(body),
    deflate: (body) => deflateSync(body),
    br: (body) => brotliCompressSync(body),
  };
  server = createServer((req, res) => {
    log.push(`${req.headers['x-user']} ${req.url}`);
    if (req.url === '/drop') return req.socket.destroy();
    if (req.url === '/slow') return;
    const encoding = req.url!.split('/')[1];
    const offered = String(req.headers['accept-encoding'] ?? '').split(/,\s*/);
    if (encoders[encoding] && offered.includes(encoding)) {
      log.push(`encoded ${encoding}`);
      res.setHeader('Content-Encoding', encoding);
      return res.end(encoders[encoding](req.url!));
    }
    res.end(req.url);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  server.keepAliveTimeout = 100;
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('exponentialPause', () => {
  it('is the inverse of the exponential distribution, and nothing when there is no pause', () => {
    expect(exponentialPause(5000, () => 0)).toBe(0);
    expect(exponentialPause(5000, () => 1 - Math.exp(-1))).toBeCloseTo(5000, 6);
    expect(exponentialPause(0, () => 0.5)).toBe(0);
    // The mean of many draws is the mean asked for (a fixed sequence, so no flakiness).
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const draws = Array.from({ length: 20000 }, () => exponentialPause(1000, random));
    expect(draws.reduce((sum, draw) => sum + draw, 0) / draws.length).toBeGreaterThan(950);
    expect(draws.reduce((sum, draw) => sum + draw, 0) / draws.length).toBeLessThan(1050);
  });
});

describe('runUsers', () => {
  it("walks each user through the journey in order, an action's steps back to back, the context shared along one journey", async () => {
    const log: string[] = [];
    const url = await start(log);
    const statuses: number[] = [];
    const journey = (user: number): Action[] => [
      [
        {
          setupRequest: (req, context) => {
            context.picked = `w${user}`;
            return { ...req, path: '/search', headers: { 'x-user': String(user) } };
          },
        },
        {
          setupRequest: (req, context) => ({ ...req, path: `/open/${context.picked as string}`, headers: { 'x-user': String(user) } }),
          onResponse: (status, body, context) => {
            context.opened = body;
          },
        },
      ],
      [{ setupRequest: (req, context) => ({ ...req, path: `/correct${context.opened as string}`, headers: { 'x-user': String(user) } }) }],
    ];
    const { requests } = await runUsers({
      url,
      users: 3,
      journey,
      thinkSeconds: 0.01,
      durationSeconds: 0.3,
      timeoutSeconds: 5,
      onAnswer: (status) => statuses.push(status),
    });
    expect(requests).toBe(log.length);
    expect(statuses).toHaveLength(requests);
    expect(statuses.every((status) => status === 200)).toBe(true);
    for (const user of [0, 1, 2]) {
      const paths = log.filter((line) => line.startsWith(`${user} `)).map((line) => line.slice(2));
      expect(paths.length).toBeGreaterThanOrEqual(3);
      const cycle = ['/search', `/open/w${user}`, `/correct/open/w${user}`];
      // Every journey is walked whole and in order (an action begun before the end is finished).
      paths.forEach((p, index) => expect(p).toBe(cycle[index % 3]));
      expect(paths.length % 3 === 0 || paths.length % 3 === 2).toBe(true);
    }
  });

  it('sends the requests an answer adds right after it, skips a step whose setup answers null, and bounds an action', async () => {
    const log: string[] = [];
    const url = await start(log);
    const again: Step = { path: '/again', headers: { 'x-user': '0' }, onResponse: () => [again] };
    const journey = (): Action[] => [
      [
        {
          path: '/page',
          headers: { 'x-user': '0' },
          onResponse: (_status, body) => [1, 2].map((n) => ({ path: `/photo/${n}${body}`, headers: { 'x-user': '0' } })),
        },
        { setupRequest: () => null },
        { path: '/after', headers: { 'x-user': '0' } },
      ],
      // An answer that always adds itself again stops at the bound, and the journey goes on.
      [again],
    ];
    await runUsers({ url, users: 1, journey, thinkSeconds: 0, durationSeconds: 1, timeoutSeconds: 5, onAnswer: () => undefined });
    expect(log.slice(0, 4)).toEqual(['0 /page', '0 /photo/1/page', '0 /photo/2/page', '0 /after']);
    expect(log.slice(4, 4 + MAX_STEPS_PER_ACTION)).toEqual(Array.from({ length: MAX_STEPS_PER_ACTION }, () => '0 /again'));
    expect(log[4 + MAX_STEPS_PER_ACTION]).toBe('0 /page');
  });

  it('asks for compressed answers as a browser does, and reads each encoding the server may answer', async () => {
    const log: string[] = [];
    const url = await start(log);
    const seen: string[] = [];
    const journey = (): Action[] => [
      ['/gzip/a', '/deflate/b', '/br/c', '/plain/d'].map((path) => ({
        path,
        headers: { 'x-user': '0' },
        onResponse: (_status: number, body: string) => void seen.push(body),
      })),
    ];
    await runUsers({ url, users: 1, journey, thinkSeconds: 0, durationSeconds: 0.05, timeoutSeconds: 5, onAnswer: () => undefined });
    expect(ACCEPT_ENCODING.split(', ')).toEqual(['gzip', 'deflate', 'br']);
    // The server compressed the three (it would not have unless asked), and each was read back.
    expect(log.slice(0, 7)).toEqual(['0 /gzip/a', 'encoded gzip', '0 /deflate/b', 'encoded deflate', '0 /br/c', 'encoded br', '0 /plain/d']);
    expect(seen.slice(0, 4)).toEqual(['/gzip/a', '/deflate/b', '/br/c', '/plain/d']);
  });

  it('answers status 0 for a broken connection and for no answer within the timeout, and goes on', async () => {
    const log: string[] = [];
    const url = await start(log);
    const seen: { status: number; body: string }[] = [];
    const journey = (): Action[] => [
      [
        { path: '/drop', headers: { 'x-user': '0' }, onResponse: (status, body) => void seen.push({ status, body }) },
        { path: '/slow', headers: { 'x-user': '0' }, onResponse: (status, body) => void seen.push({ status, body }) },
        { path: '/fine', headers: { 'x-user': '0' }, onResponse: (status, body) => void seen.push({ status, body }) },
      ],
    ];
    await runUsers({ url, users: 1, journey, thinkSeconds: 0, durationSeconds: 0.05, timeoutSeconds: 0.2, onAnswer: () => undefined });
    expect(seen.slice(0, 3)).toEqual([
      { status: 0, body: '' },
      { status: 0, body: '' },
      { status: 200, body: '/fine' },
    ]);
  });
});
