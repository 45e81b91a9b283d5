/**
 * Work-order names. The API accepts any value as a name (and recommends the customer's own
 * work-order number), so Field Review never trims or rewrites one: spaces, accents and slashes
 * are kept exactly as typed or as the upstream sent them. The only limits are ours: not empty,
 * no control characters (they would make logs and CSV exports ambiguous), and a length bound.
 */

export const WORK_ORDER_NAME_MAX_LENGTH = 512;

const CONTROL = /[\u0000-\u001f\u007f]/;

export type WorkOrderNameProblem = 'nameRequired' | 'nameTooLong' | 'nameInvalid';

/** What is wrong with a name we are about to send, or null when it can be sent as it is. */
export function workOrderNameProblem(name: string): WorkOrderNameProblem | null {
  if (name.length === 0) return 'nameRequired';
  if (name.length > WORK_ORDER_NAME_MAX_LENGTH) return 'nameTooLong';
  if (CONTROL.test(name)) return 'nameInvalid';
  return null;
}
