'use client';

import PersonAddIcon from '@mui/icons-material/PersonAddAlt1Outlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import useSWR from 'swr';
import { ROLES, type Role } from '@/lib/shared/roles';
import type { AdminUser } from '@/lib/shared/admin-users';
import { ApiError, listUsers, updateUser, USERS_URL } from '@/lib/client/api';
import { DataTable } from '@/components/layout/DataTable';
import { useFieldErrorTexts } from '@/lib/client/field-errors';
import type { SignInThrottleOverview } from '@/lib/shared/sign-in-throttle';
import { ClearThrottleDialog } from './ClearThrottleDialog';
import { CreateUserDialog } from './CreateUserDialog';
import { PasswordDialog } from './PasswordDialog';
import { ThrottledAddresses } from './ThrottledAddresses';
import { UserTeamsCell } from './UserTeamsCell';
import { useSignInThrottle } from './use-sign-in-throttle';

type Feedback = { severity: 'success' | 'error'; text: string };

/**
 * The users table: role, enabled state, password and sign-in throttle per user, and "Add user". Every change
 * goes through `/api/admin/users` (the server checks the admin role and the last-admin rule)
 * and is shown only once the server confirmed it.
 */
export function UsersAdmin({
  initialUsers,
  initialThrottle,
  currentUserId,
  ssoConfigured,
}: {
  initialUsers: AdminUser[];
  initialThrottle: SignInThrottleOverview;
  currentUserId: string;
  ssoConfigured: boolean;
}) {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const teams = useTranslations('teams');
  const format = useFormatter();
  const fieldErrors = useFieldErrorTexts('admin.errors');
  const { data, mutate } = useSWR(USERS_URL, listUsers, { fallbackData: { users: initialUsers }, revalidateOnMount: false });
  const users = data?.users ?? initialUsers;
  const [creating, setCreating] = useState(false);
  const [passwordFor, setPasswordFor] = useState<AdminUser | null>(null);
  const [disabling, setDisabling] = useState<AdminUser | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const throttle = useSignInThrottle(initialThrottle);
  const [clearingFor, setClearingFor] = useState<AdminUser | null>(null);

  function replace(user: AdminUser) {
    void mutate({ users: users.map((existing) => (existing.id === user.id ? user : existing)) }, { revalidate: true });
  }

  function failureText(error: unknown): string {
    const field = Object.values(fieldErrors(error))[0];
    return t('feedback.failed', { message: field ?? (error instanceof ApiError ? (error.body?.message ?? '') : '') });
  }

  async function change(user: AdminUser, patch: { role?: Role; disabled?: boolean }, success: string) {
    setPending(user.id);
    try {
      const result = await updateUser(user.id, patch);
      replace(result.user);
      setFeedback({ severity: 'success', text: success });
    } catch (error) {
      setFeedback({ severity: 'error', text: failureText(error) });
    } finally {
      setPending(null);
    }
  }

  async function clearThrottle(clear: () => Promise<void>, success: string) {
    try {
      await clear();
      setFeedback({ severity: 'success', text: success });
    } catch (error) {
      setFeedback({ severity: 'error', text: failureText(error) });
    }
  }

  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'short', timeStyle: 'short' }) : t('table.never'));

  return (
    <Stack spacing={2}>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setCreating(true)}>
          {t('actions.invite')}
        </Button>
      </Box>
      <DataTable
        aria-label={t('table.label')}
        columns={[
          { key: 'user', label: t('table.user') },
          { key: 'role', label: t('table.role'), sx: { minWidth: 160 } },
          { key: 'status', label: t('table.status') },
          { key: 'signIn', label: t('table.signIn') },
          { key: 'teams', label: teams('column'), sx: { minWidth: 160 } },
          { key: 'lastSignIn', label: t('table.lastSignIn'), sx: { whiteSpace: 'nowrap' } },
          // Screen readers still announce the column ("Actions"); sighted users see the buttons.
          { key: 'actions', label: t('table.actions'), align: 'right', labelHidden: true },
        ]}
        isEmpty={users.length === 0}
        empty={t('table.empty')}
      >
        {users.map((user) => {
          const isSelf = user.id === currentUserId;
          const busy = pending === user.id;
          const throttled = throttle.accountOf(user.email);
          return (
            <TableRow key={user.id} hover>
              <TableCell component="th" scope="row">
                <Typography variant="body2" sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
                  {user.email}
                  {isSelf ? (
                    <Typography component="span" variant="body2" color="textSecondary">
                      {` (${t('table.you')})`}
                    </Typography>
                  ) : null}
                </Typography>
                {user.name ? (
                  <Typography variant="body2" color="textSecondary">
                    {user.name}
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  fullWidth
                  value={user.role}
                  disabled={busy}
                  onChange={(event) => {
                    const role = event.target.value as Role;
                    void change(user, { role }, t('feedback.roleChanged', { email: user.email, role: common(`roles.${role}`) }));
                  }}
                  slotProps={{ htmlInput: { 'aria-label': t('actions.changeRole', { email: user.email }) } }}
                >
                  {ROLES.map((role) => (
                    <MenuItem key={role} value={role}>
                      {common(`roles.${role}`)}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
              <TableCell sx={{ minWidth: 150 }}>
                <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
                  <Chip size="small" label={t(`status.${user.status}`)} color={user.status === 'active' ? 'success' : 'default'} variant="outlined" />
                  {throttled ? (
                    <>
                      <Chip
                        size="small"
                        color="warning"
                        data-testid="sign-in-throttle"
                        // The label wraps in a narrow column rather than being cut off.
                        sx={{ height: 'auto', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 } }}
                        label={
                          throttled.throttledUntil
                            ? t('throttle.until', { time: format.dateTime(new Date(throttled.throttledUntil), { timeStyle: 'short' }) })
                            : t('throttle.failures', { count: throttled.failures })
                        }
                      />
                      <Button
                        size="small"
                        color="warning"
                        disabled={throttle.pending === user.id}
                        onClick={() => setClearingFor(user)}
                        aria-label={t('throttle.clearLabel', { email: user.email })}
                        sx={{ px: 0.5, minWidth: 0 }}
                      >
                        {t('throttle.clear')}
                      </Button>
                    </>
                  ) : null}
                </Stack>
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {[user.signIn.password ? t('signInMethods.password') : null, user.signIn.sso ? t('signInMethods.sso') : null]
                  .filter(Boolean)
                  .join(' · ') || t('signInMethods.ssoPending')}
              </TableCell>
              <TableCell>
                <UserTeamsCell
                  user={user}
                  disabled={busy}
                  onChanged={(changed, text) => {
                    replace(changed);
                    setFeedback({ severity: 'success', text });
                  }}
                />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{date(user.lastSignInAt)}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button
                  size="small"
                  disabled={busy}
                  onClick={() => setPasswordFor(user)}
                  aria-label={t('actions.resetPasswordLabel', { email: user.email })}
                >
                  {t('actions.resetPassword')}
                </Button>
                {user.status === 'active' ? (
                  <Button
                    size="small"
                    color="error"
                    disabled={busy || isSelf}
                    onClick={() => setDisabling(user)}
                    aria-label={t('actions.disableLabel', { email: user.email })}
                  >
                    {t('actions.disable')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() => void change(user, { disabled: false }, t('feedback.enabled', { email: user.email }))}
                    aria-label={t('actions.enableLabel', { email: user.email })}
                  >
                    {t('actions.enable')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </DataTable>

      <ThrottledAddresses
        addresses={throttle.addresses}
        pending={throttle.pending}
        onClear={(ip) => void clearThrottle(() => throttle.clearAddress(ip), t('throttle.addressCleared', { ip }))}
      />

      <CreateUserDialog
        open={creating}
        ssoConfigured={ssoConfigured}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          void mutate({ users: [...users, user].sort((a, b) => a.email.localeCompare(b.email)) }, { revalidate: true });
          setFeedback({ severity: 'success', text: t('create.created', { email: user.email }) });
        }}
      />
      <PasswordDialog
        user={passwordFor}
        onClose={() => setPasswordFor(null)}
        onDone={(user) => {
          setPasswordFor(null);
          replace(user);
          setFeedback({ severity: 'success', text: t('password.done', { email: user.email }) });
        }}
      />
      <ClearThrottleDialog
        user={clearingFor}
        onCancel={() => setClearingFor(null)}
        onConfirm={(user) => {
          setClearingFor(null);
          void clearThrottle(() => throttle.clearUser(user.id), t('throttle.cleared', { email: user.email }));
        }}
      />
      <Dialog
        open={disabling !== null}
        onClose={() => setDisabling(null)}
        aria-labelledby="disable-user-title"
        aria-describedby="disable-user-description"
      >
        <DialogTitle id="disable-user-title">{disabling ? t('confirm.disableTitle', { email: disabling.email }) : null}</DialogTitle>
        <DialogContent>
          <DialogContentText id="disable-user-description">{t('confirm.disableDescription')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDisabling(null)}>{t('confirm.cancel')}</Button>
          <Button
            color="error"
            variant="contained"
            onClick={() => {
              const user = disabling;
              setDisabling(null);
              if (user) void change(user, { disabled: true }, t('feedback.disabled', { email: user.email }));
            }}
          >
            {t('confirm.disable')}
          </Button>
        </DialogActions>
      </Dialog>
      <Snackbar open={feedback !== null} autoHideDuration={feedback?.severity === 'error' ? null : 5000} onClose={() => setFeedback(null)}>
        {feedback ? (
          <Alert
            severity={feedback.severity}
            onClose={() => setFeedback(null)}
            variant="filled"
            role={feedback.severity === 'error' ? 'alert' : 'status'}
          >
            {feedback.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </Stack>
  );
}
