'use client';

import { useEffect, useRef, useState } from 'react';

// Long enough to skip the letters of a word typed at speed, short enough to feel immediate.
const SEARCH_DEBOUNCE_MS = 150;
const MAX_SEARCH_LENGTH = 200;

/**
 * The search box's text: it follows the URL (back/forward, reset) and writes to it after a
 * pause in typing, or at once on Enter. `search(text)` writes the URL (replacing the history
 * entry while typing).
 */
export function useSearchText(q: string | null, search: (q: string | null, options: { replace: boolean }) => void) {
  const [text, setText] = useState(q ?? '');
  const [shownQ, setShownQ] = useState(q);
  if (shownQ !== q) {
    setShownQ(q);
    setText(q ?? '');
  }
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => (debounce.current ? clearTimeout(debounce.current) : undefined), []);
  const normalised = (value: string) => value.trim().slice(0, MAX_SEARCH_LENGTH) || null;

  return {
    text,
    maxLength: MAX_SEARCH_LENGTH,
    onText: (value: string) => {
      setText(value);
      if (debounce.current) clearTimeout(debounce.current);
      debounce.current = setTimeout(() => search(normalised(value), { replace: true }), SEARCH_DEBOUNCE_MS);
    },
    submit: () => {
      if (debounce.current) clearTimeout(debounce.current);
      search(normalised(text), { replace: false });
    },
  };
}
