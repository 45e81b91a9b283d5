/**
 * Cleaning of the bounding boxes the AI draws on a photo, for every place that draws them (the
 * page's overlay, the evidence pack). Boxes arrive normalised (0..1, origin top-left) from a
 * third party, so corners are swapped when inverted, clamped to the image, and degenerate or
 * non-finite boxes dropped.
 */
export interface NormalisedBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** A drawable box, or null when it has no area inside the image. */
export function cleanBox(box: Partial<NormalisedBox> | null | undefined): NormalisedBox | null {
  if (!box) return null;
  const values = [box.xmin, box.ymin, box.xmax, box.ymax];
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
  const [x1, y1, x2, y2] = values as number[];
  const cleaned = {
    xmin: clamp01(Math.min(x1, x2)),
    ymin: clamp01(Math.min(y1, y2)),
    xmax: clamp01(Math.max(x1, x2)),
    ymax: clamp01(Math.max(y1, y2)),
  };
  if (cleaned.xmax - cleaned.xmin <= 0 || cleaned.ymax - cleaned.ymin <= 0) return null;
  return cleaned;
}

/** A score between 0 and 1 as a whole percentage, or null when absent or out of range. */
export function scorePercent(score: unknown): number | null {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) return null;
  return Math.round(score * 100);
}
