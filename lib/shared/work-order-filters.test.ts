import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_QUERY, MAX_QUERY_LENGTH, parseWorkOrderQuery, toQueryString, type WorkOrderQuery } from './work-order-filters';

function parse(query: string): WorkOrderQuery {
  const result = parseWorkOrderQuery(query);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.fields)}`);
  return result.query;
}

function errors(query: string): Record<string, string> {
  const result = parseWorkOrderQuery(query);
  if (result.ok) throw new Error('expected an error');
  return result.fields;
}

describe('parseWorkOrderQuery', () => {
  it('gives the default view (to review, oldest first) for an empty query', () => {
    expect(parse('')).toEqual(DEFAULT_QUERY);
    expect(DEFAULT_QUERY.review).toBe('to_review');
    expect(DEFAULT_QUERY.sort).toEqual({ field: 'createDate', direction: 'asc' });
  });

  it('reads every filter', () => {
    const query = parse(
      '?q=pylon&meta=city%3DLyon&meta=floor%3D&tag=urgent&tag=night&type=fiber&engineer=Tech%40Example.com&group=g1' +
        '&progressMin=10&progressMax=90&createdFrom=2026-01-01&createdTo=2026-01-31&updatedFrom=2026-02-01&updatedTo=2026-02-02' +
        '&reviewedFrom=2026-03-01&reviewedTo=2026-03-02&review=all&corrected=yes&conformity=no&sort=-progressScore&page=3&pageSize=100&cols=name,id',
    );
    expect(query).toMatchObject({
      q: 'pylon',
      metadata: [
        { key: 'city', value: 'Lyon' },
        { key: 'floor', value: null },
      ],
      tags: ['urgent', 'night'],
      types: ['fiber'],
      engineers: ['tech@example.com'],
      groups: ['g1'],
      progressMin: 10,
      progressMax: 90,
      createdFrom: '2026-01-01',
      createdTo: '2026-01-31',
      review: 'all',
      corrected: true,
      conformity: false,
      sort: { field: 'progressScore', direction: 'desc' },
      page: 3,
      pageSize: 100,
      columns: ['name', 'id'],
    });
  });

  it('keeps a metadata value containing "="', () => {
    expect(parse('meta=formula%3Da%3Db').metadata).toEqual([{ key: 'formula', value: 'a=b' }]);
  });

  it('round-trips through the URL form', () => {
    const url = 'q=a+b&meta=k%3Dv&tag=t&review=reviewed&corrected=no&sort=-name&page=2&pageSize=25&cols=name%2CprogressScore';
    expect(toQueryString(parse(url))).toBe(url);
    expect(toQueryString(DEFAULT_QUERY)).toBe('');
  });

  it('still opens links and saved views written with the old snake_case sort keys and columns', () => {
    const old = parse('sort=-update_date&cols=name,progress_score,field_engineer_email,progressScore');
    expect(old.sort).toEqual({ field: 'updateDate', direction: 'desc' });
    expect(old.columns).toEqual(['name', 'progressScore', 'fieldEngineerEmail']);
    expect(toQueryString(old)).toBe('sort=-updateDate&cols=name%2CprogressScore%2CfieldEngineerEmail');
    expect(errors('sort=update_Date')).toEqual({ sort: 'invalid_option' });
    expect(errors('sort=__proto__')).toEqual({ sort: 'invalid_option' });
  });

  it('refuses unknown keys with a field message', () => {
    expect(errors('foo=1&q=x')).toEqual({ foo: 'unknown_field' });
    expect(errors('<script>=1')).toEqual({ _script_: 'unknown_field' });
  });

  it('refuses malformed and out-of-range values', () => {
    expect(errors('progressMin=101')).toEqual({ progressMin: 'too_big' });
    expect(errors('progressMin=-1')).toEqual({ progressMin: 'not_integer' });
    expect(errors('progressMin=1e3')).toEqual({ progressMin: 'not_integer' });
    expect(errors('progressMin=60&progressMax=40')).toEqual({ progressMin: 'too_big' });
    expect(errors('page=0')).toEqual({ page: 'too_big' });
    expect(errors('page=99999999999999999999')).toEqual({ page: 'not_integer' });
    expect(errors('pageSize=1000000')).toEqual({ pageSize: 'invalid_option' });
    expect(errors('pageSize=7')).toEqual({ pageSize: 'invalid_option' });
    expect(errors('createdFrom=2026-02-30')).toEqual({ createdFrom: 'invalid_date' });
    expect(errors('createdFrom=yesterday')).toEqual({ createdFrom: 'invalid_date' });
    // Year 0 is a JavaScript date but not a PostgreSQL one.
    expect(errors('createdFrom=0000-01-01')).toEqual({ createdFrom: 'invalid_date' });
    expect(errors('updatedTo=0000-12-31')).toEqual({ updatedTo: 'invalid_date' });
    expect(parseWorkOrderQuery('createdFrom=0001-01-01&createdTo=9999-12-31').ok).toBe(true);
    expect(errors('createdFrom=2026-02-02&createdTo=2026-02-01')).toEqual({ createdFrom: 'too_big' });
    expect(errors('review=maybe')).toEqual({ review: 'invalid_option' });
    expect(errors('corrected=true')).toEqual({ corrected: 'invalid_option' });
    expect(errors('sort=password')).toEqual({ sort: 'invalid_option' });
    expect(errors('sort=name;drop table users')).toEqual({ sort: 'invalid_option' });
    expect(errors('cols=name,secret')).toEqual({ cols: 'invalid_option' });
    expect(errors('q=a&q=b')).toEqual({ q: 'duplicate' });
    expect(errors('meta=%3Dvalue')).toEqual({ meta: 'required' });
  });

  it('refuses huge values and huge queries', () => {
    expect(errors(`q=${'x'.repeat(201)}`)).toEqual({ q: 'too_long' });
    expect(errors(Array.from({ length: 51 }, (_, i) => `tag=t${i}`).join('&'))).toEqual({ tag: 'too_big' });
    expect(errors(`q=${'x'.repeat(MAX_QUERY_LENGTH)}`)).toEqual({ query: 'too_long' });
  });

  it('refuses control characters', () => {
    expect(errors('q=a%00b')).toEqual({ q: 'invalid' });
    expect(errors('meta=k%3Dv%0A')).toEqual({ meta: 'invalid' });
  });

  it('passes SQL-looking text through as plain text (the SQL builder parameterises it)', () => {
    expect(parse("q=' or 1=1 --").q).toBe("' or 1=1 --");
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (raw) => {
        const result = parseWorkOrderQuery(raw);
        if (result.ok) expect(parseWorkOrderQuery(toQueryString(result.query))).toEqual(result);
      }),
    );
  });
});

describe('task and assignment filters', () => {
  it('reads a task, its group and its state, and "no field engineer"', () => {
    expect(parse('taskGroup=Front%20view&task=cable&taskState=not_validated&assigned=no')).toMatchObject({
      taskGroup: 'Front view',
      task: 'cable',
      taskState: 'not_validated',
      assigned: false,
    });
    expect(parse('taskState=corrected')).toMatchObject({ taskGroup: null, task: null, taskState: 'corrected' });
    expect(parse('assigned=yes&engineer=a@x.test')).toMatchObject({ assigned: true, engineers: ['a@x.test'] });
    expect(parse('')).toMatchObject({ assigned: null, taskGroup: null, task: null, taskState: null });
  });

  it('round-trips through the URL form, in a stable key order', () => {
    const url = 'corrected=yes&assigned=no&taskGroup=front&task=label+%C3%A9tiquette&taskState=not_analyzed';
    expect(toQueryString(parse(url))).toBe(url);
    expect(toQueryString(parse('taskState=corrected&task=seal&taskGroup=back'))).toBe('taskGroup=back&task=seal&taskState=corrected');
  });

  it('refuses hostile or malformed values', () => {
    expect(errors('taskState=validated')).toEqual({ taskState: 'invalid_option' });
    expect(errors('taskState=NOT_VALIDATED')).toEqual({ taskState: 'invalid_option' });
    expect(errors('taskState=')).toEqual({ taskState: 'invalid_option' });
    expect(errors('assigned=maybe')).toEqual({ assigned: 'invalid_option' });
    expect(errors('assigned=none')).toEqual({ assigned: 'invalid_option' });
    expect(errors('task=')).toEqual({ task: 'too_short' });
    expect(errors('taskGroup=%20%20')).toEqual({ taskGroup: 'too_short' });
    expect(errors(`task=${'x'.repeat(201)}`)).toEqual({ task: 'too_long' });
    expect(errors('task=a%00b')).toEqual({ task: 'invalid' });
    expect(errors('taskGroup=a%0Ab')).toEqual({ taskGroup: 'invalid' });
    expect(errors('task=a&task=b')).toEqual({ task: 'duplicate' });
    expect(errors('taskState=corrected&taskState=not_analyzed')).toEqual({ taskState: 'duplicate' });
    // "no field engineer" and "one of these engineers" never match together.
    expect(errors('assigned=no&engineer=a@x.test')).toEqual({ assigned: 'invalid_option' });
  });

  it('passes SQL-looking task names through as plain text', () => {
    expect(parse("task=x'%3B%20drop%20table%20work_order_task_index%3B--").task).toBe("x'; drop table work_order_task_index;--");
  });

  it('never throws and always round-trips what it accepts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.constantFrom('yes', 'no', 'maybe', ''), (group, task, state, assigned) => {
        const params = new URLSearchParams({ taskGroup: group, task, taskState: state, assigned });
        const result = parseWorkOrderQuery(params);
        if (result.ok) expect(parseWorkOrderQuery(toQueryString(result.query))).toEqual(result);
      }),
    );
  });
});

describe('the list URL parser in the browser', () => {
  it('imports no validation library: the list page ships this file to every browser', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('./work-order-filters.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/from 'zod'/);
  });
});
