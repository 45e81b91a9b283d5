'use client';

import Avatar from '@mui/material/Avatar';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useMenuButton } from '@/lib/client/use-menu-button';
import type { Role } from '@/lib/shared/roles';

// The menu's code (MUI's menu, popover, modal, chip) loads when the button is first pointed at,
// focused or used, not with every page.
const loadList = () => import('./AccountMenuList');
const AccountMenuList = dynamic(() => loadList().then((module) => module.AccountMenuList), { ssr: false });

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
  const menu = useMenuButton(undefined, loadList);
  const roleName = t(`roles.${user.role}`);

  return (
    <>
      <Box sx={{ display: { xs: 'none', md: 'flex' }, flexDirection: 'column', alignItems: 'flex-end', mr: 1, minWidth: 0 }}>
        <Typography variant="body2" noWrap sx={{ fontWeight: 600, maxWidth: 220, lineHeight: 1.2 }}>
          {user.name ?? user.email}
        </Typography>
        <Typography variant="caption" color="textSecondary" noWrap>
          {roleName}
        </Typography>
      </Box>
      <IconButton aria-label={t('account.menu')} {...menu.buttonProps} sx={{ p: 0.25 }}>
        <Avatar sx={{ width: 32, height: 32, fontSize: '0.8125rem', fontWeight: 600, bgcolor: 'primary.main', color: 'primary.contrastText' }}>
          {initials(user)}
        </Avatar>
      </IconButton>
      {menu.opened ? <AccountMenuList menuProps={menu.menuProps} user={user} roleName={roleName} /> : null}
    </>
  );
}
