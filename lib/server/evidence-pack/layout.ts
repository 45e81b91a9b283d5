import type { NormalisedBox } from '@/lib/shared/bounding-box';

/** Pure geometry and naming of a pack, apart from PDFKit so each rule is tested on its own. */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A4 in PDF points, and the margins every page keeps. */
export const PAGE = { width: 595.28, height: 841.89, margin: 50, footer: 28 } as const;

/**
 * The size of an image scaled to fill `maxWidth` × `maxHeight` as far as its aspect allows.
 * A small photo is enlarged too: in a dispute its boxes must be readable, not sharp.
 */
export function fitWithin(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  if (!(width > 0 && height > 0)) return { width: 0, height: 0 };
  const scale = Math.min(maxWidth / width, maxHeight / height);
  return { width: width * scale, height: height * scale };
}

/** A normalised box (0..1, origin top-left, as the AI gives it) over an image drawn at `frame`. */
export function boxRect(box: NormalisedBox, frame: Rect): Rect {
  return {
    x: frame.x + box.xmin * frame.width,
    y: frame.y + box.ymin * frame.height,
    width: (box.xmax - box.xmin) * frame.width,
    height: (box.ymax - box.ymin) * frame.height,
  };
}

/** Where a box's number tag goes: just above its top-left corner, inside the image when the box touches its top. */
export function tagPosition(rect: Rect, frame: Rect, tagHeight: number): { x: number; y: number } {
  const above = rect.y - tagHeight;
  return { x: rect.x, y: above >= frame.y ? above : rect.y };
}

/**
 * The download's file name: ASCII letters, digits, `-` and `_` from the work order's name (the
 * rest becomes `-`), at most 60 of them, and the day. A name is customer text: nothing of it
 * may break the `Content-Disposition` header or name a path.
 */
export function packFilename(workOrderName: string, day: string): string {
  const slug = workOrderName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 60)
    .replace(/[-_]+$/g, '');
  return `evidence-pack-${slug || 'work-order'}-${day}.pdf`;
}
