import { describe, expect, it } from 'vitest';
import { packTexts } from './texts';

describe('packTexts', () => {
  it('formats dates in the locale and the display time zone', async () => {
    const fr = await packTexts('fr', 'Europe/Paris');
    // 23:30 UTC on 31 December is already the next day in Paris.
    expect(fr.date('2025-12-31T23:30:00Z')).toMatch(/1 janv\. 2026.*00:30/);
    const en = await packTexts('en', 'UTC');
    expect(en.date('2025-12-31T23:30:00Z')).toMatch(/Dec 31, 2025.*11:30/);
  });

  it('prints values in the language of the pack', async () => {
    const de = await packTexts('de', 'UTC');
    expect([de.value(true), de.value(false), de.value(null), de.value(1234.5), de.value('CAB-1')]).toEqual([
      'Ja',
      'Nein',
      'kein Wert',
      '1.234,5',
      'CAB-1',
    ]);
  });

  it('names timeline events as the page does: upstream types, our audit actions, anything else as words', async () => {
    const es = await packTexts('es', 'UTC');
    expect(es.eventType('analysis')).not.toBe('analysis');
    expect(es.eventType('evidence_pack_generated')).toBe('Expediente de pruebas creado');
    expect(es.eventType('work_order.update')).not.toMatch(/work_order/);
    expect(es.eventType('something.new_here')).toBe('something new here');
  });

  it('gives a dash for a missing or unreadable date', async () => {
    const en = await packTexts('en', 'UTC');
    expect(en.date(null)).toBe('—');
    expect(en.date('not a date')).toBe('—');
  });
});
