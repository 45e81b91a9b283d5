import { describe, expect, it } from 'vitest';
import { analysisCallbackUrl, signAnalysisId, verifyAnalysisSignature } from './callback-signature';

const SECRET = 'test-secret-0123456789abcdef';
const ID = '7c0e8f0a-5b7e-4a43-9a0b-1f2d3c4b5a69';

describe('analysis callback signature', () => {
  it('verifies its own signature only', () => {
    const sig = signAnalysisId(ID, SECRET);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyAnalysisSignature(ID, sig, SECRET)).toBe(true);
    expect(verifyAnalysisSignature(ID, sig, `${SECRET}x`)).toBe(false);
    expect(verifyAnalysisSignature('7c0e8f0a-5b7e-4a43-9a0b-1f2d3c4b5a6a', sig, SECRET)).toBe(false);
  });

  it('refuses missing, malformed and tampered signatures', () => {
    const sig = signAnalysisId(ID, SECRET);
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    for (const candidate of [null, '', sig.slice(1), `${sig}A`, flipped, sig.replace(/./g, '+')]) {
      expect(verifyAnalysisSignature(ID, candidate, SECRET)).toBe(false);
    }
  });

  it('builds the callback URL on the given origin with the signature', () => {
    process.env.ANALYSIS_CALLBACK_SECRET = SECRET;
    try {
      const url = new URL(analysisCallbackUrl(ID, 'https://review.example.com'));
      expect(url.origin).toBe('https://review.example.com');
      expect(url.pathname).toBe(`/api/callbacks/analysis/${ID}`);
      expect(verifyAnalysisSignature(ID, url.searchParams.get('sig'), SECRET)).toBe(true);
    } finally {
      delete process.env.ANALYSIS_CALLBACK_SECRET;
    }
  });
});
