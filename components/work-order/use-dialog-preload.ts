'use client';

import { useEffect } from 'react';
import { preloadWorkOrderDialogs } from './lazy-dialogs';

const FIRST_USE = ['pointerdown', 'keydown', 'focusin', 'touchstart'] as const;

/**
 * Fetches the dialogs' chunks once the page has finished loading and the browser is idle, or at
 * the first key press, tap or focus if that comes sooner: the page loads without them, and a
 * correction opened from the keyboard finds its code already there.
 */
export function useDialogPreload(): void {
  useEffect(() => {
    let idle: number | undefined;
    const stop = () => {
      for (const type of FIRST_USE) document.removeEventListener(type, preload, true);
      window.removeEventListener('load', whenIdle);
      if (idle !== undefined) (window.cancelIdleCallback ?? window.clearTimeout)(idle);
    };
    function preload() {
      stop();
      preloadWorkOrderDialogs();
    }
    // After the load event: the photos come first.
    function whenIdle() {
      idle = window.requestIdleCallback ? window.requestIdleCallback(preload, { timeout: 5_000 }) : window.setTimeout(preload, 1_000);
    }
    for (const type of FIRST_USE) document.addEventListener(type, preload, { capture: true, passive: true });
    if (document.readyState === 'complete') whenIdle();
    else window.addEventListener('load', whenIdle, { once: true });
    return stop;
  }, []);
}
