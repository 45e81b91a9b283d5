'use client';

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '@/lib/shared/roles';
import type { AdminUser } from '@/lib/shared/admin-users';
import { ApiError, createUser } from '@/lib/client/api';
import { useFieldErrorTexts } from '@/lib/client/field-errors';
import { NewPasswordField } from './NewPasswordField';

export function CreateUserDialog({
  open,
  ssoConfigured,
  onClose,
  onCreated,
}: {
  open: boolean;
  ssoConfigured: boolean;
  onClose: () => void;
  onCreated: (user: AdminUser) => void;
}) {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const fieldErrors = useFieldErrorTexts('admin.errors');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [method, setMethod] = useState<'password' | 'sso'>('password');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  function reset() {
    setEmail('');
    setName('');
    setRole('viewer');
    setMethod('password');
    setPassword('');
    setError(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    try {
      const { user } = await createUser({
        email: email.trim(),
        name: name.trim() || undefined,
        role,
        password: method === 'password' ? password : undefined,
      });
      reset();
      onCreated(user);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  // Problems with a field are shown beside it; anything else above the form.
  const fields = fieldErrors(error);
  const failure = error && Object.keys(fields).length === 0 ? (error instanceof ApiError && error.body?.message) || common('errorPage.title') : null;

  return (
    <Dialog open={open} onClose={saving ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="create-user-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="create-user-title">{t('create.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('create.description')}</DialogContentText>
          <Stack spacing={2}>
            {failure ? (
              <Alert severity="error" role="alert">
                {failure}
              </Alert>
            ) : null}
            <TextField
              label={t('create.email')}
              type="email"
              required
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={Boolean(fields.email)}
              helperText={fields.email}
              slotProps={{ htmlInput: { maxLength: 254, autoComplete: 'off', spellCheck: false } }}
            />
            <TextField
              label={t('create.name')}
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={Boolean(fields.name)}
              helperText={fields.name}
              slotProps={{ htmlInput: { maxLength: 200, autoComplete: 'off' } }}
            />
            <TextField
              select
              label={t('create.role')}
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
              error={Boolean(fields.role)}
              helperText={fields.role}
            >
              {ROLES.map((value) => (
                <MenuItem key={value} value={value}>
                  {common(`roles.${value}`)}
                </MenuItem>
              ))}
            </TextField>
            <FormControl>
              <FormLabel id="create-user-method">{t('create.method')}</FormLabel>
              <RadioGroup
                row
                aria-labelledby="create-user-method"
                value={method}
                onChange={(event) => setMethod(event.target.value as 'password' | 'sso')}
              >
                <FormControlLabel value="password" control={<Radio />} label={t('create.methodPassword')} />
                <FormControlLabel value="sso" control={<Radio />} label={t('create.methodSso')} />
              </RadioGroup>
            </FormControl>
            {method === 'sso' && !ssoConfigured ? <Alert severity="warning">{t('create.ssoNotConfigured')}</Alert> : null}
            {method === 'password' ? (
              <NewPasswordField label={t('create.password')} value={password} onChange={setPassword} problem={fields.password} />
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            {common('actions.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={saving}>
            {saving ? t('create.submitting') : t('create.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
