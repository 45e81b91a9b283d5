'use client';

import TextField from '@mui/material/TextField';
import { useTranslations } from 'next-intl';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/shared/password-policy';

/** A password an admin sets for a user: held to the password policy, with its hint until there is a problem to show. */
export function NewPasswordField({
  label,
  value,
  onChange,
  problem,
  fullWidth,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  problem: string | undefined;
  fullWidth?: boolean;
  autoFocus?: boolean;
}) {
  const t = useTranslations('admin');
  return (
    <TextField
      label={label}
      type="password"
      required
      fullWidth={fullWidth}
      autoFocus={autoFocus}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={Boolean(problem)}
      helperText={problem ?? t('create.passwordHelp', { min: PASSWORD_MIN_LENGTH })}
      slotProps={{ htmlInput: { maxLength: PASSWORD_MAX_LENGTH, autoComplete: 'new-password' } }}
    />
  );
}
