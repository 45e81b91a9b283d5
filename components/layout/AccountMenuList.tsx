'use client';

import LogoutIcon from '@mui/icons-material/Logout';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import Menu, { type MenuProps } from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { signOut } from '@/lib/client/auth';
import type { ShellUser } from './AccountMenu';

/** Who is signed in, their role, and signing out (loaded on the account button's first use). */
export function AccountMenuList({ menuProps, user, roleName }: { menuProps: MenuProps; user: ShellUser; roleName: string }) {
  const t = useTranslations('common');
  const [signingOut, setSigningOut] = useState(false);

  async function handleSignOut() {
    setSigningOut(true);
    await signOut('/sign-in');
  }

  return (
    <Menu
      {...menuProps}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
      transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      slotProps={{ paper: { variant: 'outlined', sx: { minWidth: 240, mt: 0.5 } } }}
    >
      <Box sx={{ px: 2, pt: 1, pb: 1.5 }}>
        <Typography variant="caption" color="textSecondary">
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
        <Chip label={t('account.role', { role: roleName })} color={user.role === 'admin' ? 'primary' : 'default'} variant="outlined" sx={{ mt: 1 }} />
      </Box>
      <Divider />
      <MenuItem onClick={handleSignOut} disabled={signingOut} dense>
        <ListItemIcon>
          <LogoutIcon fontSize="small" />
        </ListItemIcon>
        {signingOut ? t('account.signingOut') : t('account.signOut')}
      </MenuItem>
    </Menu>
  );
}
