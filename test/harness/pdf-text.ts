/**
 * Reads a PDF back the way a receiver's viewer would (pdfjs): its text line by line, how many
 * images each page paints, and its attached files. Tests of the evidence pack check what it
 * says through this, never through the code that drew it.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadPdf {
  pages: number;
  /** Every page's text, one line per text run that ended a line. */
  text: string;
  /** Images painted, over all pages. */
  images: number;
  /** Attached files by name. */
  attachments: Record<string, Uint8Array>;
  title: string | null;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true }).promise;
  try {
    let text = '';
    let images = 0;
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      text += '\n';
      const operators = await page.getOperatorList();
      images += operators.fnArray.filter((fn) => fn === OPS.paintImageXObject).length;
    }
    const found = ((await document.getAttachments()) ?? {}) as Record<string, { content: Uint8Array }>;
    const attachments = Object.fromEntries(Object.entries(found).map(([name, file]) => [name, file.content]));
    const { info } = (await document.getMetadata()) as { info: { Title?: string } };
    return { pages: document.numPages, text, images, attachments, title: info.Title ?? null };
  } finally {
    await document.destroy();
  }
}
