import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/server/http/errors';
import {
  analyzeInputSchema,
  callbackUrlSchema,
  correctedValueSchema,
  createWorkOrderInputSchema,
  listWorkOrdersParamsSchema,
  metadataSchema,
  updateWorkOrderInputSchema,
} from './requests';
import { parseInput } from '@/lib/server/http/field-errors';

function fieldsOf(fn: () => unknown): Record<string, string> | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    return (error as AppError).fields;
  }
  throw new Error('expected validation_failed');
}

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('work-order bodies', () => {
  it('accepts a full create body and keeps the name exactly as given (any value is a valid name upstream)', () => {
    expect(
      parseInput(createWorkOrderInputSchema, {
        name: '  wo-1 ',
        metadata: { 'ID PB': 'Paris', count: 2, ok: true, none: null },
        tags: ['a'],
        field_engineer_email: 'jane@example.com',
        user_group_ids: ['team-1', 7],
        work_order_types: ['maintenance'],
      }),
    ).toMatchObject({ name: '  wo-1 ', user_group_ids: ['team-1', 7] });
    expect(parseInput(createWorkOrderInputSchema, { name: 'Poste Sud / Lyon 3e — é' }).name).toBe('Poste Sud / Lyon 3e — é');
  });

  it.each([
    [{}, { name: 'required' }],
    [{ name: '' }, { name: 'too_short' }],
    [{ name: 'x'.repeat(513) }, { name: 'too_long' }],
    [{ name: 'a\nb' }, { name: 'invalid_format' }],
    [{ name: 'x', field_engineer_email: 'nope' }, { field_engineer_email: 'invalid_email' }],
    [{ name: 'x', tags: 'a' }, { tags: 'invalid_type' }],
    [{ name: 'x', metadata: { nested: { a: 1 } } }, { metadata: 'invalid' }],
    [{ name: 'x', metadata: { n: Number.NaN } }, { metadata: 'invalid' }],
    [{ name: 'x', progress_score: 100 }, { progress_score: 'unknown_field' }],
  ])('create %j → %j', (body, fields) => {
    expect(fieldsOf(() => parseInput(createWorkOrderInputSchema, body))).toEqual(fields);
  });

  it('a PATCH needs at least one field and may unassign the engineer', () => {
    expect(fieldsOf(() => parseInput(updateWorkOrderInputSchema, {}))).toEqual({ _: 'required' });
    expect(parseInput(updateWorkOrderInputSchema, { field_engineer_email: null })).toEqual({ field_engineer_email: null });
  });

  it('metadata refuses prototype keys even when JSON.parse made them own properties', () => {
    for (const raw of ['{"__proto__": {"x": 1}}', '{"constructor": "x"}', '{"prototype": 1}']) {
      expect(fieldsOf(() => parseInput(metadataSchema, JSON.parse(raw)))).toEqual({ _: 'invalid_format' });
    }
    expect(parseInput(metadataSchema, { 'ID PM': 'Roule' })).toEqual({ 'ID PM': 'Roule' });
  });
});

describe('analysis bodies', () => {
  it.each([
    [{ task_group_name: 'PM-ferme-apres', inputs: [{ image: { source: 'https://bucket.example.com/a.jpg' } }] }],
    [{ task_group_name: 'pm-ouvert-avant', inputs: [{ image: { source: PNG } }] }],
    [{ task_group_name: 'g', inputs: [{ image: { source: 'data:image/jpg;base64,/9j/4AAQ' } }] }],
    [{ task_group_name: 'g', inputs: [{ pdf: { source: 'data:application/pdf;base64,JVBERi0x' } }] }],
  ])('accepts %j', (body) => {
    expect(() => parseInput(analyzeInputSchema, body)).not.toThrow();
  });

  it.each([
    [{ task_group_name: '../x', inputs: [{ image: { source: PNG } }] }, 'task_group_name'],
    [{ task_group_name: 'g', inputs: [] }, 'inputs'],
    [{ task_group_name: 'g', inputs: [{ image: { source: PNG } }, { image: { source: PNG } }] }, 'inputs'],
    [{ task_group_name: 'g', inputs: [{ image: { source: 'data:text/html;base64,PGI+' } }] }, 'inputs'],
    [{ task_group_name: 'g', inputs: [{ image: { source: 'file:///etc/passwd' } }] }, 'inputs'],
    [{ task_group_name: 'g', inputs: [{ image: { source: 'https://user:pw@x.example/a.jpg' } }] }, 'inputs'],
    [{ task_group_name: 'g', inputs: [{ pdf: { source: PNG } }] }, 'inputs'],
    [{ task_group_name: 'g', inputs: [{ image: { source: PNG, extra: 1 } }] }, 'inputs'],
    [{ task_group_name: 'g', inputs: [{ image: { source: PNG } }], callback_url: 'http://x' }, 'callback_url'],
  ])('refuses %j (field %s)', (body, field) => {
    expect(Object.keys(fieldsOf(() => parseInput(analyzeInputSchema, body)) ?? {})).toEqual([field]);
  });

  it('callback URLs are http(s) without credentials', () => {
    expect(parseInput(callbackUrlSchema, 'https://review.example.com/api/analysis-callback?s=1')).toBeTruthy();
    for (const url of ['javascript:alert(1)', 'ftp://x/', 'http://u:p@x/', 'not a url', `https://x/${'a'.repeat(3000)}`]) {
      expect(() => parseInput(callbackUrlSchema, url)).toThrow(AppError);
    }
  });
});

describe('corrected values and list parameters', () => {
  it.each([true, false, 0, 12.5, 'OK', ''])('accepts %j', (value) => {
    expect(parseInput(correctedValueSchema, value)).toBe(value);
  });

  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY, 'x'.repeat(257), 'a\u0000b', { value: true }, [true]])('refuses %j', (value) => {
    expect(() => parseInput(correctedValueSchema, value)).toThrow(AppError);
  });

  it('fills defaults and normalises dates to ISO UTC', () => {
    expect(parseInput(listWorkOrdersParamsSchema, {})).toEqual({ page: 1, pageSize: 100 });
    expect(parseInput(listWorkOrdersParamsSchema, { updatedAfter: '2023-02-13T16:20:02+01:00', createdAfter: new Date(0) })).toMatchObject({
      updatedAfter: '2023-02-13T15:20:02.000Z',
      createdAfter: '1970-01-01T00:00:00.000Z',
    });
  });

  it.each([
    [{ page: 0 }, 'page'],
    [{ pageSize: 1001 }, 'pageSize'],
    [{ ordering: 'name' }, 'ordering'],
    [{ updatedAfter: 'yesterday' }, 'updatedAfter'],
    [{ name: 'a\nb' }, 'name'],
    [{ search: 'x' }, 'search'],
  ])('refuses %j', (params, field) => {
    expect(Object.keys(fieldsOf(() => parseInput(listWorkOrdersParamsSchema, params)) ?? {})).toEqual([field]);
  });
});
