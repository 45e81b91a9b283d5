import { describe, expect, it } from 'vitest';
import { withLogContext } from './log-context';
import { createLogger, redactForLog, registerSecret } from './logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ write: (line: string) => void lines.push(line) }, 'debug');
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('logger redaction keeps secrets out of the logs', () => {
  it('redacts credential-named keys at every depth', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        authorization: 'Token top-level-secret',
        req: { headers: { Authorization: 'Token nested-secret', cookie: 'session=abc', 'set-cookie': ['a=b'] } },
        deep: { a: { b: { c: { d: { password: 'hunter2', apiKey: 'k-1', token: 't-1', fine: 'visible' } } } } },
        list: [{ 'x-api-key': 'in-array' }],
      },
      'request',
    );
    const text = lines.join('');
    for (const secret of ['top-level-secret', 'nested-secret', 'session=abc', 'a=b', 'hunter2', 'k-1', 't-1', 'in-array']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('visible');
    expect(text).toContain('[REDACTED]');
  });

  it('scrubs registered secrets from any string, including error messages, stacks and causes', () => {
    const secret = `canary-${'ab12'.repeat(8)}`;
    registerSecret(secret);
    const { logger, lines } = capture();
    const error = new Error(`upstream said: Invalid token ${secret}`, { cause: new Error(`cause ${secret}`) });
    logger.error({ err: error, note: `echo ${secret}`, nested: { value: [`x${secret}y`] } }, 'failure');
    const text = lines.join('');
    expect(text).not.toContain(secret);
    expect(text).toContain('upstream said: Invalid token [REDACTED]');
    expect(text).toContain('cause [REDACTED]');
  });

  it('ignores too-short secrets (would redact ordinary words) and survives cycles', () => {
    registerSecret('abc');
    const cyclic: Record<string, unknown> = { name: 'abc' };
    cyclic.self = cyclic;
    expect(redactForLog(cyclic)).toEqual({ name: 'abc', self: '[Circular]' });
  });

  it('writes one JSON line per event with a UTC timestamp and escapes injected newlines', () => {
    const { logger, lines, parsed } = capture();
    logger.info({ value: 'ok\n{"level":30,"msg":"forged","actor":"admin"}' }, 'correction');
    expect(lines).toHaveLength(1);
    expect(lines[0].trimEnd().split('\n')).toHaveLength(1);
    const [entry] = parsed();
    expect(entry.time).toMatch(/Z$/);
    expect(entry.value).toBe('ok\n{"level":30,"msg":"forged","actor":"admin"}');
  });
});

describe('logger context', () => {
  it('puts the request id or job of the work in progress on every line, even after an await', async () => {
    const { logger, parsed } = capture();
    const requestId = crypto.randomUUID();
    await withLogContext({ requestId }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.child({ component: 'deepomatic' }).info({ event: 'upstream_call' }, 'inside a request');
    });
    await withLogContext({ job: 'index-sync-full' }, async () => logger.warn('inside a job'));
    logger.info('outside');
    const [inRequest, inJob, outside] = parsed();
    expect(inRequest).toMatchObject({ requestId, event: 'upstream_call', component: 'deepomatic' });
    expect(inJob).toMatchObject({ job: 'index-sync-full' });
    expect(inJob.requestId).toBeUndefined();
    expect(outside.requestId).toBeUndefined();
    expect(outside.job).toBeUndefined();
  });

  it('lets the fields a call passes win over the context', () => {
    const { logger, parsed } = capture();
    withLogContext({ job: 'startup' }, () => logger.info({ job: 'full' }, 'explicit'));
    expect(parsed()[0].job).toBe('full');
  });
});
