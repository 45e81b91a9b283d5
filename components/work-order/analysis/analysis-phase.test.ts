import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/client/api';
import { analysisSeverity, fileProblem, isBusy, pollFailed } from './analysis-phase';

describe('while waiting for a callback', () => {
  const error = (status: number | null) => new ApiError(status, null);

  it('keeps waiting through transient errors', () => {
    expect(pollFailed(error(null))).toBe(false);
    expect(pollFailed(error(500))).toBe(false);
    expect(pollFailed(error(503))).toBe(false);
    expect(pollFailed(error(429))).toBe(false);
    expect(pollFailed(new Error('anything else'))).toBe(false);
  });

  it('stops on a refusal that asking again will not change', () => {
    expect(pollFailed(error(404))).toBe(true);
    expect(pollFailed(error(403))).toBe(true);
    expect(pollFailed(error(400))).toBe(true);
  });
});

describe('the steps', () => {
  it('reading and sending keep the dialog open', () => {
    expect(isBusy({ kind: 'reading' })).toBe(true);
    expect(isBusy({ kind: 'sending' })).toBe(true);
    expect(isBusy({ kind: 'waiting', analysisId: 'a', polls: 1 })).toBe(false);
    expect(isBusy({ kind: 'choose' })).toBe(false);
    expect(isBusy({ kind: 'error', message: 'x' })).toBe(false);
  });

  it('a refused file says why', () => {
    expect(fileProblem({ ok: false, reason: 'too_large', limitBytes: 1 })).toBe('tooLarge');
    expect(fileProblem({ ok: false, reason: 'empty' })).toBe('empty');
    expect(fileProblem({ ok: false, reason: 'unsupported_type' })).toBe('unsupported');
  });

  it('a result is shown as good, bad or neither', () => {
    expect(analysisSeverity('analysis_ok')).toBe('success');
    expect(analysisSeverity('conformity_error')).toBe('error');
    expect(analysisSeverity('analysis_ko')).toBe('info');
  });
});
