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
import type { UserGroupDto } from '@/lib/shared/user-groups';
import { useUserGroups } from './use-user-groups';

/** The site's user groups with the names admins give them (the upstream has ids only). */
export function UserGroupsSection({ initialGroups }: { initialGroups: UserGroupDto[] }) {
  const t = useTranslations('teams');
  const { groups, name } = useUserGroups(initialGroups);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<SaveStatusValue>(null);

  async function save(id: string) {
    try {
      await name(id, drafts[id] ?? '');
      setStatus({ severity: 'success', text: t('groups.saved', { id }) });
    } catch (error) {
      setStatus({ severity: 'error', text: t('failed', { message: errorMessage(error) }) });
    }
  }

  return (
    <Stack component="section" spacing={1} aria-labelledby="user-groups-title" sx={{ mt: 4 }}>
      <Typography id="user-groups-title" variant="h6" component="h2">
        {t('groups.title')}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {t('groups.intro')}
      </Typography>
      <DataTable
        aria-label={t('groups.label')}
        columns={[
          { key: 'id', label: t('groups.id') },
          { key: 'name', label: t('groups.name') },
          { key: 'workOrders', label: t('groups.workOrders'), align: 'right' },
        ]}
        isEmpty={groups.length === 0}
        empty={t('groups.empty')}
      >
        {groups.map((group) => (
          <TableRow key={group.id}>
            <TableCell component="th" scope="row" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
              {group.id}
            </TableCell>
            <TableCell>
              <Stack
                component="form"
                direction="row"
                spacing={1}
                onSubmit={(event) => {
                  event.preventDefault();
                  void save(group.id);
                }}
              >
                <TextField
                  size="small"
                  value={drafts[group.id] ?? group.name ?? ''}
                  onChange={(event) => setDrafts((current) => ({ ...current, [group.id]: event.target.value }))}
                  slotProps={{ htmlInput: { 'aria-label': t('groups.nameLabel', { id: group.id }), maxLength: 120 } }}
                />
                <Button type="submit" size="small" aria-label={t('groups.saveLabel', { id: group.id })}>
                  {t('groups.save')}
                </Button>
              </Stack>
            </TableCell>
            <TableCell align="right">{group.workOrders}</TableCell>
          </TableRow>
        ))}
      </DataTable>
      <SaveStatus status={status} />
    </Stack>
  );
}
