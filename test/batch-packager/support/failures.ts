import { expect } from 'vitest';
import { PackagingError } from '../../../batch-packager/src/errors.js';

/** The PackagingError a promise rejects with (and a failed expectation if it resolves or rejects otherwise). */
export async function failureOf(promise: Promise<unknown>): Promise<PackagingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackagingError);
  return error as PackagingError;
}
