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
  const inputRef = useRef<HTMLInputElement | null>(null);
  const normalised = (value: string) => value.trim().slice(0, MAX_SEARCH_LENGTH) || null;
  const onText = (value: string) => {
    setText(value);
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(() => search(normalised(value), { replace: true }), SEARCH_DEBOUNCE_MS);
  };
  useEffect(() => {
    // The box is in the server's HTML, so a user can type before the page's scripts run: the
    // letters stay in the box, but no change event reached React. Search for them once hydrated.
    const typed = inputRef.current?.value;
    if (typed !== undefined && typed !== (q ?? '')) onText(typed);
    return () => (debounce.current ? clearTimeout(debounce.current) : undefined);
    // Once, at hydration: later changes come through the change events.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return {
    text,
    maxLength: MAX_SEARCH_LENGTH,
    inputRef,
    onText,
    submit: () => {
      if (debounce.current) clearTimeout(debounce.current);
      search(normalised(text), { replace: false });
    },
  };
}
