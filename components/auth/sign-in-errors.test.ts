import { describe, expect, it } from 'vitest';
import { signInErrorMessage } from './sign-in-errors';

describe('signInErrorMessage', () => {
  it.each([
    ['CredentialsSignin', { key: 'invalidCredentials' }],
    ['TooManyAttempts:300', { key: 'throttled', minutes: 5 }],
    ['TooManyAttempts:61', { key: 'throttled', minutes: 2 }],
    ['TooManyAttempts:1', { key: 'throttled', minutes: 1 }],
    ['AccountDisabled', { key: 'disabled' }],
    ['NotProvisioned', { key: 'notProvisioned' }],
    ['OidcEmailMissing', { key: 'ssoEmail' }],
    ['OidcIdentityMismatch', { key: 'ssoMismatch' }],
    ['OAuthCallback', { key: 'ssoFailed' }],
    ['<script>alert(1)</script>', { key: 'generic' }],
    ['TooManyAttempts:1e9', { key: 'generic' }],
  ])('%s', (code, expected) => {
    expect(signInErrorMessage(code)).toEqual(expected);
  });

  it('has nothing to say without a code', () => {
    expect(signInErrorMessage(null)).toBeNull();
    expect(signInErrorMessage('')).toBeNull();
  });
});
