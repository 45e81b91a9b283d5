import 'server-only';
import path from 'node:path';

/**
 * The fonts embedded in every pack: DejaVu Sans covers Latin, Greek, Cyrillic, Arabic, Hebrew
 * and more, so a name in any of those prints as written (PDF's built-in fonts know WinAnsi only).
 *
 * Resolved through the package, wherever the install put it, at run time: from the working
 * directory (the repo root for `next start` and the tests), because bundled server code has no
 * reliable location of its own. `createRequire` is taken from the running Node rather than
 * imported, so the bundler does not try to bundle the font files as modules.
 */
function resolveFromApp(specifier: string): string {
  const { createRequire } = process.getBuiltinModule('node:module');
  return createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), 'package.json')).resolve(specifier);
}

export type PackFont = 'body' | 'bold' | 'mono';

const FILES: Record<PackFont, string> = {
  body: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  mono: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
};

let resolved: Record<PackFont, string> | null = null;

/** The font files, resolved once. */
export function packFonts(): Record<PackFont, string> {
  resolved ??= { body: resolveFromApp(FILES.body), bold: resolveFromApp(FILES.bold), mono: resolveFromApp(FILES.mono) };
  return resolved;
}
