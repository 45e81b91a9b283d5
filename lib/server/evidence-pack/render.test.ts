import { describe, expect, it } from 'vitest';
import { pngOf, sampleContent } from '@/test/fixtures/evidence-pack';
import { readPdf } from '@/test/harness/pdf-text';
import { canonicalJson, sha256Hex } from './canonical-json';
import { checkEmbeddable } from './embeddable-image';
import type { LoadedPhoto } from './photos';
import { renderEvidencePack } from './render';
import { ATTACHMENT_NAME } from './sections';
import { packTexts } from './texts';

async function render(locale: 'en' | 'fr' = 'en', content = sampleContent()) {
  const png = pngOf(2);
  const check = checkEmbeddable(png);
  if (!check.ok) throw new Error('the test photo must be embeddable');
  const photos = new Map<string, LoadedPhoto>([['in-1', { file: content.photos[0].file, bytes: png, width: check.width, height: check.height }]]);
  const hash = sha256Hex(canonicalJson(content));
  const bytes = await renderEvidencePack(content, hash, photos, await packTexts(locale, content.timeZone));
  return { hash, pdf: await readPdf(bytes) };
}

describe('renderEvidencePack', () => {
  it('prints every section of the content, read back from the PDF', async () => {
    const { hash, pdf } = await render();
    expect(pdf.text).toContain('Evidence pack');
    // Names in Cyrillic and Greek print as written (the embedded font covers them).
    expect(pdf.text).toContain('Поставка Ωmega — Zoë');
    expect(pdf.text).toContain('Cabinet open after work');
    expect(pdf.text).toContain('AI: Yes');
    expect(pdf.text).toContain('Corrected: No');
    expect(pdf.text).toContain('Verdict: not validated');
    expect(pdf.text).toContain('Reason: AI false positive (ai_false_positive)');
    expect(pdf.text).toContain('Comment: door visibly shut on site');
    expect(pdf.text).toContain('lead@example.test');
    expect(pdf.text).toContain('The photo is slightly blurred');
    expect(pdf.text).toContain('Photo missing: could not be loaded from Deepomatic');
    expect(pdf.text).toContain('1. pm-ouvert-apres / pm_ouvert_apres · label door · score 87 %');
    expect(pdf.text).toContain(hash);
    expect(pdf.title).toBe('Evidence pack — Поставка Ωmega — Zoë');
  });

  it('embeds exactly the photos that are included', async () => {
    const { pdf } = await render();
    expect(pdf.images).toBe(1);
  });

  it('attaches the canonical JSON whose SHA-256 it prints', async () => {
    const content = sampleContent();
    const { hash, pdf } = await render('en', content);
    const attached = pdf.attachments[ATTACHMENT_NAME];
    expect(new TextDecoder().decode(attached)).toBe(canonicalJson(content));
    expect(sha256Hex(attached)).toBe(hash);
  });

  it('speaks the language of the user', async () => {
    const { pdf } = await render('fr');
    expect(pdf.text).toContain('Dossier de preuves');
    expect(pdf.text).toContain('Motif : AI false positive (ai_false_positive)');
    expect(pdf.text).toContain('IA : Oui');
  });

  it('numbers its pages in the footer', async () => {
    const { pdf } = await render();
    expect(pdf.text).toContain(`page 1 of ${pdf.pages}`);
  });

  it('prints hostile customer text without breaking', async () => {
    const content = sampleContent();
    content.tasks[0].message = 'lone \ud800 surrogate and \u0007 bell\u0000';
    content.workOrder.name = 'x'.repeat(3000);
    const { pdf } = await render('en', content);
    expect(pdf.text).toContain('surrogate and');
  });
});
