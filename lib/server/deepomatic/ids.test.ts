import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/server/http/errors';
import { buildUpstreamUrl, isTaskGroupName, isUuid, parseTaskGroupName, parseTaskId, parseWorkOrderId, paths } from './ids';

const BASE = new URL('https://api.ed8cf35c-6325-4d38-86da.customers.deepomatic.com/v0.2/');
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WO = '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';
const TASK = '16a31c29-6689-4e28-bf55-6bb8d13a4cc9';

// Path-traversal and host-switch payloads, both as sent and as Next.js hands them over after
// decoding a segment once.
const HOSTILE = [
  '',
  '..',
  '.',
  '%2e%2e',
  '%252e%252e%252f',
  '..%2f..%2ftask-groups',
  '../../task-groups',
  '%2e%2e%2f%2e%2e%2ftask-groups',
  '..%5c..%5ctask-groups',
  '..\\..\\task-groups',
  '%2f%2fevil.example',
  '//evil.example',
  'a%3Finclude_inputs%3Dtrue',
  'a?include_inputs=true',
  'a%23x',
  'a#x',
  'a%00',
  'a\u0000',
  '%EF%BC%8E%EF%BC%8E',
  '\uff0e\uff0e',
  'x'.repeat(10_000),
  `${WO}/`,
  `${WO}/../task-groups`,
  ` ${WO}`,
  `${WO}\n`,
  `${WO.slice(0, -1)}g`,
  `{${WO}}`,
  WO.replaceAll('-', ''),
];

function expectInvalidId(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_id');
    expect((error as AppError).status).toBe(400);
    return;
  }
  throw new Error('expected AppError(invalid_id)');
}

describe('id validation refuses traversal and host switches', () => {
  it.each(HOSTILE.map((value) => [JSON.stringify(value).slice(0, 60), value]))(
    'refuses %s as a work-order id, a task id and in every template',
    (_label, value) => {
      expectInvalidId(() => parseWorkOrderId(value));
      expectInvalidId(() => parseTaskId(value));
      expectInvalidId(() => paths.workOrder(value));
      expectInvalidId(() => paths.metadata(value));
      expectInvalidId(() => paths.timeline(value));
      expectInvalidId(() => paths.analyze(value));
      expectInvalidId(() => paths.analyzeCallback(value));
      expectInvalidId(() => paths.correction(value, TASK));
      expectInvalidId(() => paths.correction(WO, value));
    },
  );

  it.each(HOSTILE.filter((value) => !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(value) || value.length > 128))('refuses %j as a task-group name', (value) => {
    expectInvalidId(() => parseTaskGroupName(value));
    expectInvalidId(() => paths.taskGroup(value));
  });

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 42, {}, [WO], { toString: () => WO }]) {
      expectInvalidId(() => parseWorkOrderId(value));
      expectInvalidId(() => parseTaskGroupName(value));
    }
  });

  it('canonicalises an uppercase UUID to lowercase', () => {
    expect(parseWorkOrderId(WO.toUpperCase())).toBe(WO);
    expect(parseTaskId(TASK.toUpperCase())).toBe(TASK);
    expect(paths.correction(WO.toUpperCase(), TASK).path).toBe(`work-orders/${WO}/tasks/${TASK}/correction/`);
  });

  it('accepts the real task-group names, case preserved', () => {
    for (const name of ['pm-ouvert-avant', 'PM-ferme-apres', 'Pm-ferme-avant', 'PB-ouvert-avant', 'a', 'x_1']) {
      expect(parseTaskGroupName(name)).toBe(name);
      expect(buildUpstreamUrl(BASE, paths.taskGroup(name).path).pathname).toBe(`/v0.2/task-groups/${name}/`);
    }
    expect(isTaskGroupName('a'.repeat(128))).toBe(true);
    expect(isTaskGroupName('a'.repeat(129))).toBe(false);
    expect(isTaskGroupName('-leading-dash')).toBe(false);
    expect(isTaskGroupName('with space')).toBe(false);
  });

  it('every path template ends with a slash (no Django APPEND_SLASH redirects)', () => {
    const built = [
      paths.workOrders(),
      paths.workOrder(WO),
      paths.metadata(WO),
      paths.timeline(WO),
      paths.analyze(WO),
      paths.analyzeCallback(WO),
      paths.correction(WO, TASK),
      paths.taskGroups(),
      paths.taskGroup('PM-ferme-apres'),
    ];
    for (const { path, template } of built) {
      expect(path.endsWith('/')).toBe(true);
      expect(template.endsWith('/')).toBe(true);
      expect(buildUpstreamUrl(BASE, path).href).toBe(BASE.href + path);
    }
  });
});

describe('buildUpstreamUrl', () => {
  it.each([
    '//evil.example/x/',
    '/v0.2/work-orders/',
    'work-orders/%2e%2e/task-groups/',
    'work-orders/%2E%2E/%2E%2E/admin/',
    'work-orders/\\..\\task-groups/',
    'work-orders/../',
    'https://evil.example/v0.2/',
    'work-orders',
  ])('refuses a path that leaves the base or is not a fixed template: %s', (path) => {
    expectInvalidId(() => buildUpstreamUrl(BASE, path));
  });

  it('keeps the query in the query string', () => {
    const url = buildUpstreamUrl(BASE, 'work-orders/', new URLSearchParams({ name: 'a/../b?c#d', page: '2' }));
    expect(url.pathname).toBe('/v0.2/work-orders/');
    expect(url.searchParams.get('name')).toBe('a/../b?c#d');
    expect(url.hash).toBe('');
  });

  it('works under a deeper base path', () => {
    const base = new URL('http://127.0.0.1:4010/proxy/v0.2/');
    expect(buildUpstreamUrl(base, paths.workOrder(WO).path).href).toBe(`http://127.0.0.1:4010/proxy/v0.2/work-orders/${WO}/`);
  });
});

describe('properties', () => {
  it('every random UUID lands at exactly /v0.2/work-orders/<uuid>/', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.boolean(), (uuid, upper) => {
        const id = upper ? uuid.toUpperCase() : uuid;
        const url = buildUpstreamUrl(BASE, paths.workOrder(id).path);
        expect(url.origin).toBe(BASE.origin);
        expect(url.pathname).toBe(`/v0.2/work-orders/${uuid.toLowerCase()}/`);
        expect(url.search).toBe('');
      }),
    );
  });

  it('every string that is not a UUID is refused', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.webSegment(), fc.constantFrom(...HOSTILE)), (value) => {
        fc.pre(!UUID_PATTERN.test(value.toLowerCase()));
        expect(isUuid(value)).toBe(false);
        expectInvalidId(() => paths.workOrder(value));
        expectInvalidId(() => paths.correction(WO, value));
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('a task-group name either matches the pattern and stays one segment, or is refused', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/), fc.webSegment()), (value) => {
        if (/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(value)) {
          expect(buildUpstreamUrl(BASE, paths.taskGroup(value).path).pathname).toBe(`/v0.2/task-groups/${value}/`);
        } else {
          expectInvalidId(() => paths.taskGroup(value));
        }
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
