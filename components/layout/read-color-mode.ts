import 'server-only';
import { cookies } from 'next/headers';
import { COLOR_MODE_COOKIE, parseColorMode, type ColorMode } from './color-mode';

/** The colour mode the user chose (cookie), for server-rendered layouts. */
export async function getColorMode(): Promise<ColorMode> {
  return parseColorMode((await cookies()).get(COLOR_MODE_COOKIE)?.value);
}
