'use client';

import { useTranslations } from 'next-intl';

/** Turns the API's `fields` (keys of `admin.errors`) into text; unknown values shown as sent. */
export function useFieldErrorText() {
  const t = useTranslations('admin');
  return (value: string | undefined): string | undefined => {
    if (!value) return undefined;
    const key = `errors.${value}`;
    return t.has(key) ? t(key) : value;
  };
}
