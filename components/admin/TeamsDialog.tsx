'use client';

import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { updateUser } from '@/lib/client/api';
import { useFieldErrorTexts } from '@/lib/client/field-errors';
import type { AdminUser, UserTeams } from '@/lib/shared/admin-users';
import type { UserGroupDto } from '@/lib/shared/user-groups';

/** Edits which work orders a user sees: all, or those of some user groups (and the unassigned ones). */
export function TeamsDialog({
  user,
  groups,
  onClose,
  onDone,
}: {
  user: AdminUser;
  groups: UserGroupDto[];
  onClose: () => void;
  onDone: (user: AdminUser) => void;
}) {
  const t = useTranslations('teams');
  const common = useTranslations('common');
  const fieldErrors = useFieldErrorTexts('admin.errors');
  const [teams, setTeams] = useState<UserTeams>(user.teams);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // A group the user has but the site no longer lists stays visible, so it can be removed.
  const choices = [
    ...groups,
    ...user.teams.userGroupIds.filter((id) => !groups.some((group) => group.id === id)).map((id) => ({ id, name: null, workOrders: 0 })),
  ];

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      const result = await updateUser(user.id, teams);
      onDone(result.user);
    } catch (error) {
      setProblem(Object.values(fieldErrors(error))[0] ?? (error instanceof Error ? error.message : String(error)));
    } finally {
      setSaving(false);
    }
  }

  function toggle(id: string, checked: boolean) {
    setTeams((current) => ({
      ...current,
      userGroupIds: checked ? [...current.userGroupIds, id] : current.userGroupIds.filter((existing) => existing !== id),
    }));
  }

  return (
    <Dialog
      open
      onClose={saving ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="teams-dialog-title"
      aria-describedby="teams-dialog-description"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="teams-dialog-title">{t('dialog.title', { email: user.email })}</DialogTitle>
        <DialogContent>
          <DialogContentText id="teams-dialog-description" sx={{ mb: 2 }}>
            {t('dialog.description')}
          </DialogContentText>
          <RadioGroup
            aria-label={t('column')}
            value={teams.allWorkOrders ? 'all' : 'some'}
            onChange={(event) => setTeams((current) => ({ ...current, allWorkOrders: event.target.value === 'all' }))}
          >
            <FormControlLabel value="all" control={<Radio />} label={t('dialog.all')} />
            <FormControlLabel value="some" control={<Radio />} label={t('dialog.some')} />
          </RadioGroup>
          {teams.allWorkOrders ? null : (
            <FormGroup sx={{ pl: 4 }} role="group" aria-labelledby="teams-dialog-groups">
              <FormLabel id="teams-dialog-groups" sx={{ mt: 1 }}>
                {t('dialog.groupsLabel')}
              </FormLabel>
              {choices.length === 0 ? (
                <Typography variant="body2" color="textSecondary">
                  {t('dialog.noGroups')}
                </Typography>
              ) : null}
              {choices.map((group) => (
                <FormControlLabel
                  key={group.id}
                  control={<Checkbox checked={teams.userGroupIds.includes(group.id)} onChange={(event) => toggle(group.id, event.target.checked)} />}
                  label={group.name ? `${group.name} (${group.id})` : group.id}
                />
              ))}
              <FormControlLabel
                sx={{ mt: 1 }}
                control={
                  <Checkbox
                    checked={teams.unassignedWorkOrders}
                    onChange={(event) => setTeams((current) => ({ ...current, unassignedWorkOrders: event.target.checked }))}
                  />
                }
                label={t('dialog.unassigned')}
              />
            </FormGroup>
          )}
          {problem ? (
            <Typography role="alert" color="error" variant="body2" sx={{ mt: 1 }}>
              {problem}
            </Typography>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            {common('actions.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={saving}>
            {t('dialog.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
