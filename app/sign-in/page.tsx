import Alert from '@mui/material/Alert';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/SignInForm';
import { ClientMessages } from '@/components/layout/ClientMessages';
import { signInErrorMessage } from '@/components/auth/sign-in-errors';
import { PublicLayout } from '@/components/layout/PublicLayout';
import { getColorMode } from '@/components/layout/read-color-mode';
import { appUrl, isDemoMode, oidcSettings, sessionCookieName } from '@/lib/server/auth/config';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { pageContext } from '@/lib/server/http/request-context';
import { safeCallbackPath } from '@/lib/shared/callback-url';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth');
  return { title: t('signIn.metaTitle') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The sign-in page. `callbackUrl` is reduced to a same-origin path, so a
 * crafted link cannot send the user to another site; `error` comes from
 * next-auth (failed credentials, SSO refusal); `reason=expired` says the session ended.
 */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(first(params.callbackUrl), appUrl());
  const error = signInErrorMessage(first(params.error));
  let reason = first(params.reason);

  // Already signed in (and not sent back here by an error): go where the user was heading.
  if (!error && (await getSignedInUser(await pageContext()).catch(() => null))) redirect(callbackPath.startsWith('/sign-in') ? '/' : callbackPath);
  // A session cookie that no longer opens a session: it expired or was revoked (sign-out
  // clears the cookie, so this is not shown after a normal sign-out).
  if (!reason && (await cookies()).has(sessionCookieName())) reason = 'expired';

  const [t, colorMode] = await Promise.all([getTranslations('auth'), getColorMode()]);
  const sso = oidcSettings();

  return (
    <PublicLayout colorMode={colorMode}>
      <ClientMessages namespaces={['auth']}>
        <Paper variant="outlined" sx={{ p: { xs: 3, sm: 4 } }}>
          <Typography variant="h1" sx={{ fontSize: '1.5rem', fontWeight: 600, mb: 0.5 }}>
            {t('signIn.title')}
          </Typography>
          <Typography color="textSecondary" sx={{ mb: 3 }}>
            {t('signIn.subtitle')}
          </Typography>
          {!error && (reason === 'expired' || reason === 'signedOut') ? (
            <Alert severity="info" sx={{ mb: 2.5 }}>
              {t(`reasons.${reason}`)}
            </Alert>
          ) : null}
          <SignInForm callbackPath={callbackPath} initialError={error} ssoName={sso?.name ?? null} />
          <PageReady />
          {isDemoMode() ? (
            <Typography variant="body2" color="textSecondary" sx={{ mt: 3 }}>
              {t('signIn.demoHint')}
            </Typography>
          ) : null}
        </Paper>
      </ClientMessages>
    </PublicLayout>
  );
}
