/** Reads a percentage typed with a dot or a comma; null when it is not a number from 0 to 100. */
export function parseRate(text: string): number | null {
  const normalised = text.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d+)?$/.test(normalised)) return null;
  const value = Number(normalised);
  return value >= 0 && value <= 100 ? value : null;
}
