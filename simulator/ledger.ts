/** Every request the simulator received (admin calls excepted), for tests to inspect. */

export interface LedgerEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  bodyBytes: number;
  bodyTruncated: boolean;
  status: number | null;
  faultId: string | null;
  durationMs: number | null;
}

const MAX_ENTRIES = 10_000;
const MAX_BODY_CHARS = 64 * 1024;

export class Ledger {
  private entries: LedgerEntry[] = [];
  private seq = 0;

  record(method: string, url: URL, headers: LedgerEntry['headers'], body: Buffer): LedgerEntry {
    const query: LedgerEntry['query'] = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0] : values;
    }
    let parsed: unknown = null;
    let truncated = false;
    if (body.length > 0) {
      if (body.length > MAX_BODY_CHARS) {
        parsed = body.subarray(0, MAX_BODY_CHARS).toString('utf8');
        truncated = true;
      } else {
        const text = body.toString('utf8');
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
      }
    }
    this.seq += 1;
    const entry: LedgerEntry = {
      seq: this.seq,
      time: new Date().toISOString(),
      method,
      path: url.pathname,
      query,
      headers,
      body: parsed,
      bodyBytes: body.length,
      bodyTruncated: truncated,
      status: null,
      faultId: null,
      durationMs: null,
    };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    return entry;
  }

  list(filter: { method?: string; path?: string; since?: number } = {}): LedgerEntry[] {
    return this.entries.filter(
      (e) =>
        (!filter.method || e.method === filter.method.toUpperCase()) &&
        (!filter.path || e.path.includes(filter.path)) &&
        (filter.since === undefined || e.seq > filter.since),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
