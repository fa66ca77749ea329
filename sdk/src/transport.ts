import createClient, { type Client } from 'openapi-fetch';
import { ModelplaneNetworkError, ModelplaneProblem, ModelplaneTimeoutError, type ProblemDocument } from './errors.js';
import type { paths } from './generated/schema.js';
import { apiOperations, type OperationId } from './generated/spec-facts.js';

/** A bearer token, or a function giving the current one (called before every attempt, so it may refresh). */
export type TokenSource = string | (() => string | Promise<string>);

/** Any fetch: globalThis.fetch, a test double, a browser polyfill. */
export type FetchLike = (input: Request) => Promise<Response>;

export interface RetryOptions {
  /** Attempts in all, the first included. Default 4. */
  attempts?: number;
  /** The first backoff; it doubles per attempt, with full jitter. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * The longest wait between attempts. A Retry-After longer than this is not waited for: the
   * problem is thrown at once, so the caller decides. Default 20 000 ms.
   */
  maxDelayMs?: number;
}

export interface ModelplaneClientOptions {
  /**
   * The API's base URL, without `/v1`: the spec's paths start with `/v1/...`, so
   * `http://127.0.0.1:8080` or an API Gateway stage URL. A trailing `/v1` is accepted and
   * dropped, so `http://127.0.0.1:8080/v1` works too.
   */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: TokenSource;
  /** Defaults to globalThis.fetch, looked up per request. */
  fetch?: FetchLike;
  /** Retries of 429 and 503 answers (and network failures of safe calls); `false` turns them off. */
  retry?: RetryOptions | false;
  /** Extra headers on every request (for example the local plane's X-Modelplane-Tenant). */
  headers?: Record<string, string>;
  /** How long one attempt may take before it fails with ModelplaneTimeoutError. Default 30 000 ms. */
  timeoutMs?: number;
}

/** Per-call options every method takes last. */
export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** Per-call options of the creates: the Idempotency-Key to send instead of a fresh UUID. */
export interface CreateOptions extends RequestOptions {
  idempotencyKey?: string;
}

interface Attempt {
  headers: Record<string, string>;
  signal: AbortSignal;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** Normalises the base URL: no trailing slash, no trailing `/v1` (the paths carry it). */
export function apiRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/**
 * Sends one operation: auth, Idempotency-Key, per-attempt timeout, retries with backoff, and
 * the mapping of every non-2xx answer to ModelplaneProblem. openapi-fetch does the typed URL,
 * query and body work; this is the one place the SDK's HTTP policy lives.
 */
export class Transport {
  readonly api: Client<paths>;
  private readonly retry: Required<RetryOptions>;

  constructor(private readonly options: ModelplaneClientOptions) {
    this.api = createClient<paths>({
      baseUrl: apiRoot(options.baseUrl),
      fetch: (request) => (options.fetch ?? globalThis.fetch)(request),
      headers: options.headers,
      // The spec's array query parameters (getEndpointMetrics `metrics`) are comma-separated.
      querySerializer: { array: { style: 'form', explode: false } },
    });
    this.retry =
      options.retry === false ? { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } : { attempts: 4, baseDelayMs: 500, maxDelayMs: 20_000, ...options.retry };
  }

  async send<T>(operationId: OperationId, call: (attempt: Attempt) => Promise<Answer<T>>, options: CreateOptions = {}): Promise<T> {
    const operation = apiOperations[operationId];
    // One key per call, reused by every retry of it: that is what makes a retried create safe.
    const idempotencyKey = operation.idempotencyKey ? (options.idempotencyKey ?? randomUuid()) : undefined;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    for (let attempt = 1; ; attempt++) {
      if (options.signal?.aborted) throw options.signal.reason;
      const headers: Record<string, string> = { ...options.headers };
      const token = await this.token();
      if (token !== undefined) headers.Authorization = `Bearer ${token}`;
      if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = options.signal ? anySignal([options.signal, timeout]) : timeout;

      let answer: Answer<T>;
      try {
        answer = await call({ headers, signal });
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        const failure = timeout.aborted
          ? new ModelplaneTimeoutError(operationId, timeoutMs, { cause: error })
          : new ModelplaneNetworkError(operationId, error instanceof Error ? error.message : String(error), { cause: error });
        // Only calls that are safe to repeat are retried after a lost answer.
        const safe = operation.method === 'GET' || idempotencyKey !== undefined;
        if (!safe || attempt >= this.retry.attempts) throw failure;
        await sleep(this.backoff(attempt), options.signal);
        continue;
      }
      if (answer.response.ok) return answer.data as T;

      const problem = new ModelplaneProblem({
        status: answer.response.status,
        operationId,
        problem: asProblem(answer.error),
        headers: answer.response.headers,
      });
      const delay = this.retryDelay(problem, attempt);
      if (delay === undefined) throw problem;
      await sleep(delay, options.signal);
    }
  }

  /** How long to wait before retrying `problem`, or undefined when it is not retried. */
  private retryDelay(problem: ModelplaneProblem, attempt: number): number | undefined {
    const retryable = problem.status === 429 || problem.status === 503 || problem.code === 'IdempotencyKeyInProgress';
    if (!retryable || attempt >= this.retry.attempts) return undefined;
    const backoff = this.backoff(attempt);
    if (problem.retryAfter === undefined) return backoff;
    const asked = problem.retryAfter * 1000;
    if (asked > this.retry.maxDelayMs) return undefined;
    return Math.max(asked, backoff);
  }

  /** Exponential backoff with full jitter, capped at maxDelayMs. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(Math.random() * ceiling);
  }

  private async token(): Promise<string | undefined> {
    const source = this.options.token;
    return typeof source === 'function' ? await source() : source;
  }
}

/** openapi-fetch hands over the parsed JSON body, or the text when it was not JSON. */
function asProblem(body: unknown): ProblemDocument {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as ProblemDocument;
  return body === undefined || body === '' ? {} : { body };
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** AbortSignal.any where the runtime has it (Node 20.3+, current browsers), else the same by hand. */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}

/** crypto.randomUUID exists only in secure contexts in browsers; getRandomValues everywhere. */
function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
