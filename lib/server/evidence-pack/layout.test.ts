import { describe, expect, it } from 'vitest';
import { boxRect, fitWithin, packFilename, tagPosition } from './layout';

describe('fitWithin', () => {
  it('scales a wide image down to the width, keeping its aspect', () => {
    expect(fitWithin(2000, 1000, 400, 400)).toEqual({ width: 400, height: 200 });
  });

  it('scales a tall image down to the height', () => {
    expect(fitWithin(1000, 2000, 400, 300)).toEqual({ width: 150, height: 300 });
  });

  it('enlarges a small image until it fills the space', () => {
    expect(fitWithin(100, 50, 400, 400)).toEqual({ width: 400, height: 200 });
  });

  it('gives nothing to draw for an image without size', () => {
    expect(fitWithin(0, 50, 400, 400)).toEqual({ width: 0, height: 0 });
  });
});

describe('boxRect', () => {
  it('places a normalised box over the image as drawn', () => {
    const frame = { x: 50, y: 100, width: 400, height: 200 };
    expect(boxRect({ xmin: 0.25, ymin: 0.5, xmax: 0.75, ymax: 1 }, frame)).toEqual({ x: 150, y: 200, width: 200, height: 100 });
  });
});

describe('tagPosition', () => {
  const frame = { x: 0, y: 100, width: 400, height: 200 };
  it('puts the tag above the box', () => {
    expect(tagPosition({ x: 10, y: 150, width: 50, height: 50 }, frame, 12)).toEqual({ x: 10, y: 138 });
  });
  it('keeps the tag inside the image when the box touches its top', () => {
    expect(tagPosition({ x: 10, y: 105, width: 50, height: 50 }, frame, 12)).toEqual({ x: 10, y: 105 });
  });
});

describe('packFilename', () => {
  it('keeps letters, digits, dash and underscore of the name, and the day', () => {
    expect(packFilename('WO_2024-17', '2026-12-06')).toBe('evidence-pack-WO_2024-17-2026-12-06.pdf');
  });

  it('turns accents into their letters and anything else into single dashes', () => {
    expect(packFilename('Élagage  rue "Pasteur"; n°3', '2026-12-06')).toBe('evidence-pack-Elagage-rue-Pasteur-n-3-2026-12-06.pdf');
  });

  it('cannot name a path or break a header', () => {
    const name = packFilename('../../etc/passwd\r\nX-Evil: 1', '2026-12-06');
    expect(name).toBe('evidence-pack-etc-passwd-X-Evil-1-2026-12-06.pdf');
    expect(name).not.toMatch(/[/\\\r\n"]/);
  });

  it('falls back to a generic name when nothing of the name is left', () => {
    expect(packFilename('工事 «»', '2026-12-06')).toBe('evidence-pack-work-order-2026-12-06.pdf');
  });

  it('caps the length of the name part', () => {
    expect(packFilename('a'.repeat(500), '2026-12-06')).toBe(`evidence-pack-${'a'.repeat(60)}-2026-12-06.pdf`);
  });
});
