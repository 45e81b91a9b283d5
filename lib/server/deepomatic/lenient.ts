import { z } from 'zod';
import { noteAbsent, noteShape } from './shape-notes';

/**
 * The building blocks that let `schemas.ts` read an upstream answer part by part: a field or an
 * item that cannot be read degrades to a fallback (and is noted for the operator's log) instead
 * of failing the whole answer.
 *
 * zod detail: a key whose schema is a transform must start with `.optional()` to be allowed to
 * be absent from the object.
 */

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * `schema` when the value fits it; `fallback` when it is absent (undefined/null) or does not
 * fit (noted as unreadable at `path`). For fields whose loss degrades one detail only.
 */
export function lenient<S extends z.ZodType, F>(schema: S, fallback: F, path: string) {
  return z
    .unknown()
    .optional()
    .transform((value): z.output<S> | F => {
      if (value === undefined || value === null) return fallback;
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      noteShape(`${path} (unreadable)`);
      return fallback;
    });
}

/** Each item parsed on its own; unreadable items are handed to `onUnreadable` (default: dropped and noted). */
export function eachOf<S extends z.ZodType>(item: S, path: string, onUnreadable?: (raw: unknown, out: z.output<S>[]) => void) {
  return z
    .unknown()
    .optional()
    .transform((value): z.output<S>[] => {
      if (value === undefined || value === null) return [];
      if (!Array.isArray(value)) {
        noteShape(`${path} (not a list)`);
        return [];
      }
      const out: z.output<S>[] = [];
      for (const raw of value) {
        const parsed = item.safeParse(raw);
        if (parsed.success) out.push(parsed.data);
        else if (onUnreadable) onUnreadable(raw, out);
        else noteShape(`${path}[] (unreadable)`);
      }
      return out;
    });
}

/** Notes which of `keys` `raw` lacks, under `prefix`, then parses with `schema`. */
export function noting<S extends z.ZodType>(prefix: string, keys: readonly string[], schema: S) {
  return z.preprocess((raw) => {
    noteAbsent(raw, prefix, keys);
    return raw;
  }, schema);
}
