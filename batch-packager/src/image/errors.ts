/**
 * Why building or pushing an image failed, as a stable code. The packaging job reports these
 * through its own failure codes; the message is for people and never carries a password or token.
 */
export type ImageBuildFailureCode =
  /** The base image (repository, tag or digest) does not exist in its registry. */
  | 'BaseImageNotFound'
  /** A manifest or blob the build needs is missing. */
  | 'NotFound'
  /** The registry (or its token service) refused the credentials, or wanted some and none were given. */
  | 'Unauthorized'
  /** The credentials were accepted but do not allow this repository or action (HTTP 403). */
  | 'Denied'
  /** The registry answered 5xx or 429, or could not be reached, more often than we retry. */
  | 'RegistryUnavailable'
  /** The registry refused a request for another reason (an unexpected 4xx). */
  | 'RegistryRejected'
  /** Bytes did not hash to the digest they were named by. */
  | 'DigestMismatch'
  /** The base is not something we can build on: schema 1, no image for the platform, a broken config. */
  | 'UnsupportedImage'
  /** The caller's input is wrong: a file path, a chunk size, a tag. */
  | 'InvalidInput';

export class ImageBuildError extends Error {
  /** Whether the same request may succeed later (5xx, 429, a reset connection). */
  readonly retryable: boolean;
  /** The HTTP status the registry answered, when there was one. */
  readonly status: number | undefined;

  constructor(
    readonly code: ImageBuildFailureCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; status?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ImageBuildError';
    this.retryable = options.retryable ?? false;
    this.status = options.status;
  }
}
