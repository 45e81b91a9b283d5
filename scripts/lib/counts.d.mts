export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
export function vitestCounts(json: unknown): Counts | null;
export function playwrightCounts(json: unknown): Counts | null;
export function vitestCountsFromFile(file: string): Counts | null;
export function playwrightCountsFromFile(file: string): Counts | null;
