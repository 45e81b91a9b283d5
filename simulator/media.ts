/**
 * Photos served by the simulator: example photos of task groups and the photos of
 * inputs, as signed, expiring URLs on the simulator's own host (like the platform's
 * signed storage URLs). They need no API key but cannot be guessed.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { BoundingBox } from '../lib/shared/progress-score';
import { Canvas, type Rgb } from './png';
import { Random } from './random';

const URL_LIFETIME_SECONDS = 24 * 3600;

export class MediaSigner {
  private readonly secret = randomBytes(32);

  constructor(private readonly baseUrl: () => string) {}

  private signature(path: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${path}\n${expires}`).digest('base64url');
  }

  /** An absolute signed URL for a media path; stable within an hour so clients can cache. */
  sign(path: string, nowMs = Date.now()): string {
    const expires = Math.ceil((nowMs / 1000 + URL_LIFETIME_SECONDS) / 3600) * 3600;
    return `${this.baseUrl()}${path}?Expires=${expires}&Signature=${this.signature(path, expires)}`;
  }

  /** 'ok', or why the URL is refused. */
  verify(path: string, query: URLSearchParams, nowMs = Date.now()): 'ok' | 'missing' | 'expired' | 'bad_signature' {
    const expires = Number(query.get('Expires'));
    const signature = query.get('Signature');
    if (!signature || !Number.isInteger(expires)) return 'missing';
    const expected = Buffer.from(this.signature(path, expires));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad_signature';
    if (expires * 1000 < nowMs) return 'expired';
    return 'ok';
  }
}

export function inputMediaPath(workOrderId: string, inputId: string, type: 'image' | 'pdf'): string {
  return `/media/inputs/${workOrderId}/${inputId}.${type === 'pdf' ? 'pdf' : 'png'}`;
}

export function exampleMediaPath(taskGroupName: string, n: number): string {
  return `/media/examples/${encodeURIComponent(taskGroupName)}/${n}.png`;
}

function palette(random: Random): { top: Rgb; bottom: Rgb; cabinet: Rgb; ink: Rgb } {
  const hue = random.next();
  const base = (l: number): Rgb => {
    const r = Math.round(l * (0.75 + 0.25 * Math.sin(hue * 6.28)));
    const g = Math.round(l * (0.75 + 0.25 * Math.sin(hue * 6.28 + 2.1)));
    const b = Math.round(l * (0.75 + 0.25 * Math.sin(hue * 6.28 + 4.2)));
    return [r, g, b];
  };
  return { top: base(210), bottom: base(120), cabinet: [92, 98, 108], ink: [20, 24, 32] };
}

const WIDTH = 480;
const HEIGHT = 360;

/**
 * A street-cabinet style photo: a labelled cabinet with ports, and the detected objects
 * drawn where the AI's bounding boxes say they are.
 */
export function renderInputPhoto(inputId: string, title: string, boxes: readonly BoundingBox[]): Buffer {
  const random = new Random('photo', inputId);
  const colours = palette(random);
  const canvas = new Canvas(WIDTH, HEIGHT, colours.bottom);
  canvas.gradient(colours.top, colours.bottom);
  canvas.rect(40, 60, 400, 280, colours.cabinet);
  canvas.frame(40, 60, 400, 280, [60, 64, 70], 4);
  for (let row = 0; row < 4; row += 1) {
    for (let col = 0; col < 8; col += 1) {
      const lit = random.chance(0.7);
      canvas.rect(70 + col * 45, 110 + row * 50, 24, 14, lit ? [40, 180, 90] : [30, 34, 40]);
    }
  }
  for (const box of boxes) {
    const x = box.xmin * WIDTH;
    const y = box.ymin * HEIGHT;
    const w = (box.xmax - box.xmin) * WIDTH;
    const h = (box.ymax - box.ymin) * HEIGHT;
    canvas.rect(x, y, w, h, [226, 170, 60]);
    canvas.frame(x, y, w, h, [120, 70, 10], 3);
  }
  canvas.rect(0, 0, WIDTH, 40, [250, 250, 250]);
  canvas.text(10, 12, title.slice(0, 38), colours.ink, 2);
  canvas.text(10, HEIGHT - 22, `INPUT ${inputId.slice(0, 8)}`, [250, 250, 250], 2);
  return canvas.toPng();
}

export function renderExamplePhoto(taskGroupName: string, displayName: string, n: number): Buffer {
  const random = new Random('example', taskGroupName, n);
  const colours = palette(random);
  const canvas = new Canvas(WIDTH, HEIGHT, colours.bottom);
  canvas.gradient(colours.top, colours.bottom);
  canvas.rect(60, 70, 360, 250, colours.cabinet);
  canvas.frame(60, 70, 360, 250, [40, 160, 90], 6);
  canvas.text(90, 180, 'PHOTO EXEMPLE', [250, 250, 250], 4);
  canvas.rect(0, 0, WIDTH, 40, [250, 250, 250]);
  canvas.text(10, 12, `${displayName.slice(0, 30)} #${n + 1}`, colours.ink, 2);
  return canvas.toPng();
}

/** A minimal valid one-page PDF, for PDF inputs whose bytes are no longer kept. */
export function renderPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, ' ').slice(0, 60);
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
