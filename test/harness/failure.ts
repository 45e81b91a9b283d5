import { isAppError, type AppError } from '@/lib/server/http/errors';

/** The `AppError` the client call was refused with; throws if it succeeded or failed otherwise. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
