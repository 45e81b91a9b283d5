import { describe, expect, it } from 'vitest';
import { authError } from './auth';

describe('authError', () => {
  it('reads the error next-auth put in the address it answered', () => {
    expect(authError('http://127.0.0.1:3000/api/auth/error?error=CredentialsSignin&provider=credentials')).toBe('CredentialsSignin');
    expect(authError('/api/auth/error?error=TooManyAttempts%3A540')).toBe('TooManyAttempts:540');
  });

  it('is null for an address without one', () => {
    expect(authError('http://127.0.0.1:3000/work-orders')).toBeNull();
    expect(authError(null)).toBeNull();
  });
});
