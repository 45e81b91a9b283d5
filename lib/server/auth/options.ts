import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { recordAudit } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db/client';
import { logger } from '@/lib/server/logger';
import { safeCallbackPath } from '@/lib/shared/callback-url';
import { appUrl, isHttps, oidcSettings, sessionCookieName, sessionSettings } from './config';
import { clientAddress } from './client-address';
import { authorizeCredentials } from './credentials';
import { findUserByOidc, OIDC_PROVIDER_ID, oidcProvider, resolveOidcUser, type OidcProfile } from './oidc';
import { authSecret } from './secret';
import { findUserById, revokeSessions, sessionProblem, toSessionUser, type SessionUser } from './users';

/** Our claims in the session token. Deliberately no role: the role is read from the DB. */
interface FieldReviewToken extends JWT {
  uid?: string;
  /** Sign-in time in ms; enforces the absolute lifetime and per-user revocation. */
  authTime?: number;
}

// The user loaded by the `jwt` callback, handed to the `session` callback of the same call
// (next-auth passes the same token object), so one DB read serves both.
const loadedUsers = new WeakMap<object, SessionUser>();
// Tokens whose user could not be read, for the `session` callback of the same call.
const unreadable = new WeakSet<object>();

/** Set on a session whose user the database could not give (a 503, never a sign-out). */
export const SESSION_UNREADABLE = 'databaseUnavailable';

export function isSessionUnreadable(session: unknown): boolean {
  return typeof session === 'object' && session !== null && (session as Record<string, unknown>)[SESSION_UNREADABLE] === true;
}

export class SessionEnded extends Error {
  constructor(readonly reason: string) {
    super(`session ended: ${reason}`);
    this.name = 'SessionEnded';
  }
}

export function buildAuthOptions(): NextAuthOptions {
  // next-auth derives every URL from NEXTAUTH_URL; pinning it stops Host/X-Forwarded-Host
  // from choosing where callbacks go.
  process.env.NEXTAUTH_URL = appUrl();
  const oidc = oidcSettings();
  const { idleSeconds, absoluteSeconds } = sessionSettings();

  const providers: NextAuthOptions['providers'] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const db = await getDb();
        const user = await authorizeCredentials(db, {
          email: credentials?.email,
          password: credentials?.password,
          ip: clientAddress(req?.headers),
        });
        return user ?? null;
      },
    }),
  ];
  if (oidc) providers.push(oidcProvider(oidc));

  return {
    providers,
    get secret() {
      return authSecret();
    },
    session: { strategy: 'jwt', maxAge: idleSeconds, updateAge: 0 },
    useSecureCookies: isHttps(),
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: 'lax', path: '/', secure: isHttps() },
      },
    },
    pages: { signIn: '/sign-in', error: '/sign-in', signOut: '/sign-in' },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID || !oidc) return true;
        const db = await getDb();
        const result = await resolveOidcUser(db, oidc, profile as OidcProfile, null);
        if ('refused' in result) return `/sign-in?error=${result.refused}`;
        return true;
      },

      async jwt({ token, user, account }) {
        if (user && account) {
          // Sign-in: start a fresh token holding only our own claims.
          const db = await getDb();
          const row =
            account.provider === OIDC_PROVIDER_ID && oidc
              ? await findUserByOidc(db, oidc.issuer, account.providerAccountId)
              : await findUserById(db, user.id);
          if (!row || row.disabledAt) throw new SessionEnded('unknown_user');
          const fresh: FieldReviewToken = { sub: row.id, uid: row.id, authTime: Date.now(), email: row.email, name: row.name };
          return fresh;
        }
        // Every later read — including `trigger: 'update'` from the client — ignores anything
        // but our claims, and re-checks the user in the database.
        const claims = token as FieldReviewToken;
        let row;
        try {
          row = claims.uid ? await findUserById(await getDb(), claims.uid) : undefined;
        } catch (error) {
          // The database did not answer (down, or every connection busy under load): the
          // session is neither valid nor over. Thrown, next-auth would take it for a sign-out
          // and clear the cookie; kept aside, it grants nothing and the caller answers 503.
          logger.warn({ event: 'session_user_unreadable', err: error }, 'could not read the signed-in user');
          unreadable.add(token);
          return token;
        }
        const problem = sessionProblem(row, claims.authTime, absoluteSeconds);
        if (problem || !row) throw new SessionEnded(problem ?? 'unknown_user');
        const kept: FieldReviewToken = { sub: row.id, uid: row.id, authTime: claims.authTime, email: row.email, name: row.name };
        loadedUsers.set(kept, toSessionUser(row));
        return kept;
      },

      async session({ session, token }) {
        if (unreadable.has(token)) return { expires: session.expires, [SESSION_UNREADABLE]: true } as typeof session;
        const user = loadedUsers.get(token);
        return { expires: session.expires, user } as typeof session;
      },

      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
    },
    events: {
      async signOut({ token }) {
        const uid = (token as FieldReviewToken | null)?.uid;
        if (!uid) return;
        const db = await getDb();
        // Sign-out must end the session for real: the token itself stays valid until it
        // expires, so move the user's "not valid before" time: a copied cookie is refused too.
        await revokeSessions(db, uid);
        await recordAudit({ action: 'sign_out', actorId: uid, actorEmail: token.email ?? null, outcome: 'succeeded' }, db);
      },
    },
    logger: {
      error(code, metadata) {
        const message = metadata instanceof Error ? metadata.message : undefined;
        if (code === 'JWT_SESSION_ERROR') {
          // An ended session is routine; an unreadable token (tampered, old secret) is worth
          // a warning, never an error page. Token contents are never logged.
          if (metadata instanceof Error && metadata.name === 'SessionEnded') return;
          logger.warn({ event: 'auth', code, message }, 'session token refused');
          return;
        }
        logger.error({ event: 'auth', code, message }, 'next-auth error');
      },
      warn(code) {
        if (code !== 'DEBUG_ENABLED') logger.warn({ event: 'auth', code }, 'next-auth warning');
      },
      debug() {},
    },
  };
}

export const authOptions: NextAuthOptions = buildAuthOptions();
