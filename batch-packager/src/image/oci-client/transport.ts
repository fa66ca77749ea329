/**
 * The HTTP side of the OCI client: one call with its timeouts (a total one, or an idle one for
 * blob downloads), retries with backoff, the blob redirect to storage, and the mapping of refused
 * requests to ImageBuildError. Credentials are not its business: a call that needs them is sent
 * through `authorized` (OciAuth.send, auth.ts).
 *
 * Every request body is a Buffer of at most one chunk, so any request can be sent again after
 * a 401 or a retryable failure.
 */
import { sleep } from '../../async.js';
import { cancelledError, throwIfCancelled } from '../../errors.js';
import { ImageBuildError } from '../errors.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Call {
  method: Method;
  url: URL;
  /** Token scopes the request needs: `repository:<name>:pull` or `...:pull,push`. */
  scopes: string[];
  /** For messages: what the request is for. */
  what: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Sent again on 5xx, 429 and network failures. */
  idempotent: boolean;
  /** A download read as a stream: no total timeout (the caller's signal limits it). */
  stream?: boolean;
  /** `manual` for blobs, whose storage may redirect to a URL that must not get our credentials. */
  redirect?: 'follow' | 'manual';
  /** Sent with only its own headers: a presigned storage URL, the token service. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

/** Sends one call with the registry's credentials (OciAuth.send): one attempt, which `send` may repeat. */
export type Authorized = (call: Call) => Promise<Response>;

export interface OpenedBlob {
  size: number;
  chunks: AsyncIterable<Uint8Array>;
}

export interface TransportOptions {
  /** The registry's host (and port), for messages. */
  host: string;
  fetch: typeof fetch;
  /** Time allowed for one request that is not a blob download. */
  requestTimeoutMs: number;
  /** The longest wait for the next bytes of a blob download. */
  idleTimeoutMs: number;
  /** Retries of idempotent requests on 5xx, 429 and network failures. */
  retries: number;
  /** First pause between retries, doubled each time. */
  retryDelayMs: number;
}

export const isRedirect = (status: number) => status >= 300 && status < 400;

export class OciTransport {
  readonly host: string;
  /** The fetch every request goes through. */
  readonly fetchImpl: typeof fetch;
  private readonly requestTimeoutMs: number;
  private readonly idleTimeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;

  constructor(options: TransportOptions) {
    this.host = options.host;
    this.fetchImpl = options.fetch;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.idleTimeoutMs = options.idleTimeoutMs;
    this.retries = options.retries;
    this.retryDelayMs = options.retryDelayMs;
  }

  /**
   * Sends a call with credentials (through `authorized`, unless the call is anonymous or there is
   * none); retries idempotent calls on 5xx, 429 and network failures.
   */
  async send(call: Call, authorized?: Authorized): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      throwIfCancelled(call.signal);
      let response: Response | undefined;
      let failure: ImageBuildError | undefined;
      try {
        response = call.anonymous || !authorized ? await this.fetchOnce(call, {}) : await authorized(call);
        if (response.status === 429 || response.status >= 500) failure = await this.failure(response, call);
      } catch (error) {
        if (!(error instanceof ImageBuildError)) throw error;
        failure = error;
      }
      if (!failure) return response!;
      if (!failure.retryable || !call.idempotent || attempt >= this.retries) throw failure;
      await sleep(this.retryDelayMs * 2 ** attempt, call.signal);
    }
  }

  /**
   * Opens a blob download (`call`, with `stream` and a manual `redirect`) as a stream of chunks,
   * following a redirect to the blob's storage without credentials. Read it to the end, or stop
   * early (`break`, or `chunks.return()`), so the connection is released.
   */
  async openStream(call: Call, authorized: Authorized): Promise<OpenedBlob> {
    const { signal, what } = call;
    // A download that stalls is aborted, not left hanging. The timer runs only while we wait
    // for the registry: not while the reader is busy with a chunk (sending it on, say).
    const stall = new AbortController();
    const stalled = () =>
      stall.abort(new ImageBuildError('RegistryUnavailable', `${this.host} sent no bytes of ${what} for ${this.idleTimeoutMs / 1000} s.`, { retryable: true }));
    let timer = setTimeout(stalled, this.idleTimeoutMs).unref();
    const combined = signal ? AbortSignal.any([signal, stall.signal]) : stall.signal;
    const streamed: Call = { ...call, signal: combined };
    let response: Response;
    try {
      response = await this.send(streamed, authorized);
      if (isRedirect(response.status)) {
        // The blob's storage (S3 behind ECR) gets a presigned URL and no registry credentials.
        const location = response.headers.get('location');
        await drain(response);
        if (!location) throw await this.failure(response, streamed);
        response = await this.send({ ...streamed, url: new URL(location, streamed.url), anonymous: true }, authorized);
      }
      if (response.status !== 200 || !response.body) throw await this.failure(response, streamed);
    } catch (error) {
      clearTimeout(timer);
      throw stall.signal.aborted && !signal?.aborted ? (stall.signal.reason as Error) : error;
    }
    const length = Number(response.headers.get('content-length'));
    const body = response.body;
    const host = this.host;
    const idleTimeoutMs = this.idleTimeoutMs;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      try {
        for await (const chunk of body as AsyncIterable<Uint8Array>) {
          clearTimeout(timer);
          yield chunk;
          timer = setTimeout(stalled, idleTimeoutMs).unref();
        }
      } catch (error) {
        if (signal?.aborted) throw cancelledError(signal);
        if (stall.signal.aborted) throw stall.signal.reason as Error;
        throw new ImageBuildError('RegistryUnavailable', `Reading ${what} from ${host} failed: ${errorText(error)}`, { retryable: true, cause: error });
      } finally {
        clearTimeout(timer);
      }
    }
    return { size: Number.isSafeInteger(length) ? length : -1, chunks: chunks() };
  }

  /** One request with the headers given (`auth`), under the request timeout unless it is a stream. */
  async fetchOnce(call: Call, auth: Record<string, string>): Promise<Response> {
    const signals = [call.signal, call.stream ? undefined : AbortSignal.timeout(this.requestTimeoutMs)].filter((s): s is AbortSignal => s !== undefined);
    try {
      return await this.fetchImpl(call.url, {
        method: call.method,
        headers: { ...call.headers, ...auth },
        ...(call.body ? { body: call.body } : {}),
        redirect: call.redirect ?? 'follow',
        ...(signals.length ? { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) } : {}),
      });
    } catch (error) {
      if (call.signal?.aborted) {
        const reason: unknown = call.signal.reason;
        throw reason instanceof ImageBuildError ? reason : cancelledError(call.signal);
      }
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new ImageBuildError(
        'RegistryUnavailable',
        timedOut
          ? `${call.url.host} did not answer ${call.what} within ${this.requestTimeoutMs / 1000} s.`
          : `${call.url.host} could not be reached for ${call.what}: ${errorText(error)}`,
        { retryable: true, cause: error },
      );
    }
  }

  /** The typed error for a refused request; reads (and so consumes) the response body. */
  async failure(response: Response, call: Call): Promise<ImageBuildError> {
    const detail = await errorDetail(response);
    const status = response.status;
    const said = `${this.host} answered HTTP ${status} to ${call.what}${detail}`;
    if (status === 404) return new ImageBuildError('NotFound', `${said}.`, { status });
    if (status === 401) return new ImageBuildError('Unauthorized', `${said}.`, { status });
    if (status === 403) return new ImageBuildError('Denied', `${said}: the credentials do not allow it.`, { status });
    if (status === 429 || status >= 500) return new ImageBuildError('RegistryUnavailable', `${said}.`, { status, retryable: true });
    return new ImageBuildError('RegistryRejected', `${said}.`, { status });
  }
}

/** ` (CODE: message; ...)` from a registry's `{"errors":[...]}` body, or empty. */
export async function errorDetail(response: Response): Promise<string> {
  let text: string;
  try {
    text = (await response.text()).slice(0, 2_000);
  } catch {
    return '';
  }
  try {
    const body = JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] };
    const errors = (body.errors ?? []).map((e) => [e.code, e.message].filter((part) => typeof part === 'string' && part).join(': ')).filter(Boolean);
    if (errors.length) return `: ${errors.join('; ').slice(0, 300)}`;
  } catch {
    // not JSON
  }
  const plain = text.replace(/\s+/g, ' ').trim();
  return plain && !plain.startsWith('<') ? `: ${plain.slice(0, 200)}` : '';
}

export async function drain(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause ? `${error.message} (${cause})` : error.message;
}
