'use client';

import { useState } from 'react';
import { errorMessage, saveDoubtWeights } from '@/lib/client/api';
import { DOUBT_COMPONENTS, MAX_DOUBT_WEIGHT, type DoubtComponent, type DoubtWeights, type DoubtWeightsDto } from '@/lib/shared/doubt';

/** Whole numbers from 0 to the maximum; anything else is refused before it is sent. */
function parseWeight(text: string): number | null {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value <= MAX_DOUBT_WEIGHT ? value : null;
}

/** The weights form's behaviour: the text of each field, which are invalid, saving, the outcome. */
export function useDoubtWeights(initial: DoubtWeightsDto) {
  const [saved, setSaved] = useState(initial);
  const [text, setText] = useState<Record<DoubtComponent, string>>(() => asText(initial.weights));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ severity: 'success' | 'error'; message: string | null } | null>(null);

  const invalid = new Set(DOUBT_COMPONENTS.filter((component) => parseWeight(text[component]) === null));
  const changed = DOUBT_COMPONENTS.some((component) => parseWeight(text[component]) !== saved.weights[component]);

  async function save() {
    if (invalid.size > 0) return;
    setBusy(true);
    setOutcome(null);
    try {
      const weights = Object.fromEntries(DOUBT_COMPONENTS.map((component) => [component, parseWeight(text[component])!])) as DoubtWeights;
      const answer = await saveDoubtWeights(weights);
      setSaved(answer);
      setText(asText(answer.weights));
      setOutcome({ severity: 'success', message: null });
    } catch (caught) {
      setOutcome({ severity: 'error', message: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  }

  return {
    saved,
    text,
    invalid,
    changed,
    busy,
    outcome,
    setWeight: (component: DoubtComponent, value: string) => setText((current) => ({ ...current, [component]: value })),
    resetToDefaults: () => setText(asText(saved.defaults)),
    save,
  };
}

function asText(weights: DoubtWeights): Record<DoubtComponent, string> {
  return Object.fromEntries(DOUBT_COMPONENTS.map((component) => [component, String(weights[component])])) as Record<DoubtComponent, string>;
}
