'use client';

import CheckIcon from '@mui/icons-material/Check';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu, { type MenuProps } from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { LOCALES, LOCALE_NAMES, type Locale } from '@/lib/shared/locales';

/** The languages offered by the language button (loaded on its first use). */
export function LanguageMenuList({ menuProps, current, onChoose }: { menuProps: MenuProps; current: string; onChoose(locale: Locale): void }) {
  return (
    <Menu {...menuProps}>
      {LOCALES.map((locale) => (
        <MenuItem key={locale} lang={locale} selected={locale === current} onClick={() => onChoose(locale)} dense>
          <ListItemIcon>{locale === current ? <CheckIcon fontSize="small" /> : null}</ListItemIcon>
          <ListItemText>{LOCALE_NAMES[locale]}</ListItemText>
        </MenuItem>
      ))}
    </Menu>
  );
}
