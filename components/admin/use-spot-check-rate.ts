'use client';

import { useState } from 'react';
import { errorMessage, setSpotCheckRate } from '@/lib/client/api';
import type { SpotCheckSettingsDto } from '@/lib/shared/spot-checks';
import { parseRate } from './spot-check-rate';

/** The admin's sampling-rate form: the typed text, its check, and the save. */
export function useSpotCheckRate(initial: SpotCheckSettingsDto) {
  const [settings, setSettings] = useState(initial);
  const [text, setText] = useState(String(initial.ratePercent));
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'saved'; rate: number } | { kind: 'failed'; message: string } | null>(null);
  const rate = parseRate(text);

  async function save() {
    if (rate === null) return;
    setSaving(true);
    setOutcome(null);
    try {
      const next = await setSpotCheckRate(rate);
      setSettings(next);
      setOutcome({ kind: 'saved', rate: next.ratePercent });
    } catch (caught) {
      setOutcome({ kind: 'failed', message: errorMessage(caught) });
    } finally {
      setSaving(false);
    }
  }

  return { settings, text, setText, invalid: rate === null, saving, outcome, save };
}
