/**
 * The steps of adding a photo (or PDF) for analysis, and the rules between them: read the file,
 * send it, then either the result (synchronous) or wait for the upstream's callback, polling
 * our record of the analysis a bounded number of times.
 */
import { ApiError } from '@/lib/client/api';
import type { AnalysisResultDto, AnalysisStatus } from '@/lib/shared/work-order-dto';
import type { UploadCheck } from './upload-file';

export type AnalysisMode = 'sync' | 'callback';

export type AnalysisPhase =
  | { kind: 'choose' }
  | { kind: 'reading' }
  | { kind: 'sending' }
  | { kind: 'waiting'; analysisId: string; polls: number }
  | { kind: 'done'; result: AnalysisResultDto }
  | { kind: 'error'; message: string; requestId?: string };

export const POLL_INTERVAL_MS = 1500;
/** Bounded: about three minutes, then the user is told to check the timeline later. */
export const MAX_POLLS = 120;

/** Reading or sending: the dialog cannot be closed nor the file changed until it ends. */
export function isBusy(phase: AnalysisPhase): boolean {
  return phase.kind === 'reading' || phase.kind === 'sending';
}

/** The message key (namespace `workOrder.analyze`) of a file refused before anything is sent. */
export function fileProblem(check: Exclude<UploadCheck, { ok: true }>): 'tooLarge' | 'empty' | 'unsupported' {
  return check.reason === 'too_large' ? 'tooLarge' : check.reason === 'empty' ? 'empty' : 'unsupported';
}

/**
 * Whether a failed poll ends the wait. A transient error (no answer, the server or the upstream
 * unavailable, throttled) is not a failed analysis: keep waiting. A refusal (not found,
 * forbidden…) will not change by asking again.
 */
export function pollFailed(error: unknown): boolean {
  return error instanceof ApiError && error.status !== null && error.status < 500 && error.status !== 429;
}

export function analysisSeverity(status: AnalysisStatus): 'success' | 'info' | 'error' {
  if (status === 'analysis_ok') return 'success';
  return status === 'conformity_error' ? 'error' : 'info';
}
