/**
 * Maps the `error` next-auth puts in the sign-in URL (or returns from `signIn()`) to a message
 * of the `auth.errors` namespace. Unknown codes get the generic text: the code itself is
 * attacker-controllable (it is in the URL) and is never displayed.
 */
export type SignInErrorMessage = {
  key: 'invalidCredentials' | 'throttled' | 'disabled' | 'notProvisioned' | 'ssoEmail' | 'ssoMismatch' | 'ssoFailed' | 'generic';
  minutes?: number;
};

const SSO_ERRORS = new Set([
  'OAuthSignin',
  'OAuthCallback',
  'OAuthCreateAccount',
  'OAuthAccountNotLinked',
  'Callback',
  'AccessDenied',
  'Configuration',
]);

export function signInErrorMessage(code: string | null | undefined): SignInErrorMessage | null {
  if (!code) return null;
  if (code === 'CredentialsSignin') return { key: 'invalidCredentials' };
  const throttled = /^TooManyAttempts:(\d{1,6})$/.exec(code);
  if (throttled) return { key: 'throttled', minutes: Math.max(1, Math.ceil(Number(throttled[1]) / 60)) };
  if (code === 'AccountDisabled') return { key: 'disabled' };
  if (code === 'NotProvisioned') return { key: 'notProvisioned' };
  if (code === 'OidcEmailMissing') return { key: 'ssoEmail' };
  if (code === 'OidcIdentityMismatch') return { key: 'ssoMismatch' };
  if (SSO_ERRORS.has(code)) return { key: 'ssoFailed' };
  return { key: 'generic' };
}
