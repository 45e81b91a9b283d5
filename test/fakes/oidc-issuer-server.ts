// The test OpenID Connect issuer (test/fakes/oidc-issuer.ts) as a process of its own, for the
// Playwright run: `oidc-provider` is ESM-only and Playwright compiles its setup to CommonJS, so
// e2e/global-setup.ts starts this script with tsx (under the guard, like the simulator).
//
// Settings (environment):
//   OIDC_TEST_PORT            port on 127.0.0.1 (default 0: any free port)
//   OIDC_TEST_REDIRECT_URIS   comma-separated redirect URIs of the client (required)
//   OIDC_TEST_CLIENT_ID       client id (default field-review-test)
//   OIDC_TEST_CLIENT_SECRET   client secret (required)
//   OIDC_TEST_ACCOUNTS        JSON array of { sub, email?, emailVerified?, name? }
//
// The issuer logs in without a form: as the person a JSON `login_hint` describes (created on the
// spot), the account a plain `login_hint` names, else the first account. Prints
// `oidc issuer ready <issuer URL>` once listening; discovery is at
// <issuer URL>/.well-known/openid-configuration. Stops on SIGTERM / SIGINT.
import { startTestOidcIssuer, type TestOidcAccount } from './oidc-issuer';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

function accountsFromEnv(): TestOidcAccount[] | undefined {
  const raw = process.env.OIDC_TEST_ACCOUNTS;
  if (!raw) return undefined;
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed) || parsed.some((a) => typeof a !== 'object' || a === null || typeof (a as { sub?: unknown }).sub !== 'string')) {
    throw new Error('OIDC_TEST_ACCOUNTS must be a JSON array of accounts, each with a string "sub"');
  }
  return parsed as TestOidcAccount[];
}

async function main() {
  const issuer = await startTestOidcIssuer({
    port: Number(process.env.OIDC_TEST_PORT || 0),
    redirectUris: required('OIDC_TEST_REDIRECT_URIS')
      .split(',')
      .map((uri) => uri.trim())
      .filter(Boolean),
    clientId: process.env.OIDC_TEST_CLIENT_ID || undefined,
    clientSecret: required('OIDC_TEST_CLIENT_SECRET'),
    accounts: accountsFromEnv(),
  });
  console.log(`oidc issuer ready ${issuer.issuer}`);

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void issuer.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('[test-oidc-issuer] could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
