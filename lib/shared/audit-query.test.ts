import { describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE, auditFilters, countAuditFilters, NO_AUDIT_FILTERS, parseAuditQuery, toAuditSearchParams } from './audit-query';

const WO = '3F6C1D2E-8A4B-4C5D-9E7F-0A1B2C3D4E5F';

describe('parseAuditQuery', () => {
  it('reads no filter as the whole log, first page', () => {
    expect(parseAuditQuery('')).toEqual({ ok: true, query: { ...NO_AUDIT_FILTERS, cursor: null, limit: AUDIT_PAGE_SIZE } });
  });

  it('reads every filter, normalising e-mail and id case', () => {
    const result = parseAuditQuery(
      `?actor=%20Viewer@Demo.TEST%20&action=authz_denied&outcome=denied&workOrder=${WO}&from=2026-12-01&to=2026-12-06&cursor=42&limit=10`,
    );
    expect(result).toEqual({
      ok: true,
      query: {
        actor: 'viewer@demo.test',
        action: 'authz_denied',
        outcome: 'denied',
        workOrder: WO.toLowerCase(),
        from: '2026-12-01',
        to: '2026-12-06',
        cursor: 42,
        limit: 10,
      },
    });
  });

  it('takes an empty field of the filter form as no filter', () => {
    expect(parseAuditQuery('actor=&action=&outcome=&workOrder=&from=&to=')).toMatchObject({ ok: true, query: NO_AUDIT_FILTERS });
  });

  it('names every bad key instead of ignoring it', () => {
    expect(
      parseAuditQuery('outcome=maybe&workOrder=wo-1&from=2026-02-30&to=yesterday&cursor=-1&limit=500&action=DROP%20TABLE&page=2&actor=a&actor=b'),
    ).toEqual({
      ok: false,
      fields: {
        outcome: 'invalid_option',
        workOrder: 'invalid_format',
        from: 'invalid_date',
        to: 'invalid_date',
        cursor: 'invalid_format',
        limit: 'too_big',
        action: 'invalid_option',
        page: 'unknown_field',
        actor: 'duplicate',
      },
    });
    expect(parseAuditQuery('from=2026-12-07&to=2026-12-06')).toEqual({ ok: false, fields: { from: 'too_big' } });
    expect(parseAuditQuery('limit=0')).toEqual({ ok: false, fields: { limit: 'too_big' } });
    expect(parseAuditQuery(`actor=${'a'.repeat(5000)}`)).toEqual({ ok: false, fields: { query: 'too_long' } });
  });
});

describe('toAuditSearchParams', () => {
  it('writes set filters only, in a stable order, and round-trips', () => {
    const parsed = parseAuditQuery(`to=2026-12-06&outcome=denied&actor=x@y.test&workOrder=${WO}`);
    if (!parsed.ok) throw new Error('expected a valid query');
    const text = toAuditSearchParams(parsed.query).toString();
    expect(text).toBe(`actor=x%40y.test&outcome=denied&workOrder=${WO.toLowerCase()}&to=2026-12-06`);
    expect(parseAuditQuery(text)).toEqual(parsed);
    expect(toAuditSearchParams(NO_AUDIT_FILTERS).toString()).toBe('');
  });

  it('keeps the cursor and a page size that is not the default, which the filters alone leave out', () => {
    const query = { ...NO_AUDIT_FILTERS, action: 'correction', cursor: 7, limit: 20 };
    expect(toAuditSearchParams(query).toString()).toBe('action=correction&cursor=7&limit=20');
    expect(toAuditSearchParams(auditFilters(query)).toString()).toBe('action=correction');
    expect(countAuditFilters(query)).toBe(1);
  });
});
