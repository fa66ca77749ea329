/**
 * Why a packaging job failed, as a stable code the API reports in `failure.code` (see
 * PackagingFailure in openapi/openapi.yaml). The message is for people and never carries the
 * Hub token.
 */
export type PackagingFailureCode =
  /** The Hub has no such model (or it is private and no token with access was given). */
  | 'ModelNotFound'
  /** The model exists but the branch, tag or commit does not. */
  | 'RevisionNotFound'
  /** The model is gated: it needs a token whose account was granted access. */
  | 'GatedModel'
  /** The Hub refused the token that was given. */
  | 'Unauthorized'
  /** The Hub answered 5xx or 429 (or an unexpected answer) more often than we retry. */
  | 'HubUnavailable'
  /** The Hub's host name did not resolve, or nothing listens there (no network, or HF_ENDPOINT wrong). */
  | 'HubUnreachable'
  /** A download sent no bytes for longer than the idle timeout, more often than we retry. */
  | 'DownloadStalled'
  /** A download broke (connection reset, ended early) more often than we retry. */
  | 'DownloadFailed'
  /** What arrived does not match the size or sha256 the Hub lists for the file. */
  | 'ChecksumMismatch'
  /** config.json names no series we serve, and none was given (or the one given is unknown). */
  | 'UnknownSeries'
  /** The repository has no weights we can serve, or a config.json that is not JSON. */
  | 'InvalidModel'
  /** S3 refused a write. */
  | 'UploadFailed'
  /** The job was cancelled (Batch sends SIGTERM, or the caller's AbortSignal fired). */
  | 'Cancelled'
  /** The serving image could not be built or pushed (base image missing, registry refused). */
  | 'ImageBuildFailed';

export class PackagingError extends Error {
  /**
   * Whether trying the same request again may succeed (a stall, a reset connection, a 5xx);
   * the streaming upload resumes these with a Range request.
   */
  readonly retryable: boolean;

  constructor(
    readonly code: PackagingFailureCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PackagingError';
    this.retryable = options.retryable ?? false;
  }
}

/** The error to throw once `signal` has fired: Cancelled, whatever the abort reason was. */
export function cancelledError(signal: AbortSignal): PackagingError {
  const reason: unknown = signal.reason;
  if (reason instanceof PackagingError && reason.code === 'Cancelled') return reason;
  return new PackagingError('Cancelled', 'The packaging job was cancelled.', { cause: reason });
}

/** Throws Cancelled when `signal` has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError(signal);
}
