'use client';

import TranslateIcon from '@mui/icons-material/Translate';
import CheckIcon from '@mui/icons-material/Check';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Tooltip from '@mui/material/Tooltip';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useMenuButton } from '@/lib/client/use-menu-button';
import { writePreferenceCookie } from './browser-cookie';
import { LOCALES, LOCALE_COOKIE, LOCALE_NAMES, isLocale, type Locale } from '@/lib/shared/locales';

/** Sets the NEXT_LOCALE cookie and re-renders the server components in the new language. */
export function LanguageMenu() {
  const t = useTranslations('common.language');
  const router = useRouter();
  const current = useLocale();
  const menu = useMenuButton();
  const [pending, startTransition] = useTransition();
  const currentName = isLocale(current) ? LOCALE_NAMES[current] : current;

  function choose(locale: Locale) {
    menu.close();
    if (locale === current) return;
    writePreferenceCookie(LOCALE_COOKIE, locale);
    startTransition(() => router.refresh());
  }

  return (
    <>
      <Tooltip title={t('current', { language: currentName })}>
        <IconButton aria-label={t('current', { language: currentName })} disabled={pending} {...menu.buttonProps} color="inherit">
          <TranslateIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Menu {...menu.menuProps}>
        {LOCALES.map((locale) => (
          <MenuItem key={locale} lang={locale} selected={locale === current} onClick={() => choose(locale)} dense>
            <ListItemIcon>{locale === current ? <CheckIcon fontSize="small" /> : null}</ListItemIcon>
            <ListItemText>{LOCALE_NAMES[locale]}</ListItemText>
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
