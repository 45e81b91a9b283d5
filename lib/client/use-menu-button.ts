'use client';

import { useId, useState, type MouseEvent } from 'react';

/**
 * A menu opened by a button, kept in step: the button says it opens a menu and, while it is
 * open, which one; the menu is anchored on the button and closes on Escape, a click outside or
 * `close()`. Spread `buttonProps` on the button and `menuProps` on the MUI `Menu`. `opened` turns
 * true with the first opening and stays so: a menu whose code loads on first use renders from then
 * on (kept mounted, so closing still animates and gives focus back to the button). `preload`, for
 * such a menu: starts loading its code as soon as the button is pointed at or focused.
 */
export function useMenuButton(id?: string, preload?: () => unknown) {
  const generatedId = useId();
  const menuId = id ?? generatedId;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [opened, setOpened] = useState(false);
  const close = () => setAnchor(null);
  return {
    close,
    opened,
    buttonProps: {
      'aria-haspopup': 'menu' as const,
      'aria-controls': anchor ? menuId : undefined,
      'aria-expanded': anchor ? ('true' as const) : undefined,
      onClick: (event: MouseEvent<HTMLElement>) => {
        setAnchor(event.currentTarget);
        setOpened(true);
      },
      onPointerEnter: preload,
      onFocus: preload,
    },
    menuProps: { id: menuId, anchorEl: anchor, open: Boolean(anchor), onClose: close },
  };
}
