import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasBody, isJsonContentType, parseJson, readJsonBody } from './body';

const encoder = new TextEncoder();

/** A request whose body arrives in chunks, with no Content-Length (like `Transfer-Encoding: chunked`). */
function chunkedRequest(chunks: Uint8Array[], onPull?: () => void): Request {
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (index < chunks.length) controller.enqueue(chunks[index++]);
      else controller.close();
    },
  });
  return new Request('http://app.test/api/x', {
    method: 'POST',
    body: stream,
    headers: { 'content-type': 'application/json' },
    duplex: 'half',
  } as RequestInit);
}

function jsonRequest(body: string, headers: Record<string, string> = {}): Request {
  return new Request('http://app.test/api/x', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; status: number };
  }
  throw new Error('expected a rejection');
}

describe('readJsonBody', () => {
  it('parses a JSON body', async () => {
    await expect(readJsonBody(jsonRequest('{"corrected_value":true}'))).resolves.toEqual({ corrected_value: true });
  });

  it('refuses a declared Content-Length above the cap without reading', async () => {
    const error = await rejection(readJsonBody(jsonRequest('{"a":1}', { 'content-length': '999999' }), 100));
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
  });

  it('cuts off a chunked body without Content-Length at the cap and stops reading', async () => {
    let pulls = 0;
    const chunk = encoder.encode(`"${'x'.repeat(1000)}",`);
    const chunks = Array.from({ length: 1000 }, () => chunk);
    const request = chunkedRequest([encoder.encode('['), ...chunks], () => pulls++);
    const error = await rejection(readJsonBody(request, 10_000));
    expect(error).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(pulls).toBeLessThan(20);
  });

  it('accepts a chunked body under the cap', async () => {
    const request = chunkedRequest([encoder.encode('{"a":'), encoder.encode('[1,2'), encoder.encode(',3]}')]);
    await expect(readJsonBody(request, 100)).resolves.toEqual({ a: [1, 2, 3] });
  });

  it('accepts a body of exactly the cap', async () => {
    const body = `"${'x'.repeat(98)}"`;
    await expect(readJsonBody(jsonRequest(body), 100)).resolves.toBe('x'.repeat(98));
    const error = await rejection(readJsonBody(jsonRequest(`${body} `), 100));
    expect(error.code).toBe('payload_too_large');
  });

  it.each([
    ['empty body', ''],
    ['whitespace only', '   '],
    ['invalid JSON', '{"a":'],
    ['trailing garbage', '{"a":1} x'],
    ['single quotes', "{'a':1}"],
  ])('answers 400 invalid_body for %s', async (_name, body) => {
    const error = await rejection(readJsonBody(jsonRequest(body)));
    expect(error).toMatchObject({ code: 'invalid_body', status: 400 });
  });

  it('answers 400 invalid_body for invalid UTF-8', async () => {
    const request = chunkedRequest([new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])]);
    expect(await rejection(readJsonBody(request))).toMatchObject({ code: 'invalid_body' });
  });

  it('answers 400 invalid_body for a request without a body', async () => {
    const request = new Request('http://app.test/api/x', { method: 'POST' });
    expect(await rejection(readJsonBody(request))).toMatchObject({ code: 'invalid_body' });
  });
});

describe('parseJson — prototype-pollution keys', () => {
  it.each([
    '{"__proto__":{"isAdmin":true}}',
    '{"a":{"b":[{"__proto__":{"x":1}}]}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '{"metadata":{"constructor":1}}',
  ])('refuses %s', (text) => {
    expect(() => parseJson(text)).toThrow(expect.objectContaining({ code: 'invalid_body' }));
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('keeps ordinary keys, including ones that merely contain the words', () => {
    expect(parseJson('{"proto":1,"constructor_name":"x","__proto":2}')).toEqual({ proto: 1, constructor_name: 'x', __proto: 2 });
  });

  it('round-trips any JSON value without forbidden keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        if (/"(__proto__|constructor)":/.test(text)) return;
        expect(parseJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });
});

describe('isJsonContentType / hasBody', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON; charset=UTF-8', true],
    ['application/json; charset=iso-8859-1', false],
    ['text/plain', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['application/jsonp', false],
    ['text/json', false],
  ])('%s → %s', (type, expected) => {
    expect(isJsonContentType(type)).toBe(expected);
  });

  it('null is not JSON', () => {
    expect(isJsonContentType(null)).toBe(false);
  });

  it('detects a body from its headers', () => {
    expect(hasBody(new Request('http://a.test/', { method: 'POST' }))).toBe(false);
    expect(hasBody(new Request('http://a.test/', { method: 'POST', headers: { 'content-length': '0' } }))).toBe(false);
    expect(hasBody(new Request('http://a.test/', { method: 'POST', body: 'x' }))).toBe(true);
  });
});

describe('text PostgreSQL cannot store', () => {
  it('refuses a lone surrogate or a NUL in any string or key, naming the top-level field', async () => {
    for (const [body, field] of [
      ['{"k":"x\\ud800"}', 'k'],
      ['{"name":"ok","tags":["a","\\udc00"]}', 'tags'],
      ['{"metadata":{"deep":{"k\\u0000":1}}}', 'metadata'],
      ['{"k\\ud800":"v"}', '_'],
      ['"\\u0000"', '_'],
    ] as const) {
      const error = (await rejection(readJsonBody(jsonRequest(body)))) as { code: string; status: number; fields?: Record<string, string> };
      expect(error, body).toMatchObject({ code: 'invalid_body', status: 400, fields: { [field]: 'invalid_characters' } });
    }
  });

  it('accepts well-formed pairs and other escapes', async () => {
    await expect(readJsonBody(jsonRequest('{"k":"\\ud83d\\ude00 \\t \\u00e9"}'))).resolves.toEqual({ k: '😀 \t é' });
  });
});
