import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxToPercentRect, clampView, cleanBox, panBy, scorePercent, zoomAt } from './box-geometry';

describe('cleanBox', () => {
  it('keeps a normal box', () => {
    expect(cleanBox({ xmin: 0.1, ymin: 0.2, xmax: 0.5, ymax: 0.6 })).toEqual({ xmin: 0.1, ymin: 0.2, xmax: 0.5, ymax: 0.6 });
  });
  it('swaps inverted corners and clamps to the image', () => {
    expect(cleanBox({ xmin: 0.8, ymin: 1.4, xmax: -0.2, ymax: 0.5 })).toEqual({ xmin: 0, ymin: 0.5, xmax: 0.8, ymax: 1 });
  });
  it.each([
    [{ xmin: 0.1, ymin: 0.1, xmax: 0.1, ymax: 0.5 }],
    [{ xmin: Number.NaN, ymin: 0, xmax: 1, ymax: 1 }],
    [{ xmin: 0, ymin: 0, xmax: Infinity, ymax: 1 }],
    [{ xmin: 1.2, ymin: 0, xmax: 1.5, ymax: 1 }],
    [{ xmin: 0 }],
    [null],
  ])('drops a box with no drawable area %j', (box) => {
    expect(cleanBox(box as never)).toBeNull();
  });
  it('always yields a box inside the image', () => {
    const n = fc.double({ min: -5, max: 5, noNaN: true });
    fc.assert(
      fc.property(n, n, n, n, (xmin, ymin, xmax, ymax) => {
        const box = cleanBox({ xmin, ymin, xmax, ymax });
        if (!box) return;
        for (const v of Object.values(box)) expect(v >= 0 && v <= 1).toBe(true);
        expect(box.xmax).toBeGreaterThan(box.xmin);
        expect(box.ymax).toBeGreaterThan(box.ymin);
      }),
    );
  });
});

describe('boxToPercentRect', () => {
  it('maps to the 0..100 overlay', () => {
    expect(boxToPercentRect({ xmin: 0.1, ymin: 0.25, xmax: 0.55, ymax: 1 })).toEqual({ x: 10, y: 25, width: 45, height: 75 });
  });
});

describe('scorePercent', () => {
  it.each([
    [0.934, 93],
    [1, 100],
    [0, 0],
    [1.2, null],
    [-0.1, null],
    ['0.5', null],
    [undefined, null],
  ])('%j → %j', (score, expected) => {
    expect(scorePercent(score)).toBe(expected);
  });
});

describe('zoom and pan', () => {
  it('cannot zoom out below fit nor pan at fit', () => {
    expect(clampView({ scale: 0.2, offsetX: 0.4, offsetY: -1 })).toEqual({ scale: 1, offsetX: 0, offsetY: 0 });
  });
  it('caps the zoom', () => {
    expect(zoomAt({ scale: 6, offsetX: 0, offsetY: 0 }, 4).scale).toBe(8);
  });
  it('keeps the point under the cursor still', () => {
    const view = zoomAt({ scale: 1, offsetX: 0, offsetY: 0 }, 2, { x: 0.25, y: -0.25 });
    // The image point under the cursor: (point − offset) / scale, the same before and after.
    expect((0.25 - view.offsetX) / view.scale).toBeCloseTo(0.25 / 1);
    expect((-0.25 - view.offsetY) / view.scale).toBeCloseTo(-0.25 / 1);
  });
  it('pans within the image', () => {
    expect(panBy({ scale: 3, offsetX: 0, offsetY: 0 }, 5, -0.5)).toEqual({ scale: 3, offsetX: 1, offsetY: -0.5 });
  });
  it('ignores non-finite input', () => {
    expect(clampView({ scale: Number.NaN, offsetX: Number.NaN, offsetY: 0 })).toEqual({ scale: 1, offsetX: 0, offsetY: 0 });
  });
});
