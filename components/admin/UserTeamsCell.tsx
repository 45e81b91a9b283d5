'use client';

import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { AdminUser } from '@/lib/shared/admin-users';
import { userGroupLabel } from '@/lib/shared/user-groups';
import { TeamsDialog } from './TeamsDialog';
import { useUserGroups } from './use-user-groups';

/** A user's teams in the users table (admins: every work order), and the button that edits them. */
export function UserTeamsCell({
  user,
  disabled,
  onChanged,
}: {
  user: AdminUser;
  disabled: boolean;
  onChanged: (user: AdminUser, text: string) => void;
}) {
  const t = useTranslations('teams');
  const { groups } = useUserGroups();
  const [editing, setEditing] = useState(false);
  const { teams } = user;
  const labels =
    user.role === 'admin' || teams.allWorkOrders
      ? [t('all')]
      : [...teams.userGroupIds.map((id) => userGroupLabel(id, groups)), ...(teams.unassignedWorkOrders ? [t('unassigned')] : [])];
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} data-testid="user-teams">
      {(labels.length > 0 ? labels : [t('none')]).map((label) => (
        <Chip key={label} size="small" variant="outlined" label={label} />
      ))}
      <Button size="small" disabled={disabled} onClick={() => setEditing(true)} aria-label={t('editLabel', { email: user.email })}>
        {t('edit')}
      </Button>
      {editing ? (
        <TeamsDialog
          user={user}
          groups={groups}
          onClose={() => setEditing(false)}
          onDone={(changed) => {
            setEditing(false);
            onChanged(changed, t('dialog.saved', { email: changed.email }));
          }}
        />
      ) : null}
    </Stack>
  );
}
