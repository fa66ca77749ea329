import type { components } from './generated/schema.js';
import { problemCodes, type OperationId, type ProblemCode } from './generated/spec-facts.js';

type Schemas = components['schemas'];

/**
 * The raw problem document: the spec's Problem with the extension members the validation and
 * conflict problems add (RFC 9457 allows further members, so it stays an open record).
 */
export type ProblemDocument = Partial<Schemas['Problem']> &
  Partial<Pick<Schemas['ValidationProblem'], 'errors' | 'allowedSources'>> &
  Partial<Pick<Schemas['ConflictProblem'], 'currentStatus' | 'endpoints'>> &
  Record<string, unknown>;

/**
 * The code of an answer that was not a problem document at all (an HTML 502 from a proxy, the
 * gateway's own `{"message": ...}` 401/403): switch on `status` for those.
 */
export type UnexpectedResponseCode = 'UnexpectedResponse';

/** Base class of every error the SDK throws, so one `instanceof` catches them all. */
export class ModelplaneError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A non-2xx answer, parsed from its RFC 9457 problem document. `code` is typed as the union
 * of the codes the spec documents, so `problem.code === 'ModelNotFound'` is checked at
 * compile time; a server newer than this SDK may still send a code outside it.
 */
export class ModelplaneProblem extends ModelplaneError {
  readonly status: number;
  readonly code: ProblemCode | UnexpectedResponseCode;
  readonly title: string;
  readonly detail: string | undefined;
  /** Every invalid part of the request (`ValidationFailed`, `QuotaExceeded`); empty otherwise. */
  readonly errors: Schemas['FieldError'][];
  /** The request id to quote in support requests: from the body, else the X-Request-Id header. */
  readonly requestId: string | undefined;
  /** Seconds the server asked to wait before retrying (the Retry-After header), when it said. */
  readonly retryAfter: number | undefined;
  /** The operation that failed. */
  readonly operationId: OperationId;
  /** The problem document as received (or `{ body }` holding the text of a non-problem answer). */
  readonly problem: ProblemDocument;

  constructor(init: { status: number; operationId: OperationId; problem: ProblemDocument; headers?: Headers }) {
    const { problem, status, headers } = init;
    const code = typeof problem.code === 'string' ? (problem.code as ProblemCode) : 'UnexpectedResponse';
    const title = typeof problem.title === 'string' ? problem.title : `HTTP ${status}`;
    const detail = typeof problem.detail === 'string' ? problem.detail : undefined;
    super(`${init.operationId} failed: ${status} ${code}${detail ? `: ${detail}` : ''}`);
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.requestId =
      (typeof problem.requestId === 'string' ? problem.requestId : undefined) ?? headers?.get('x-request-id') ?? headers?.get('x-amzn-requestid') ?? undefined;
    this.retryAfter = parseRetryAfter(headers?.get('retry-after') ?? null);
    this.operationId = init.operationId;
    this.problem = problem;
  }

  /** Narrows to one code: `if (error.is('EndpointBusy')) error.problem.currentStatus`. */
  is<C extends ProblemCode>(code: C): this is ModelplaneProblem & { readonly code: C } {
    return this.code === code;
  }
}

/** True when `error` is a ModelplaneProblem, with one of `codes` when any are given. */
export function isProblem<C extends ProblemCode>(error: unknown, ...codes: C[]): error is ModelplaneProblem & { readonly code: C } {
  return error instanceof ModelplaneProblem && (codes.length === 0 || (codes as string[]).includes(error.code));
}

/** True for the codes this SDK was generated with (a newer server may send others). */
export function isKnownProblemCode(code: string): code is ProblemCode {
  return (problemCodes as readonly string[]).includes(code);
}

/** The request never got an answer: DNS, connection refused or reset, CORS refusal, an unreadable body. */
export class ModelplaneNetworkError extends ModelplaneError {
  readonly operationId: OperationId;
  constructor(operationId: OperationId, message: string, options?: { cause?: unknown }) {
    super(`${operationId} failed: ${message}`, options);
    this.operationId = operationId;
  }
}

/** No answer within the client's `timeoutMs` (per attempt). */
export class ModelplaneTimeoutError extends ModelplaneNetworkError {
  readonly timeoutMs: number;
  constructor(operationId: OperationId, timeoutMs: number, options?: { cause?: unknown }) {
    super(operationId, `no answer within ${timeoutMs} ms`, options);
    this.timeoutMs = timeoutMs;
  }
}

export type WaitFailureReason = 'failed' | 'timeout' | 'aborted';

/** A waiter gave up: the resource failed, the wait timed out, or its signal aborted it. */
export class ModelplaneWaitError<T = unknown> extends ModelplaneError {
  readonly reason: WaitFailureReason;
  /** The last state read before giving up (undefined when none was read). */
  readonly resource: T | undefined;
  constructor(reason: WaitFailureReason, message: string, resource: T | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    this.resource = resource;
  }
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110); answers seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
