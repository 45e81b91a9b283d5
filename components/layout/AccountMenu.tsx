'use client';

import LogoutIcon from '@mui/icons-material/Logout';
import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { signOut } from '@/lib/client/auth';
import { useMenuButton } from '@/lib/client/use-menu-button';
import type { Role } from '@/lib/shared/roles';

export interface ShellUser {
  name: string | null;
  email: string;
  role: Role;
}

/** "Ada Lovelace" → "AL", "ops@example.com" → "O". */
export function initials(user: Pick<ShellUser, 'name' | 'email'>): string {
  const source = user.name?.trim() || user.email;
  const words = source.split(/[\s@._-]+/).filter(Boolean);
  if (user.name?.trim() && words.length > 1) return `${words[0][0]}${words[words.length - 1][0]}`.toUpperCase();
  return (words[0]?.[0] ?? '?').toUpperCase();
}

export function AccountMenu({ user }: { user: ShellUser }) {
  const t = useTranslations('common');
  const menu = useMenuButton();
  const [signingOut, setSigningOut] = useState(false);
  const roleName = t(`roles.${user.role}`);

  async function handleSignOut() {
    setSigningOut(true);
    await signOut('/sign-in');
  }

  return (
    <>
      <Box sx={{ display: { xs: 'none', md: 'flex' }, flexDirection: 'column', alignItems: 'flex-end', mr: 1, minWidth: 0 }}>
        <Typography variant="body2" noWrap sx={{ fontWeight: 600, maxWidth: 220, lineHeight: 1.2 }}>
          {user.name ?? user.email}
        </Typography>
        <Typography variant="caption" color="text.secondary" noWrap>
          {roleName}
        </Typography>
      </Box>
      <IconButton aria-label={t('account.menu')} {...menu.buttonProps} sx={{ p: 0.25 }}>
        <Avatar sx={{ width: 32, height: 32, fontSize: '0.8125rem', fontWeight: 600, bgcolor: 'primary.main', color: 'primary.contrastText' }}>
          {initials(user)}
        </Avatar>
      </IconButton>
      <Menu
        {...menu.menuProps}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { variant: 'outlined', sx: { minWidth: 240, mt: 0.5 } } }}
      >
        <Box sx={{ px: 2, pt: 1, pb: 1.5 }}>
          <Typography variant="caption" color="text.secondary">
            {t('account.signedInAs')}
          </Typography>
          {user.name ? (
            <Typography variant="body2" sx={{ fontWeight: 600 }} noWrap>
              {user.name}
            </Typography>
          ) : null}
          <Typography variant="body2" color={user.name ? 'text.secondary' : 'text.primary'} noWrap>
            {user.email}
          </Typography>
          <Chip
            label={t('account.role', { role: roleName })}
            color={user.role === 'admin' ? 'primary' : 'default'}
            variant="outlined"
            sx={{ mt: 1 }}
          />
        </Box>
        <Divider />
        <MenuItem onClick={handleSignOut} disabled={signingOut} dense>
          <ListItemIcon>
            <LogoutIcon fontSize="small" />
          </ListItemIcon>
          {signingOut ? t('account.signingOut') : t('account.signOut')}
        </MenuItem>
      </Menu>
    </>
  );
}
