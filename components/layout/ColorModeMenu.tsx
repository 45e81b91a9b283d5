'use client';

import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { useColorScheme } from '@mui/material/styles';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useMenuButton } from '@/lib/client/use-menu-button';
import type { ColorMode } from './color-mode';
import { COLOR_MODE_ICONS } from './color-mode-icons';

// The menu's code (MUI's menu, popover and modal) loads when the button is first pointed at,
// focused or used, not with every page that shows the button.
const loadList = () => import('./ColorModeMenuList');
const ColorModeMenuList = dynamic(() => loadList().then((module) => module.ColorModeMenuList), { ssr: false });

/** Light / dark / follow the system; the choice lives in a cookie (see cookie-storage-manager). */
export function ColorModeMenu({ initialMode }: { initialMode: ColorMode }) {
  const t = useTranslations('common.theme');
  const { mode, setMode } = useColorScheme();
  const menu = useMenuButton(undefined, loadList);
  // Before MUI has read the cookie on the client, show what the server rendered.
  const current: ColorMode = (mode as ColorMode | undefined) ?? initialMode;
  const Icon = COLOR_MODE_ICONS[current];
  const label = t('current', { mode: t(current) });

  return (
    <>
      <Tooltip title={label}>
        <IconButton aria-label={label} {...menu.buttonProps} color="inherit">
          <Icon fontSize="small" />
        </IconButton>
      </Tooltip>
      {menu.opened ? (
        <ColorModeMenuList
          menuProps={menu.menuProps}
          current={current}
          onChoose={(option) => {
            setMode(option);
            menu.close();
          }}
        />
      ) : null}
    </>
  );
}
