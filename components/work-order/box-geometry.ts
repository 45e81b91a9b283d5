/**
 * Geometry of the bounding boxes drawn over a photo. Boxes arrive normalised (0..1,
 * origin top-left) from a third party, so they are cleaned before drawing: corners
 * swapped when inverted, clamped to the image, degenerate or non-finite boxes dropped.
 * The overlay is an SVG with `viewBox="0 0 100 100"` stretched over the image, so a box
 * becomes a rectangle in percent.
 */
export interface NormalisedBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

export interface PercentRect {
  x: number;
  y: number;
  width: number;
  height: number;
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

/** The box as a rectangle in the 0..100 overlay coordinate space. */
export function boxToPercentRect(box: NormalisedBox): PercentRect {
  const round = (v: number) => Math.round(v * 1e4) / 1e2;
  return {
    x: round(box.xmin),
    y: round(box.ymin),
    width: round(box.xmax - box.xmin),
    height: round(box.ymax - box.ymin),
  };
}

/** A score between 0 and 1 as a whole percentage, or null when absent or out of range. */
export function scorePercent(score: unknown): number | null {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) return null;
  return Math.round(score * 100);
}

export interface ZoomView {
  /** 1 = fit; the image is drawn `scale` times larger. */
  scale: number;
  /** Translation in fractions of the viewport (0 = centred). */
  offsetX: number;
  offsetY: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;

/**
 * Keeps a zoomed image covering its viewport: at scale s the image is s times the
 * viewport, so it can move at most (s − 1) / 2 of the viewport either way.
 */
export function clampView(view: ZoomView): ZoomView {
  const scale = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Number.isFinite(view.scale) ? view.scale : 1));
  const limit = (scale - 1) / 2;
  // `+ 0` turns -0 into 0 so a view at rest compares equal to the initial one.
  const clampOffset = (v: number) => (Number.isFinite(v) ? Math.min(limit, Math.max(-limit, v)) + 0 : 0);
  return { scale, offsetX: clampOffset(view.offsetX), offsetY: clampOffset(view.offsetY) };
}

/**
 * Zooms by `factor` keeping the point under the cursor still. `point` is in viewport
 * fractions from the centre (−0.5..0.5).
 */
export function zoomAt(view: ZoomView, factor: number, point: { x: number; y: number } = { x: 0, y: 0 }): ZoomView {
  const next = clampView({ ...view, scale: view.scale * factor });
  const ratio = next.scale / view.scale;
  return clampView({
    scale: next.scale,
    offsetX: point.x - (point.x - view.offsetX) * ratio,
    offsetY: point.y - (point.y - view.offsetY) * ratio,
  });
}

/** Moves the view by a drag of (dx, dy) viewport fractions. */
export function panBy(view: ZoomView, dx: number, dy: number): ZoomView {
  return clampView({ ...view, offsetX: view.offsetX + dx, offsetY: view.offsetY + dy });
}
