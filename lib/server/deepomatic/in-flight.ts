import 'server-only';

/**
 * Failures after which the upstream may still act on the request: it was sent (or may have
 * been) and no answer came back before we stopped waiting (attempt timeout, deadline,
 * connection lost before the status line), or a gateway answered that it stopped waiting for
 * the server behind it (504). A write that failed so may be applied later, so a read made now
 * proves nothing about it. Kept beside the error, not on it, so nothing of it can reach a
 * browser with the error's details.
 */
const unanswered = new WeakSet<object>();

/** Records that the request that failed with `error` may still be processed upstream. */
export function markMayStillLand<E extends object>(error: E): E {
  unanswered.add(error);
  return error;
}

/** Whether the upstream may still apply the request that failed with `error`. */
export function mayStillLand(error: unknown): boolean {
  return typeof error === 'object' && error !== null && unanswered.has(error);
}
