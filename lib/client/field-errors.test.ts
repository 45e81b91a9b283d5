import { describe, expect, it } from 'vitest';
import { fieldErrorTexts } from './field-errors';

describe('fieldErrorTexts', () => {
  const catalogue: Record<string, string> = { emailTaken: 'A user with this email already exists.' };
  const translate = (code: string) => catalogue[code];

  it('turns a code of the form’s catalogue into its text', () => {
    expect(fieldErrorTexts({ email: 'emailTaken' }, translate)).toEqual({ email: 'A user with this email already exists.' });
  });

  it('shows text the server already wrote as it came', () => {
    expect(fieldErrorTexts({ name: 'This value is too long.', email: 'emailTaken' }, translate)).toEqual({
      name: 'This value is too long.',
      email: 'A user with this email already exists.',
    });
    expect(fieldErrorTexts({ name: 'This value is too long.' })).toEqual({ name: 'This value is too long.' });
  });

  it('names no field that has no reason', () => {
    expect(fieldErrorTexts({})).toEqual({});
    expect(fieldErrorTexts({ email: '' }, translate)).toEqual({});
  });
});
