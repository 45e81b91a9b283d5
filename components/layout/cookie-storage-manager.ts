'use client';

import type { StorageManager } from '@mui/material/styles';
import { readCookie, writePreferenceCookie } from './browser-cookie';
import { COLOR_MODE_COOKIE, parseColorMode } from './color-mode';

/**
 * MUI's colour-scheme storage, backed by our cookie instead of localStorage so the server
 * sees the choice. Only the mode is stored; MUI's other keys (which light / dark scheme)
 * are fixed in our theme and need no storage.
 */
export const cookieStorageManager: StorageManager = ({ key }) => ({
  get(defaultValue) {
    if (typeof document === 'undefined' || key !== COLOR_MODE_COOKIE) return defaultValue;
    const value = readCookie(COLOR_MODE_COOKIE);
    return value === undefined ? defaultValue : parseColorMode(value);
  },
  set(value) {
    if (typeof document === 'undefined' || key !== COLOR_MODE_COOKIE) return;
    writePreferenceCookie(COLOR_MODE_COOKIE, parseColorMode(String(value)));
  },
  subscribe() {
    return () => undefined;
  },
});
