import { describe, expect, it } from 'vitest';
import { emptyWorkOrderForm, metadataToRows, rowsToMetadata, toCreateRequest, validateWorkOrderForm } from './work-order-form';

describe('work order form', () => {
  it.each([
    ['', 'nameRequired'],
    // Any value is a valid name upstream: spaces, accents and slashes are kept, never trimmed.
    ['has space', undefined],
    [' Poste Sud / Lyon — é ', undefined],
    ['x'.repeat(513), 'nameTooLong'],
    ['tab\there', 'nameInvalid'],
    ['WO-2026_01', undefined],
  ])('name %j → %s', (name, error) => {
    expect(validateWorkOrderForm({ ...emptyWorkOrderForm(), name }).name).toBe(error);
  });

  it('checks the engineer e-mail only when given', () => {
    expect(validateWorkOrderForm({ ...emptyWorkOrderForm(), name: 'a', fieldEngineerEmail: 'nope' }).fieldEngineerEmail).toBe('email');
    expect(validateWorkOrderForm({ ...emptyWorkOrderForm(), name: 'a', fieldEngineerEmail: '' }).fieldEngineerEmail).toBeUndefined();
  });

  it('checks metadata rows', () => {
    const errors = validateWorkOrderForm({
      ...emptyWorkOrderForm(),
      name: 'a',
      metadata: [
        { key: '', kind: 'text', value: 'x' },
        { key: 'n', kind: 'number', value: 'abc' },
        { key: 'b', kind: 'boolean', value: 'yes' },
        { key: 'n', kind: 'text', value: 'dup' },
        { key: 'ok', kind: 'text', value: '' },
      ],
    });
    expect(errors.metadataRows).toEqual({ 0: 'metadataKeyRequired', 1: 'metadataNumber', 2: 'metadataBoolean', 3: 'metadataKeyDuplicate' });
  });

  it('round-trips typed metadata', () => {
    const metadata = { 'ID PB': 'Paris', floors: 3, checked: true, empty: null };
    expect(rowsToMetadata(metadataToRows(metadata))).toEqual({ 'ID PB': 'Paris', floors: 3, checked: true, empty: '' });
  });

  it('builds the create request', () => {
    expect(
      toCreateRequest({
        name: 'wo',
        tags: ['t'],
        fieldEngineerEmail: ' ',
        userGroupIds: [],
        workOrderTypes: ['maintenance'],
        metadata: [{ key: 'region', kind: 'text', value: 'North' }],
      }),
    ).toEqual({
      name: 'wo',
      metadata: { region: 'North' },
      tags: ['t'],
      fieldEngineerEmail: null,
      userGroupIds: [],
      workOrderTypes: ['maintenance'],
    });
  });
});
