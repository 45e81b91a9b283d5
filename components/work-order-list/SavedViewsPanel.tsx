'use client';

import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import useSWR from 'swr';
import { ApiError, deleteView, errorMessage, fetchJson, SAVED_VIEWS_URL, saveView } from '@/lib/client/api';
import type { useMenuButton } from '@/lib/client/use-menu-button';
import { toQueryString, type WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { reviewQueueView, type SavedViewDto } from '@/lib/shared/saved-views';

/**
 * The saved views' menu and save dialog, loaded when the person first reaches for the button
 * (pointer, focus or click), not with the list: MUI's menu, dialog and text field are code the
 * list's first paint does not need.
 */
export function SavedViewsPanel({
  menu,
  query,
  canShare,
  onOpen,
  onMessage,
}: {
  menu: ReturnType<typeof useMenuButton>;
  query: WorkOrderQuery;
  canShare: boolean;
  onOpen(view: SavedViewDto): void;
  onMessage(message: string, severity?: 'success' | 'error'): void;
}) {
  const t = useTranslations('workOrders.views');
  const { data: views, mutate } = useSWR<SavedViewDto[]>(SAVED_VIEWS_URL, fetchJson);
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const mine = views?.filter((view) => view.mine) ?? [];
  const others = views?.filter((view) => !view.mine) ?? [];

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const view = await saveView({ name: name.trim(), shared, query: toQueryString(query, ['page', 'cols']), columns: query.columns });
      await mutate();
      setSaving(false);
      setName('');
      setShared(false);
      onMessage(t('saved', { name: view.name }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.fields.name && caught.code === 'conflict') setError(t('duplicate'));
      else setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (view: SavedViewDto) => {
    try {
      await deleteView(view.id);
      await mutate();
      onMessage(t('deleted', { name: view.name }));
    } catch (caught) {
      onMessage(errorMessage(caught), 'error');
    }
  };

  const item = (view: SavedViewDto) => (
    <MenuItem
      key={view.id}
      onClick={() => {
        menu.close();
        onOpen(view);
      }}
      sx={{ gap: 1 }}
    >
      <ListItemText primary={view.name} secondary={view.mine ? undefined : t('by', { owner: view.owner.name ?? view.owner.email })} />
      {view.editable ? (
        <IconButton
          size="small"
          edge="end"
          aria-label={t('delete', { name: view.name })}
          onClick={(event) => {
            event.stopPropagation();
            void remove(view);
          }}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      ) : null}
    </MenuItem>
  );

  return (
    <>
      <Menu {...menu.menuProps} slotProps={{ paper: { sx: { minWidth: 280 } } }}>
        <MenuItem
          onClick={() => {
            menu.close();
            setSaving(true);
          }}
        >
          {t('save')}
        </MenuItem>
        <Divider />
        <MenuItem
          onClick={() => {
            menu.close();
            onOpen(reviewQueueView(t('reviewQueue')));
          }}
        >
          <ListItemText primary={t('reviewQueue')} secondary={t('reviewQueueHint')} />
        </MenuItem>
        {mine.length > 0 ? <ListSubheader>{t('mine')}</ListSubheader> : null}
        {mine.map(item)}
        {others.length > 0 ? <ListSubheader>{t('sharedViews')}</ListSubheader> : null}
        {others.map(item)}
        {views && views.length === 0 ? (
          <MenuItem disabled>
            <ListItemText secondary={t('none')} />
          </MenuItem>
        ) : null}
      </Menu>
      <Dialog open={saving} onClose={() => setSaving(false)} fullWidth maxWidth="xs">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <DialogTitle>{t('saveTitle')}</DialogTitle>
          <DialogContent>
            <TextField
              autoFocus
              required
              fullWidth
              margin="dense"
              label={t('name')}
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={Boolean(error)}
              helperText={error ?? undefined}
              slotProps={{ htmlInput: { maxLength: 100 } }}
            />
            {canShare ? (
              <>
                <FormControlLabel control={<Checkbox checked={shared} onChange={(event) => setShared(event.target.checked)} />} label={t('shared')} />
                <FormHelperText>{t('sharedHint')}</FormHelperText>
              </>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setSaving(false)}>{t('cancel')}</Button>
            <Button type="submit" variant="contained" disabled={busy || !name.trim()}>
              {t('submit')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
