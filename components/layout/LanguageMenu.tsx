'use client';

import TranslateIcon from '@mui/icons-material/Translate';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useLocale, useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useMenuButton } from '@/lib/client/use-menu-button';
import { writePreferenceCookie } from './browser-cookie';
import { LOCALE_COOKIE, LOCALE_NAMES, isLocale, type Locale } from '@/lib/shared/locales';

// The menu's code (MUI's menu, popover and modal) loads when the button is first pointed at,
// focused or used, not with every page that shows the button.
const loadList = () => import('./LanguageMenuList');
const LanguageMenuList = dynamic(() => loadList().then((module) => module.LanguageMenuList), { ssr: false });

/** Sets the NEXT_LOCALE cookie and re-renders the server components in the new language. */
export function LanguageMenu() {
  const t = useTranslations('common.language');
  const router = useRouter();
  const current = useLocale();
  const menu = useMenuButton(undefined, loadList);
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
      {menu.opened ? <LanguageMenuList menuProps={menu.menuProps} current={current} onChoose={choose} /> : null}
    </>
  );
}
