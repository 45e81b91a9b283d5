/**
 * Deterministic randomness: every generated work order, id and "AI" result is derived
 * from (seed, labels) so two runs with the same seed serve the same site.
 */

/** 32-bit FNV-1a over a string, finished with a murmur3 mix for better spread. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small fast PRNG (sfc32) seeded from any list of labels. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...labels: Array<string | number>) {
    const key = labels.join('\u0000');
    this.a = hash32(`a${key}`);
    this.b = hash32(`b${key}`);
    this.c = hash32(`c${key}`);
    this.d = hash32(`d${key}`) | 1;
    for (let i = 0; i < 12; i += 1) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += hex8(this.uint32());
    return out.slice(0, length);
  }

  /** A random-looking, lowercase RFC 4122 version-4 UUID. */
  uuid(): string {
    const a = hex8(this.uint32());
    const b = hex8(((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0);
    const c = hex8(((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0);
    const d = hex8(this.uint32());
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return BYTE_HEX[n >>> 24] + BYTE_HEX[(n >>> 16) & 255] + BYTE_HEX[(n >>> 8) & 255] + BYTE_HEX[n & 255];
}

/** A deterministic UUID for the given labels. */
export function uuidFor(...labels: Array<string | number>): string {
  return new Random('uuid', ...labels).uuid();
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
