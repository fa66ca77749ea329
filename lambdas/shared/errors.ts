/**
 * The one error hierarchy of modelplane. Services throw these; the HTTP core maps them to
 * RFC 9457 problem+json in one place (lambdas/shared/http/problem.ts). Anything else that
 * reaches the edge is a 500 that carries only the request id.
 */
export interface FieldError {
  /** JSON pointer into the request, rooted at its part: /body/name, /query/limit, /path/modelName. */
  path: string;
  message: string;
}

export abstract class ApiError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** Stable, machine-readable code clients can switch on (for example `EndpointBusy`). */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }

  /** Extra members for the problem document (RFC 9457 extension members). */
  extensions(): Record<string, unknown> {
    return {};
  }
}

export class ValidationError extends ApiError {
  readonly status = 400;
  readonly title = 'Bad Request';
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[], message?: string) {
    super('ValidationFailed', message ?? ValidationError.summarise(errors));
    this.errors = errors;
  }

  override extensions(): Record<string, unknown> {
    return { errors: this.errors };
  }

  private static summarise(errors: readonly FieldError[]): string {
    const count = errors.length;
    const first = errors[0];
    if (!first) return 'The request is not valid.';
    const head = `${first.path}: ${first.message}`;
    return count === 1 ? `The request is not valid: ${head}.` : `The request has ${count} problems; the first is ${head}.`;
  }
}

export class UnauthorizedError extends ApiError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}

export class NotFoundError extends ApiError {
  readonly status = 404;
  readonly title = 'Not Found';

  constructor(message: string, code = 'NotFound', options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export class ConflictError extends ApiError {
  readonly status = 409;
  readonly title = 'Conflict';
  private readonly extra: Record<string, unknown>;

  constructor(code: string, message: string, extra: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(code, message, options);
    this.extra = extra;
  }

  override extensions(): Record<string, unknown> {
    return this.extra;
  }
}

/**
 * An AWS service quota stands in the way (for example `ResourceLimitExceeded`). Retrying will
 * not help; `errors` points at the field that asks for what the quota refuses.
 */
export class QuotaExceededError extends ApiError {
  readonly status = 400;
  readonly title = 'Quota Exceeded';

  constructor(
    message: string,
    readonly errors: readonly FieldError[] = [{ path: '/body', message: 'asks for more than the account quota allows' }],
    options?: { cause?: unknown },
  ) {
    super('QuotaExceeded', message, options);
  }

  override extensions(): Record<string, unknown> {
    return { errors: this.errors };
  }
}

/** We (or AWS on our behalf) are being throttled: the client may retry after a pause (`Retry-After`). */
export class ThrottledError extends ApiError {
  readonly status = 429;
  readonly title = 'Too Many Requests';
  /** Seconds the caller should wait: the Retry-After header. */
  readonly retryAfterSeconds: number;

  constructor(message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super('Throttled', message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds ?? 2;
  }
}

/** An AWS dependency failed in a way the caller can do nothing about but retry later (`Retry-After`). */
export class UpstreamError extends ApiError {
  readonly status = 503;
  readonly title = 'Service Unavailable';
  /** Seconds the caller should wait: the Retry-After header. */
  readonly retryAfterSeconds: number;

  constructor(code: string, message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(code, message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds ?? 5;
  }
}

/**
 * An S3 packaging source outside the places packaging may read (the artifact bucket's
 * `uploads/` and the deployment's `sourceBuckets`): the job role could not read it. The
 * problem lists the allowed locations in `allowedSources` and points at the field in `errors`.
 */
export class SourceNotAllowedError extends ApiError {
  readonly status = 400;
  readonly title = 'Bad Request';

  constructor(
    message: string,
    readonly errors: readonly FieldError[],
    readonly allowedSources: readonly string[],
  ) {
    super('SourceNotAllowed', message);
  }

  override extensions(): Record<string, unknown> {
    return { errors: this.errors, allowedSources: this.allowedSources };
  }
}
