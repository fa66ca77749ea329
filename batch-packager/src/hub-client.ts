/**
 * A small client for the Hugging Face Hub's HTTP API: what the packager needs and nothing more
 * (resolve a revision, list files, read a file from an offset). `@huggingface/hub` does the
 * same calls but has no per-request headers or idle timeouts and no typed failures; the calls
 * are few, so we own them. The API: https://huggingface.co/docs/hub/api
 */
import { sleep } from './async.js';
import { cancelledError, PackagingError, throwIfCancelled } from './errors.js';
import type { ByteRange, HubFile, HubRevision, HubSource, RangeBody } from './ports.js';
import { isHubModelId } from '../../core/hub-model-id.js';

export const defaultHubEndpoint = 'https://huggingface.co';

export interface HubClientOptions {
  /** The Hub's base URL (`HF_ENDPOINT`); default https://huggingface.co. */
  endpoint?: string;
  /** An access token for gated and private models. Sent as a Bearer token, never logged. */
  token?: string;
  /** Time allowed for the response headers to arrive (connect, TLS, redirects). Default 30 s. */
  headersTimeoutMs?: number;
  /** The longest gap between two chunks of a body before it counts as stalled. Default 60 s. */
  idleTimeoutMs?: number;
  /** Retries of the metadata calls (revision, file list) on stalls, resets, 429 and 5xx. Default 3. */
  metadataRetries?: number;
  /** First pause between metadata retries, doubled each time. Default 1 s. */
  retryDelayMs?: number;
  /** The fetch to use; default the global one (undici). */
  fetch?: typeof fetch;
}

/**
 * What a CDN answers to a signed URL that has expired: CloudFront and S3 say 403, some CDNs 401
 * or 410. A ranged read that gets one of these from a resolved URL resolves it again.
 */
const expiredUrlStatuses = new Set([401, 403, 410]);

/** The most a JSON answer may weigh (a tree page of 1,000 entries is about 300 KB). */
const maxJsonBytes = 32 * 1024 * 1024;

interface Target {
  modelId: string;
  revision?: string;
  path?: string;
}

interface TreeEntry {
  type?: unknown;
  path?: unknown;
  size?: unknown;
  lfs?: { oid?: unknown; size?: unknown } | null;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

function describe(target: Target): string {
  if (target.path !== undefined) return `${target.path} of ${target.modelId}`;
  if (target.revision !== undefined) return `revision ${target.revision} of ${target.modelId}`;
  return target.modelId;
}

/**
 * Maps a refused request to a typed failure. The Hub says what went wrong in `X-Error-Code`
 * (RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo): huggingface_hub's
 * `hf_raise_for_status` reads the same header. Without a token the Hub answers 401 both for
 * repositories that do not exist and for private ones, so the message says both.
 */
export function hubFailure(status: number, headers: Headers, target: Target, withToken: boolean): PackagingError {
  const code = headers.get('x-error-code');
  const said = headers.get('x-error-message')?.slice(0, 200);
  const detail = said ? ` (the Hub says: ${said})` : '';
  const { modelId } = target;
  if (code === 'RevisionNotFound') {
    return new PackagingError('RevisionNotFound', `${modelId} has no revision ${target.revision ?? ''} on the Hub: give a branch, tag or commit sha it has.`);
  }
  if (code === 'GatedRepo' || ((status === 401 || status === 403) && code === null && !withToken)) {
    return withToken
      ? new PackagingError(
          'GatedModel',
          `${modelId} is gated and the token given has not been granted access: accept the model's conditions on the Hub with the token's account${detail}.`,
        )
      : new PackagingError('GatedModel', `${modelId} is gated: give a token (tokenSecretArn) whose account has been granted access on the Hub.`);
  }
  if (code === 'RepoNotFound' || (status === 404 && target.path === undefined)) {
    return withToken
      ? new PackagingError('ModelNotFound', `${modelId} does not exist on the Hub, or the token given cannot see it.`)
      : new PackagingError('ModelNotFound', `${modelId} does not exist on the Hub, or it is private: check the id, or give a token with access.`);
  }
  if (code === 'EntryNotFound' || status === 404) {
    return new PackagingError('InvalidModel', `The Hub lists ${describe(target)} but has no such file.`);
  }
  if (status === 401 || status === 403) {
    return new PackagingError(
      'Unauthorized',
      `The Hub refused the token given for ${modelId} (${status}): check that it is valid and has read access${detail}.`,
    );
  }
  const retryable = status === 429 || status >= 500;
  return new PackagingError('HubUnavailable', `The Hub answered ${status} for ${describe(target)}${detail}.`, { retryable });
}

/** The Hub over HTTP, with timeouts on every request and typed failures. */
export class HubClient implements HubSource {
  readonly endpoint: string;
  // A private field: it stays out of util.inspect, JSON.stringify and error messages.
  readonly #token: string | undefined;
  private readonly headersTimeoutMs: number;
  private readonly idleTimeoutMs: number;
  private readonly metadataRetries: number;
  private readonly retryDelayMs: number;
  private readonly fetchImpl: typeof fetch;
  /** Where resolve/ sent each file (the CDN's signed URL), so ranges skip the Hub's redirect. */
  private readonly resolved = new Map<string, string>();

  constructor(options: HubClientOptions = {}) {
    this.endpoint = (options.endpoint ?? defaultHubEndpoint).replace(/\/+$/, '');
    this.#token = options.token === undefined || options.token === '' ? undefined : options.token;
    this.headersTimeoutMs = options.headersTimeoutMs ?? 30_000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.metadataRetries = options.metadataRetries ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async resolveRevision(modelId: string, revision: string, signal?: AbortSignal): Promise<HubRevision> {
    const target = { modelId: this.checkModelId(modelId), revision };
    const url = `${this.endpoint}/api/models/${encodePath(modelId)}/revision/${encodeURIComponent(revision)}`;
    const { body } = await this.retrying(signal, () => this.getJson(url, target, signal));
    const sha = (body as { sha?: unknown } | null)?.sha;
    if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha)) {
      throw new PackagingError('HubUnavailable', `The Hub's answer for ${describe(target)} has no commit sha.`);
    }
    return { modelId, revision, sha };
  }

  async listFiles(modelId: string, sha: string, signal?: AbortSignal): Promise<HubFile[]> {
    const target = { modelId: this.checkModelId(modelId), revision: sha };
    const files: HubFile[] = [];
    // The tree is paginated: the next page's URL comes in a Link header (rel="next").
    let url: string | undefined = `${this.endpoint}/api/models/${encodePath(modelId)}/tree/${encodeURIComponent(sha)}?recursive=true`;
    while (url !== undefined) {
      const pageUrl: string = url;
      const page = await this.retrying(signal, () => this.getJson(pageUrl, target, signal));
      if (!Array.isArray(page.body)) throw new PackagingError('HubUnavailable', `The Hub's file list for ${describe(target)} is not a list.`);
      for (const entry of page.body as TreeEntry[]) {
        if (entry.type !== 'file' || typeof entry.path !== 'string') continue;
        const lfsSize = entry.lfs?.size;
        const size = typeof lfsSize === 'number' ? lfsSize : entry.size;
        if (typeof size !== 'number') continue;
        const oid = entry.lfs?.oid;
        files.push({ path: entry.path, size, ...(typeof oid === 'string' ? { sha256: oid.replace(/^sha256:/, '') } : {}) });
      }
      url = this.nextPage(page.link, pageUrl);
    }
    return files;
  }

  async download(modelId: string, sha: string, path: string, offset: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const target = { modelId: this.checkModelId(modelId), revision: sha, path };
    const url = `${this.endpoint}/${encodePath(modelId)}/resolve/${encodeURIComponent(sha)}/${encodePath(path)}`;
    const opened = await this.open(url, target, signal, offset > 0 ? { range: `bytes=${offset}-` } : {});
    if (offset > 0 && opened.status === 206) {
      const range = opened.headers.get('content-range');
      if (range !== null && !range.startsWith(`bytes ${offset}-`)) {
        opened.close();
        throw new PackagingError('DownloadFailed', `The Hub answered range ${range} when ${path} was asked from byte ${offset}.`, { retryable: true });
      }
      return opened.chunks;
    }
    // A server that ignores Range answers 200 with the whole file: skip what we already have.
    return offset > 0 ? skip(opened.chunks, offset) : opened.chunks;
  }

  /**
   * One byte range of a file. The first read goes through the Hub's resolve/ URL and remembers
   * where its redirect led (the CDN's signed URL); later ranges go there directly, and when that
   * URL answers as an expired one does (401, 403, 410), the file is resolved through the Hub
   * again and the read continues. The token goes only to the Hub's own origin, as fetch does on
   * a redirect. A server that ignores Range answers 200 with the whole file: the answer says so
   * (`ranged: false`) and its chunks start at `range.start`.
   */
  async downloadRange(modelId: string, sha: string, path: string, range: ByteRange, signal?: AbortSignal): Promise<RangeBody> {
    const target = { modelId: this.checkModelId(modelId), revision: sha, path };
    const hubUrl = `${this.endpoint}/${encodePath(modelId)}/resolve/${encodeURIComponent(sha)}/${encodePath(path)}`;
    const header = `bytes=${range.start}-${range.end - 1}`;
    const cached = this.resolved.get(hubUrl);
    let opened: Awaited<ReturnType<HubClient['open']>> | undefined;
    if (cached !== undefined) {
      opened = await this.open(cached, target, signal, { range: header, expiredStatuses: expiredUrlStatuses });
      if (opened === undefined) this.resolved.delete(hubUrl);
    }
    opened ??= await this.open(hubUrl, target, signal, { range: header });
    if (opened.url !== '' && opened.url !== hubUrl) this.resolved.set(hubUrl, opened.url);
    if (opened.status !== 206) return { ranged: false, chunks: range.start > 0 ? skip(opened.chunks, range.start) : opened.chunks };
    const expected = `bytes ${range.start}-${range.end - 1}/`;
    const said = opened.headers.get('content-range') ?? '';
    if (!said.startsWith(expected)) {
      opened.close();
      const short = /\/(\d+)$/.exec(said)?.[1];
      if (short !== undefined && said.startsWith(`bytes ${range.start}-`)) {
        throw new PackagingError('ChecksumMismatch', `${path} is ${short} bytes on the Hub's server, not as long as its listing says.`);
      }
      throw new PackagingError('DownloadFailed', `The Hub answered range ${said || 'none'} when ${path} was asked for ${header}.`, { retryable: true });
    }
    const total = /\/(\d+)$/.exec(said)?.[1];
    return { ranged: true, chunks: opened.chunks, ...(total === undefined ? {} : { total: Number(total) }) };
  }

  private checkModelId(modelId: string): string {
    if (!isHubModelId(modelId)) {
      throw new PackagingError('ModelNotFound', `${JSON.stringify(modelId)} is not a Hub model id ({organisation}/{name}).`);
    }
    return modelId;
  }

  /** The next page's URL from a Link header, only on the Hub's own origin (it gets the token). */
  private nextPage(link: string | null, current: string): string | undefined {
    const next = link === null ? undefined : /<([^>]+)>\s*;\s*rel="?next"?/.exec(link)?.[1];
    if (next === undefined) return undefined;
    const url = new URL(next, current);
    if (url.origin !== new URL(this.endpoint).origin) {
      throw new PackagingError('HubUnavailable', `The Hub's file list points its next page at another origin (${url.origin}).`);
    }
    return url.toString();
  }

  private async retrying<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof PackagingError) || !error.retryable || attempt >= this.metadataRetries) throw error;
        await sleep(this.retryDelayMs * 2 ** attempt, signal);
      }
    }
  }

  private async getJson(url: string, target: Target, signal?: AbortSignal): Promise<{ body: unknown; link: string | null }> {
    const opened = await this.open(url, target, signal, { accept: 'application/json' });
    const parts: Uint8Array[] = [];
    let length = 0;
    for await (const chunk of opened.chunks) {
      length += chunk.length;
      if (length > maxJsonBytes) throw new PackagingError('HubUnavailable', `The Hub's answer for ${describe(target)} is larger than ${maxJsonBytes} bytes.`);
      parts.push(chunk);
    }
    try {
      return { body: JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown, link: opened.headers.get('link') };
    } catch (error) {
      throw new PackagingError('HubUnavailable', `The Hub's answer for ${describe(target)} is not JSON.`, { cause: error, retryable: true });
    }
  }

  /**
   * Sends one GET with a headers timeout, and hands back the body as chunks with an idle
   * timeout between them. The idle timer runs only while we wait on the network, not while the
   * consumer holds back (S3 backpressure is not a stall).
   */
  private async open(url: string, target: Target, signal: AbortSignal | undefined, options: { range?: string; accept?: string }): Promise<Opened>;
  /** With `expiredStatuses`: answers with those statuses resolve to undefined instead of a failure. */
  private async open(
    url: string,
    target: Target,
    signal: AbortSignal | undefined,
    options: { range?: string; accept?: string; expiredStatuses: ReadonlySet<number> },
  ): Promise<Opened | undefined>;
  private async open(
    url: string,
    target: Target,
    signal: AbortSignal | undefined,
    options: { range?: string; accept?: string; expiredStatuses?: ReadonlySet<number> },
  ): Promise<Opened | undefined> {
    throwIfCancelled(signal);
    const controller = new AbortController();
    let stalled: 'headers' | 'body' | undefined;
    const onCancel = () => controller.abort(cancelledError(signal!));
    signal?.addEventListener('abort', onCancel, { once: true });
    let timer = setTimeout(() => {
      stalled = 'headers';
      controller.abort();
    }, this.headersTimeoutMs);
    const release = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCancel);
    };
    const failure = (error: unknown): PackagingError => {
      if (signal?.aborted) return cancelledError(signal);
      if (error instanceof PackagingError) return error;
      if (stalled === 'headers') {
        return new PackagingError('DownloadStalled', `The Hub sent no answer for ${describe(target)} within ${this.headersTimeoutMs / 1000} s.`, {
          cause: error,
          retryable: true,
        });
      }
      if (stalled === 'body') {
        return new PackagingError('DownloadStalled', `The download of ${describe(target)} stalled: no bytes for ${this.idleTimeoutMs / 1000} s.`, {
          cause: error,
          retryable: true,
        });
      }
      const unreachable = unreachableReason(error);
      if (unreachable !== undefined) {
        const host = new URL(this.endpoint).host;
        return new PackagingError(
          'HubUnreachable',
          `Cannot reach the Hub at ${host} for ${describe(target)}: ${unreachable} (${networkReason(error)}). Without internet access, set HF_ENDPOINT to a reachable Hub mirror.`,
          { cause: error, retryable: true },
        );
      }
      return new PackagingError('DownloadFailed', `The connection to the Hub broke while reading ${describe(target)}: ${networkReason(error)}.`, {
        cause: error,
        retryable: true,
      });
    };

    const headers: Record<string, string> = { 'user-agent': 'modelplane-packager/1' };
    const toHub = new URL(url).origin === new URL(this.endpoint).origin;
    if (this.#token !== undefined && toHub) headers.authorization = `Bearer ${this.#token}`;
    if (options.range !== undefined) headers.range = options.range;
    if (options.accept !== undefined) headers.accept = options.accept;
    let response: Response;
    try {
      // Redirects are followed (resolve/ sends LFS files to a CDN); fetch drops the
      // Authorization header when a redirect leaves the origin, as the Hub expects.
      response = await this.fetchImpl(url, { headers, signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      release();
      throw failure(error);
    }
    clearTimeout(timer);
    if (!response.ok) {
      release();
      controller.abort();
      if (options.expiredStatuses?.has(response.status)) return undefined;
      throw hubFailure(response.status, response.headers, target, this.#token !== undefined);
    }
    const idleTimeoutMs = this.idleTimeoutMs;
    const body = response.body;
    let finished = false;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      if (body === null) return;
      const reader = body.getReader();
      try {
        for (;;) {
          timer = setTimeout(() => {
            stalled = 'body';
            controller.abort();
          }, idleTimeoutMs);
          let read: Awaited<ReturnType<typeof reader.read>>;
          try {
            read = await reader.read();
          } catch (error) {
            throw failure(error);
          } finally {
            clearTimeout(timer);
          }
          if (read.done) {
            finished = true;
            return;
          }
          yield read.value;
        }
      } finally {
        release();
        if (!finished) {
          // The consumer stopped early or the read failed: end the transfer and free the socket.
          controller.abort();
          reader.cancel().catch(() => undefined);
        }
      }
    }
    return {
      status: response.status,
      headers: response.headers,
      url: response.url,
      chunks: chunks(),
      close: () => {
        release();
        controller.abort();
      },
    };
  }
}

interface Opened {
  status: number;
  headers: Headers;
  /** Where the answer came from, after redirects ('' when the fetch does not say). */
  url: string;
  chunks: AsyncGenerator<Uint8Array>;
  close: () => void;
}

async function* skip(chunks: AsyncIterable<Uint8Array>, bytes: number): AsyncGenerator<Uint8Array> {
  let left = bytes;
  for await (const chunk of chunks) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}

/**
 * Why no connection to the Hub could be made at all, when that is the failure: the name did not
 * resolve (no DNS, an offline machine) or nothing listens there. Distinct from a connection
 * that broke, because the fix is the endpoint (HF_ENDPOINT), not a retry.
 */
function unreachableReason(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; errors?: Array<{ code?: unknown }> } | undefined) : undefined;
  // Happy-eyeballs connects report one error per address in an AggregateError.
  const codes = [cause?.code, ...(cause?.errors ?? []).map((e) => e?.code)];
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) return 'its name does not resolve';
  if (codes.includes('ECONNREFUSED')) return 'the connection was refused';
  return undefined;
}

/** undici's "fetch failed" hides the reason in `cause` (ECONNRESET, UND_ERR_SOCKET...). */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const reason = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return reason === undefined ? message : `${message} (${reason})`;
}
