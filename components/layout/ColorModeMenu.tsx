'use client';

import CheckIcon from '@mui/icons-material/Check';
import DarkModeOutlinedIcon from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlinedIcon from '@mui/icons-material/LightModeOutlined';
import SettingsBrightnessOutlinedIcon from '@mui/icons-material/SettingsBrightnessOutlined';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import { useColorScheme } from '@mui/material/styles';
import { useTranslations } from 'next-intl';
import { useMenuButton } from '@/lib/client/use-menu-button';
import { COLOR_MODES, type ColorMode } from './color-mode';

const ICONS: Record<ColorMode, typeof LightModeOutlinedIcon> = {
  light: LightModeOutlinedIcon,
  dark: DarkModeOutlinedIcon,
  system: SettingsBrightnessOutlinedIcon,
};

/** Light / dark / follow the system; the choice lives in a cookie (see cookie-storage-manager). */
export function ColorModeMenu({ initialMode }: { initialMode: ColorMode }) {
  const t = useTranslations('common.theme');
  const { mode, setMode } = useColorScheme();
  const menu = useMenuButton();
  // Before MUI has read the cookie on the client, show what the server rendered.
  const current: ColorMode = (mode as ColorMode | undefined) ?? initialMode;
  const Icon = ICONS[current];
  const label = t('current', { mode: t(current) });

  return (
    <>
      <Tooltip title={label}>
        <IconButton aria-label={label} {...menu.buttonProps} color="inherit">
          <Icon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Menu {...menu.menuProps}>
        {COLOR_MODES.map((option) => {
          const OptionIcon = ICONS[option];
          return (
            <MenuItem
              key={option}
              dense
              selected={option === current}
              onClick={() => {
                setMode(option);
                menu.close();
              }}
            >
              <ListItemIcon>
                <OptionIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText>{t(option)}</ListItemText>
              {option === current ? <CheckIcon fontSize="small" sx={{ ml: 2, color: 'primary.main' }} /> : null}
            </MenuItem>
          );
        })}
      </Menu>
    </>
  );
}
