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
import { useId, useState, useTransition } from 'react';
import { writePreferenceCookie } from './browser-cookie';
import { LOCALES, LOCALE_COOKIE, LOCALE_NAMES, isLocale, type Locale } from '@/lib/shared/locales';

/** Sets the NEXT_LOCALE cookie and re-renders the server components in the new language. */
export function LanguageMenu() {
  const t = useTranslations('common.language');
  const router = useRouter();
  const current = useLocale();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [pending, startTransition] = useTransition();
  const menuId = useId();
  const currentName = isLocale(current) ? LOCALE_NAMES[current] : current;

  function choose(locale: Locale) {
    setAnchor(null);
    if (locale === current) return;
    writePreferenceCookie(LOCALE_COOKIE, locale);
    startTransition(() => router.refresh());
  }

  return (
    <>
      <Tooltip title={t('current', { language: currentName })}>
        <IconButton
          aria-label={t('current', { language: currentName })}
          aria-haspopup="menu"
          aria-controls={anchor ? menuId : undefined}
          aria-expanded={anchor ? 'true' : undefined}
          disabled={pending}
          onClick={(event) => setAnchor(event.currentTarget)}
          color="inherit"
        >
          <TranslateIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Menu id={menuId} anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
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
