/**
 * Text PostgreSQL cannot store. A JavaScript string may hold a lone UTF-16 surrogate (half of
 * a pair, `"\ud800"`) or a NUL character: JSON carries both as escapes, but `jsonb` refuses
 * them and a `text` column refuses NUL, so one such value makes the whole statement fail.
 * Input from users is refused (`hasUnstorableText`); what must be kept whatever it holds
 * (an audit row, the upstream's own data in the index) is made storable (`storableText`).
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NUL = /\u0000/g;
/** C0 control characters: never meaningful in a URL's ids, search parameters or header values. */
const CONTROL = /[\u0000-\u001f]/;

/** What makes a string unstorable, or null when PostgreSQL takes it as it is. */
export function unstorableTextProblem(value: string): 'lone_surrogate' | 'nul' | null {
  LONE_SURROGATE.lastIndex = 0;
  if (LONE_SURROGATE.test(value)) return 'lone_surrogate';
  return value.includes('\u0000') ? 'nul' : null;
}

/** True when `value` holds a lone surrogate, a NUL, or (with `controls`) any C0 control character. */
export function hasUnstorableText(value: string, options: { controls?: boolean } = {}): boolean {
  return unstorableTextProblem(value) !== null || (options.controls === true && CONTROL.test(value));
}

/** The string with each lone surrogate replaced by U+FFFD (as a UTF-8 decoder would) and NUL removed. */
export function storableText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(NUL, '');
}

/**
 * A copy of a JSON-like value that PostgreSQL stores whatever it holds: every string and every
 * key, at any depth, through `storableText`. Values JSON would not keep as they are are turned
 * into what it would write (a `Date` into its ISO text, a bigint into its digits, a cycle into
 * a marker) so that serialising the copy never throws.
 */
export function storableJson(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return storableJson(withJson.toJSON(), seen);
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => storableJson(item, seen));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // A key spelled `__proto__` must stay a key: a plain assignment would set the prototype.
      Object.defineProperty(out, storableText(key), { value: storableJson(item, seen), enumerable: true, writable: true, configurable: true });
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Where a JSON value holds an unstorable string or key, at any depth: `{ field }`, the
 * top-level key (or index) it is under (null: the value itself, or a top-level key is at
 * fault), or null when there is none. Iterative: a body nested thousands of levels deep is an
 * answer, not a stack overflow.
 */
export function findUnstorableText(value: unknown): { field: string | number | null } | null {
  const stack: Array<{ value: unknown; field: string | number | null; top: boolean }> = [{ value, field: null, top: true }];
  while (stack.length > 0) {
    const { value: item, field, top } = stack.pop()!;
    if (typeof item === 'string') {
      if (unstorableTextProblem(item)) return { field };
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    const entries: Array<[string | number, unknown]> = Array.isArray(item) ? item.map((child, i) => [i, child]) : Object.entries(item);
    for (const [key] of entries) if (typeof key === 'string' && unstorableTextProblem(key)) return { field: top ? null : field };
    for (let i = entries.length - 1; i >= 0; i -= 1) stack.push({ value: entries[i][1], field: top ? entries[i][0] : field, top: false });
  }
  return null;
}
