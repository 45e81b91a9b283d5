import 'server-only';
import { storableText } from '@/lib/shared/storable-text';
import { packFonts, type PackFont } from './fonts';
import { PAGE } from './layout';

/**
 * Text as a PDF can hold it: customer text may carry lone surrogates (the font encoder cannot
 * map them) and control characters (they would print as boxes or move the pen).
 */
export function printable(text: string): string {
  return storableText(text).replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ');
}

export const COLOURS = { text: '#000000', muted: '#4d4d4d', rule: '#9e9e9e', box: '#d32f2f', boxText: '#ffffff' } as const;

/** The page flow of a pack: sections, headings and lines, each starting a new page when it would not fit. */
export class PackWriter {
  constructor(readonly doc: PDFKit.PDFDocument) {
    for (const [name, file] of Object.entries(packFonts())) doc.registerFont(name, file);
    doc.font('body');
  }

  get left(): number {
    return PAGE.margin;
  }

  get width(): number {
    return PAGE.width - 2 * PAGE.margin;
  }

  /** The lowest point content may reach (the footer lives below). */
  get bottom(): number {
    return PAGE.height - PAGE.margin - PAGE.footer;
  }

  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  gap(lines = 0.5): void {
    this.doc.moveDown(lines);
  }

  title(text: string): void {
    this.write(text, { font: 'bold', size: 20 });
  }

  section(text: string): void {
    this.ensureSpace(80);
    this.gap(1);
    this.write(text, { font: 'bold', size: 14 });
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(COLOURS.rule)
      .stroke();
    this.doc.y = y + 6;
  }

  subheading(text: string): void {
    this.ensureSpace(40);
    this.gap(0.4);
    this.write(text, { font: 'bold', size: 11 });
  }

  line(text: string, options: { font?: PackFont; size?: number; colour?: string; indent?: number } = {}): void {
    this.write(text, options);
  }

  /** `label: value` on one line (wrapping as needed), the label in bold. */
  field(label: string, value: string): void {
    this.ensureSpace(14);
    this.doc
      .font('bold')
      .fontSize(10)
      .fillColor(COLOURS.text)
      .text(`${printable(label)}: `, this.left, this.doc.y, { width: this.width, continued: true })
      .font('body')
      .text(printable(value));
  }

  private write(text: string, options: { font?: PackFont; size?: number; colour?: string; indent?: number }): void {
    const indent = options.indent ?? 0;
    this.doc
      .font(options.font ?? 'body')
      .fontSize(options.size ?? 10)
      .fillColor(options.colour ?? COLOURS.text)
      .text(printable(text), this.left + indent, this.doc.y, { width: this.width - indent });
  }
}
