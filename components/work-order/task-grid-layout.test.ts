import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CARDS, COMPACT, GRID_CONTAINER, LAYOUT_FROM, layoutForGridWidth, WIDE_CARDS } from './task-grid-layout';

/** The stylesheet that lays the grid out: its container queries are the ones these tests reason about. */
const css = readFileSync(new URL('./TaskGrid.module.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The width range a container query covers, read back from its text. */
function range(query: string): { min: number; max: number } {
  const min = /\(min-width: ([\d.]+)px\)/.exec(query)?.[1];
  const max = /\(max-width: ([\d.]+)px\)/.exec(query)?.[1];
  return { min: min ? Number(min) : 0, max: max ? Number(max) : Infinity };
}

const inRange = (query: string, width: number) => width >= range(query).min && width <= range(query).max;

/** The width the grid gets beside the photos: the viewport less the nav drawer, the page's and the panel's padding, a third for the photos. */
const gridWidthBesidePhotos = (viewport: number) => ((viewport - 232 - 2 * 24 - 24) * 2) / 3 - 2 * 12 - 2;

describe('task grid layout', () => {
  it('gives a 1440 px laptop the compact table, a 1280 px one cards, a wide screen the full table, a phone cards', () => {
    expect(layoutForGridWidth(gridWidthBesidePhotos(1440))).toBe('compact');
    expect(layoutForGridWidth(gridWidthBesidePhotos(1280))).toBe('wideCards');
    expect(layoutForGridWidth(gridWidthBesidePhotos(1920))).toBe('table');
    expect(layoutForGridWidth(390 - 2 * 16 - 2 * 12)).toBe('cards');
  });

  it('has exactly one layout for every width, as the container queries say', () => {
    for (let width = 200; width <= 1400; width += 0.5) {
      const layout = layoutForGridWidth(width);
      expect(inRange(COMPACT, width), `${width}px compact`).toBe(layout === 'compact');
      expect(inRange(CARDS, width), `${width}px cards`).toBe(layout === 'cards' || layout === 'wideCards');
      expect(inRange(WIDE_CARDS, width), `${width}px wide cards`).toBe(layout === 'wideCards');
    }
  });

  it('orders the layouts from the narrowest', () => {
    const starts = LAYOUT_FROM.map(([, from]) => from);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(LAYOUT_FROM.map(([name]) => name)).toEqual(['cards', 'wideCards', 'compact', 'table']);
  });

  it('lays the grid out with exactly these container queries, on the container the stylesheet declares', () => {
    const queries = [...css.matchAll(/@container[^{]*/g)].map((m) => m[0].trim());
    expect(new Set(queries)).toEqual(new Set([CARDS, WIDE_CARDS, COMPACT]));
    expect(css).toContain(`container: ${GRID_CONTAINER} / inline-size;`);
  });
});
