/**
 * Geometry of the bounding boxes drawn over a photo. The overlay is an SVG with
 * `viewBox="0 0 100 100"` stretched over the image, so a box becomes a rectangle in percent.
 * Cleaning a box (it comes from a third party) is shared with the server's evidence pack.
 */
import type { NormalisedBox } from '@/lib/shared/bounding-box';

export { cleanBox, scorePercent, type NormalisedBox } from '@/lib/shared/bounding-box';

export interface PercentRect {
  x: number;
  y: number;
  width: number;
  height: number;
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
