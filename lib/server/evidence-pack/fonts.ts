import 'server-only';
import { createRequire } from 'node:module';

/**
 * The fonts embedded in every pack: DejaVu Sans covers Latin, Greek, Cyrillic, Arabic, Hebrew
 * and more, so a name in any of those prints as written (PDF's built-in fonts know WinAnsi only).
 * Resolved through the package, wherever the install put it.
 */
const require = createRequire(import.meta.url);

export const PACK_FONTS = {
  body: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
} as const;

export type PackFont = keyof typeof PACK_FONTS;
