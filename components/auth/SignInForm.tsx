'use client';

import VisibilityIcon from '@mui/icons-material/VisibilityOutlined';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOffOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { redirectToSso, signInWithPassword } from '@/lib/client/auth';
import { signInErrorMessage, type SignInErrorMessage } from './sign-in-errors';

type Problem = SignInErrorMessage | { key: 'required' | 'network' };

/**
 * Email + password form (and the SSO button when configured). Posts to next-auth
 * without its redirect so errors stay on this page, then does a full navigation so the
 * server renders the signed-in shell with the new session.
 */
export function SignInForm({
  callbackPath,
  initialError,
  ssoName,
}: {
  callbackPath: string;
  initialError: SignInErrorMessage | null;
  ssoName: string | null;
}) {
  const t = useTranslations('auth');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [busy, setBusy] = useState<'credentials' | 'sso' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(initialError);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) {
      setProblem({ key: 'required' });
      return;
    }
    setBusy('credentials');
    setProblem(null);
    try {
      const { error } = await signInWithPassword(email.trim(), password, callbackPath);
      if (error === null) {
        window.location.assign(callbackPath);
        return;
      }
      setProblem(signInErrorMessage(error) ?? { key: 'generic' });
      setPassword('');
      passwordRef.current?.focus();
    } catch {
      setProblem({ key: 'network' });
    }
    setBusy(null);
  }

  async function signInWithSso() {
    setBusy('sso');
    setProblem(null);
    try {
      await redirectToSso('oidc', callbackPath);
    } catch {
      setProblem({ key: 'network' });
      setBusy(null);
    }
  }

  const problemText = problem
    ? problem.key === 'throttled'
      ? t('errors.throttled', { minutes: problem.minutes ?? 15 })
      : problem.key === 'required'
        ? t('signIn.required')
        : t(`errors.${problem.key}`)
    : null;

  return (
    <Stack spacing={2.5}>
      {problemText ? (
        <Alert severity="error" role="alert" id="sign-in-error">
          {problemText}
        </Alert>
      ) : null}
      <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-describedby={problemText ? 'sign-in-error' : undefined}>
        <TextField
          label={t('signIn.email')}
          type="email"
          name="email"
          autoComplete="username"
          autoFocus
          required
          fullWidth
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          slotProps={{ htmlInput: { maxLength: 254, spellCheck: false, autoCapitalize: 'none' } }}
        />
        <TextField
          label={t('signIn.password')}
          type={showPassword ? 'text' : 'password'}
          name="password"
          autoComplete="current-password"
          required
          fullWidth
          value={password}
          inputRef={passwordRef}
          onChange={(event) => setPassword(event.target.value)}
          slotProps={{
            htmlInput: { maxLength: 256 },
            input: {
              endAdornment: (
                <InputAdornment position="end">
                  <IconButton
                    aria-label={showPassword ? t('signIn.hidePassword') : t('signIn.showPassword')}
                    aria-pressed={showPassword}
                    onClick={() => setShowPassword((shown) => !shown)}
                    edge="end"
                  >
                    {showPassword ? <VisibilityOffIcon /> : <VisibilityIcon />}
                  </IconButton>
                </InputAdornment>
              ),
            },
          }}
        />
        <Button type="submit" variant="contained" size="large" disabled={busy !== null} fullWidth>
          {busy === 'credentials' ? t('signIn.submitting') : t('signIn.submit')}
        </Button>
      </Stack>
      {ssoName ? (
        <>
          <Divider>{t('signIn.or')}</Divider>
          <Button variant="outlined" size="large" fullWidth disabled={busy !== null} onClick={signInWithSso}>
            {busy === 'sso' ? t('signIn.redirecting', { provider: ssoName }) : t('signIn.withProvider', { provider: ssoName })}
          </Button>
        </>
      ) : null}
    </Stack>
  );
}
