import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestOidcAccount {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  /** Logging in as this account cancels at the issuer: the client gets `error=access_denied`. */
  cancels?: boolean;
}

export interface TestOidcIssuer {
  /** Issuer URL, e.g. `http://127.0.0.1:41234` — use as `OIDC_ISSUER`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next authorization logs in as (no login form: the issuer decides). */
  loginAs(sub: string): void;
  addAccount(account: TestOidcAccount): void;
  close(): Promise<void>;
}

/**
 * A `login_hint` that describes a whole person as JSON (`{"sub": …, "email": …}`): the issuer
 * creates that account on the spot. Browser tests use it to give every test a person of its own,
 * so tests that sign a person out or disable them can run side by side.
 */
export function personHint(account: TestOidcAccount): string {
  return JSON.stringify(account);
}

function accountFromHint(hint: string): TestOidcAccount | undefined {
  if (!hint.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(hint) as Partial<TestOidcAccount>;
    if (typeof parsed.sub !== 'string' || parsed.sub === '') return undefined;
    return {
      sub: parsed.sub,
      email: typeof parsed.email === 'string' ? parsed.email : undefined,
      emailVerified: typeof parsed.emailVerified === 'boolean' ? parsed.emailVerified : undefined,
      name: typeof parsed.name === 'string' ? parsed.name : undefined,
      cancels: parsed.cancels === true,
    };
  } catch {
    return undefined;
  }
}

/**
 * A real OpenID Connect issuer (oidc-provider) on 127.0.0.1, port 0 by default. It logs in and
 * consents without any form — as the account chosen with `loginAs()`, the one named in
 * `login_hint`, or the person a JSON `login_hint` describes (`personHint`) — so tests (unit,
 * integration and Playwright) can run the full code flow. An account marked `cancels` plays a
 * person who cancels at the issuer (`access_denied`). Registers one confidential client whose
 * redirect URIs are given by the caller.
 */
export async function startTestOidcIssuer(options: {
  redirectUris: string[];
  accounts?: TestOidcAccount[];
  clientId?: string;
  clientSecret?: string;
  port?: number;
}): Promise<TestOidcIssuer> {
  const clientId = options.clientId ?? 'field-review-test';
  const clientSecret = options.clientSecret ?? `secret-${crypto.randomUUID()}`;
  const accounts = new Map<string, TestOidcAccount>();
  for (const account of options.accounts ?? [{ sub: 'oidc-user-1', email: 'sso.user@example.test', name: 'Sso User' }]) {
    accounts.set(account.sub, account);
  }
  let nextLogin = [...accounts.keys()][0];

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    features: { devInteractions: { enabled: false } },
    // Test-only signing of the interaction cookies.
    cookies: { keys: [`cookie-key-${crypto.randomUUID()}`] },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            ...(account.email ? { email: account.email, email_verified: account.emailVerified ?? true } : {}),
            ...(account.name ? { name: account.name } : {}),
          };
        },
      };
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('[test-oidc-issuer]', error));
  const callback = provider.callback();

  server.on('request', async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
        const described = hint ? accountFromHint(hint) : undefined;
        if (described) accounts.set(described.sub, described);
        const accountId = described?.sub ?? (hint && accounts.has(hint) ? hint : nextLogin);
        if (accounts.get(accountId)?.cancels) {
          await provider.interactionFinished(
            req,
            res,
            { error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
            { mergeWithLastSubmission: false },
          );
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
        return;
      }
      const accountId = details.session?.accountId ?? nextLogin;
      const grant = new provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });

  return {
    issuer,
    clientId,
    clientSecret,
    loginAs(sub) {
      if (!accounts.has(sub)) throw new Error(`unknown test account ${sub}`);
      nextLogin = sub;
    },
    addAccount(account) {
      accounts.set(account.sub, account);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
