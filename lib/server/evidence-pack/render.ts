import 'server-only';
import PDFDocument from 'pdfkit';
import { canonicalJson } from './canonical-json';
import type { EvidencePackContent } from './content';
import { PAGE } from './layout';
import type { LoadedPhoto } from './photos';
import {
  ATTACHMENT_NAME,
  drawConformity,
  drawCorrections,
  drawCover,
  drawIntegrity,
  drawPhotos,
  drawReview,
  drawSummary,
  drawTasks,
  drawTimeline,
} from './sections';
import type { PackTexts } from './texts';
import { COLOURS, PackWriter, printable } from './writer';

/** Page numbers and the work order's name at the foot of every page, once the page count is known. */
function drawFooters(writer: PackWriter, content: EvidencePackContent, texts: PackTexts): void {
  const { doc } = writer;
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Below the bottom margin PDFKit would start a new page: let the footer sit there.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(8)
      .fillColor(COLOURS.muted)
      .text(printable(texts.t('footer', { name: content.workOrder.name, page: index + 1, pages: count })), writer.left, PAGE.height - PAGE.margin, {
        width: writer.width,
        lineBreak: false,
        ellipsis: true,
      });
    doc.page.margins.bottom = margin;
  }
}

/**
 * Draws the evidence pack of `content` and returns the PDF's bytes. The canonical JSON whose
 * SHA-256 the pack prints is attached to the PDF, so a receiver can recompute the hash.
 */
export async function renderEvidencePack(
  content: EvidencePackContent,
  contentSha256: string,
  photos: ReadonlyMap<string, LoadedPhoto>,
  texts: PackTexts,
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin + PAGE.footer },
    bufferPages: true,
    lang: texts.locale,
    displayTitle: true,
    info: {
      Title: printable(`${texts.t('title')} — ${content.workOrder.name}`),
      Author: printable(content.generatedBy),
      Creator: 'Field Review',
      Subject: content.packId,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  try {
    const writer = new PackWriter(doc);
    drawCover(writer, content, contentSha256, texts);
    drawSummary(writer, content, texts);
    drawReview(writer, content, texts);
    drawTasks(writer, content, texts);
    drawCorrections(writer, content, texts);
    drawConformity(writer, content, texts);
    drawTimeline(writer, content, texts);
    drawPhotos(writer, content, photos, texts);
    drawIntegrity(writer, content, contentSha256, texts);
    drawFooters(writer, content, texts);
    doc.file(Buffer.from(canonicalJson(content), 'utf8'), { name: ATTACHMENT_NAME, type: 'application/json', description: contentSha256 });
  } finally {
    doc.end();
  }
  return finished;
}
