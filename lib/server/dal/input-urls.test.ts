import { describe, expect, it } from 'vitest';
import { forgetInputUrl, recallInputUrl, rememberInputUrls } from './input-urls';

const WO = '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';

describe('input URL memory', () => {
  it('remembers image URLs for a minute, never PDFs, and forgets on demand', () => {
    const now = 1_000_000;
    rememberInputUrls(
      WO,
      [
        { id: 'AA', url: 'https://storage.googleapis.com/a.png', type: 'image' },
        { id: 'bb', url: 'https://storage.googleapis.com/b.pdf', type: 'pdf' },
        { id: 'cc', url: null, type: 'image' },
      ],
      now,
    );
    expect(recallInputUrl(WO, 'aa', now + 1000)).toBe('https://storage.googleapis.com/a.png');
    expect(recallInputUrl(WO, 'bb', now)).toBeNull();
    expect(recallInputUrl(WO, 'cc', now)).toBeNull();
    expect(recallInputUrl('other', 'aa', now)).toBeNull();
    expect(recallInputUrl(WO, 'aa', now + 60_001)).toBeNull();
    rememberInputUrls(WO, [{ id: 'aa', url: 'u', type: 'image' }], now);
    forgetInputUrl(WO, 'AA');
    expect(recallInputUrl(WO, 'aa', now)).toBeNull();
  });
});
