'use client';

import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { DataTable } from '@/components/layout/DataTable';
import { SaveStatus, type SaveStatusValue } from '@/components/layout/SaveStatus';
import { errorMessage } from '@/lib/client/api';
import { groupList, useOidcGroupMappings } from './use-oidc-group-mappings';

/** Which user groups each value of the SSO groups claim grants (applied at each SSO sign-in). */
export function OidcGroupMappingsSection({ claim }: { claim: string }) {
  const t = useTranslations('teams');
  const { mappings, save } = useOidcGroupMappings();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [newValue, setNewValue] = useState('');
  const [newGroups, setNewGroups] = useState('');
  const [status, setStatus] = useState<SaveStatusValue>(null);

  async function run(value: string, groups: string[], after?: () => void) {
    try {
      await save(value, groups);
      after?.();
      setStatus({ severity: 'success', text: t('sso.saved', { value }) });
    } catch (error) {
      setStatus({ severity: 'error', text: t('failed', { message: errorMessage(error) }) });
    }
  }

  return (
    <Stack component="section" spacing={1} aria-labelledby="sso-groups-title" sx={{ mt: 4 }}>
      <Typography id="sso-groups-title" variant="h6" component="h2">
        {t('sso.title')}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {t('sso.intro', { claim })}
      </Typography>
      <DataTable
        aria-label={t('sso.label')}
        columns={[
          { key: 'claimValue', label: t('sso.claimValue') },
          { key: 'groups', label: t('sso.groups') },
        ]}
        isEmpty={mappings.length === 0}
        empty={t('sso.empty')}
      >
        {mappings.map((mapping) => (
          <TableRow key={mapping.claimValue}>
            <TableCell component="th" scope="row" sx={{ overflowWrap: 'anywhere' }}>
              {mapping.claimValue}
            </TableCell>
            <TableCell>
              <Stack direction="row" spacing={1}>
                <TextField
                  size="small"
                  fullWidth
                  value={drafts[mapping.claimValue] ?? mapping.userGroupIds.join(', ')}
                  onChange={(event) => setDrafts((current) => ({ ...current, [mapping.claimValue]: event.target.value }))}
                  slotProps={{ htmlInput: { 'aria-label': t('sso.groupsLabel', { value: mapping.claimValue }) } }}
                />
                <Button
                  size="small"
                  aria-label={t('sso.saveLabel', { value: mapping.claimValue })}
                  onClick={() => void run(mapping.claimValue, groupList(drafts[mapping.claimValue] ?? mapping.userGroupIds.join(',')))}
                >
                  {t('sso.save')}
                </Button>
                <Button
                  size="small"
                  color="error"
                  aria-label={t('sso.removeLabel', { value: mapping.claimValue })}
                  onClick={() => void run(mapping.claimValue, [])}
                >
                  {t('sso.remove')}
                </Button>
              </Stack>
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
      <Stack
        component="form"
        direction={{ xs: 'column', sm: 'row' }}
        spacing={1}
        onSubmit={(event) => {
          event.preventDefault();
          if (newValue.trim())
            void run(newValue.trim(), groupList(newGroups), () => {
              setNewValue('');
              setNewGroups('');
            });
        }}
      >
        <TextField size="small" label={t('sso.claimLabel')} value={newValue} onChange={(event) => setNewValue(event.target.value)} />
        <TextField
          size="small"
          label={t('sso.newGroupsLabel')}
          value={newGroups}
          onChange={(event) => setNewGroups(event.target.value)}
          sx={{ flex: 1 }}
        />
        <Button type="submit" variant="outlined">
          {t('sso.add')}
        </Button>
      </Stack>
      <SaveStatus status={status} />
    </Stack>
  );
}
