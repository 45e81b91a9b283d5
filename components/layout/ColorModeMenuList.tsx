'use client';

import CheckIcon from '@mui/icons-material/Check';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu, { type MenuProps } from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useTranslations } from 'next-intl';
import { COLOR_MODES, type ColorMode } from './color-mode';
import { COLOR_MODE_ICONS } from './color-mode-icons';

/** The colour modes offered by the appearance button (loaded on its first use). */
export function ColorModeMenuList({ menuProps, current, onChoose }: { menuProps: MenuProps; current: ColorMode; onChoose(mode: ColorMode): void }) {
  const t = useTranslations('common.theme');
  return (
    <Menu {...menuProps}>
      {COLOR_MODES.map((option) => {
        const OptionIcon = COLOR_MODE_ICONS[option];
        return (
          <MenuItem key={option} dense selected={option === current} onClick={() => onChoose(option)}>
            <ListItemIcon>
              <OptionIcon fontSize="small" />
            </ListItemIcon>
            <ListItemText>{t(option)}</ListItemText>
            {option === current ? <CheckIcon fontSize="small" sx={{ ml: 2, color: 'primary.main' }} /> : null}
          </MenuItem>
        );
      })}
    </Menu>
  );
}
