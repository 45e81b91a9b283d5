import 'server-only';
import { counter } from './registry';

/** A correction settled with `outcome` (the audit outcome: applied, rejected, failed…). */
export function recordCorrectionOutcome(outcome: string): void {
  counter('corrections_total', 'Corrections sent to Deepomatic, per settled outcome.', ['outcome']).inc({ outcome });
}
