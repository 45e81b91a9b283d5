/**
 * Light / dark / system, persisted in a cookie (not localStorage) so the server renders the
 * right scheme on the first byte: no flash of the wrong colours.
 */
export const COLOR_MODES = ['light', 'dark', 'system'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

export const COLOR_MODE_COOKIE = 'field-review.color-mode';

export function parseColorMode(value: string | undefined | null): ColorMode {
  return (COLOR_MODES as readonly string[]).includes(value ?? '') ? (value as ColorMode) : 'system';
}

/**
 * Inline script for <head> when the mode is `system`: the server cannot know the OS
 * preference, so this sets the class before the first paint. It carries the CSP nonce.
 */
export const SYSTEM_COLOR_SCHEME_SCRIPT =
  "(function(){try{var d=document.documentElement;if(!d.classList.contains('light')&&!d.classList.contains('dark')){d.classList.add(window.matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light')}}catch(e){}})();";
