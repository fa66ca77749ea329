/**
 * A client for one registry's distribution API (OCI distribution spec,
 * https://github.com/opencontainers/distribution-spec/blob/main/spec.md): what building an
 * image without a daemon needs, and nothing more. ECR speaks it with Basic auth (the password
 * from GetAuthorizationToken, see ../ecr-auth.ts); registries that answer with a Bearer challenge
 * get the token dance (https://distribution.github.io/distribution/spec/auth/token/). Both are
 * in auth.ts; timeouts, retries and error mapping in transport.ts.
 *
 * Every request body is a Buffer of at most one chunk, so any request can be sent again after
 * a 401 or a retryable failure. Blobs are read as streams and written in chunks.
 */
import { createHash } from 'node:crypto';
import { throwIfCancelled } from '../../errors.js';
import { ImageBuildError } from '../errors.js';
import { checkReference, checkRepository, isDigest } from '../image-ref.js';
import { sha256Digest } from '../layer.js';
import {
  isImageIndex,
  isImageManifest,
  isImageManifestMediaType,
  isIndexMediaType,
  mediaTypes,
  type ImageManifest,
  type ImageManifestMediaType,
  type IndexMediaType,
  type Platform,
} from '../manifest.js';
import { OciAuth, type OciCredentials } from './auth.js';
import { drain, isRedirect, OciTransport, type Call, type OpenedBlob } from './transport.js';

export type { OpenedBlob } from './transport.js';

export interface OciClientOptions {
  /**
   * The registry: `https://123456789012.dkr.ecr.us-east-1.amazonaws.com`, `http://127.0.0.1:5001`;
   * a bare host means https.
   */
  url: string;
  /** Sent as Basic auth, or to the token service when the registry asks for a Bearer token. */
  credentials?: OciCredentials;
  /**
   * Bytes per PATCH of a chunked upload, and the largest blob sent in one PUT. Default 8 MiB.
   * ECR takes upload parts of 5 to 10 MiB (all but the last at least 5 MiB):
   * https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_UploadLayerPart.html
   */
  chunkSize?: number;
  /** Time allowed for one request that is not a blob download. Default 5 minutes. */
  requestTimeoutMs?: number;
  /** The longest wait for the next bytes of a blob download. Default 60 s. */
  idleTimeoutMs?: number;
  /** Retries of idempotent requests on 5xx, 429 and network failures. Default 3. */
  retries?: number;
  /** First pause between retries, doubled each time. Default 500 ms. */
  retryDelayMs?: number;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
}

export interface FetchedManifest {
  mediaType: ImageManifestMediaType;
  /** `sha256:...` of `bytes`. */
  digest: string;
  bytes: Buffer;
  manifest: ImageManifest;
  /** The index it was picked from, when the reference named an index. */
  index?: { mediaType: IndexMediaType; digest: string };
}

export interface BlobContent {
  digest: string;
  size: number;
  /** The bytes, or a stream of them (a blob read from another registry). */
  content: Uint8Array | AsyncIterable<Uint8Array>;
}

export interface UploadOptions {
  /** A repository of the same registry that has the blob: it is mounted rather than sent. */
  mountFrom?: string;
  signal?: AbortSignal;
  /** Bytes sent so far, after each chunk. */
  onBytes?: (bytes: number) => void;
}

/** `linux/amd64`: what SageMaker runs on the instance types we serve. */
export const defaultPlatform: Platform = { os: 'linux', architecture: 'amd64' };

const MiB = 1024 * 1024;
const minChunkSize = 5 * MiB;
const maxChunkSize = 10 * MiB;
/** The OCI spec lets registries refuse manifests over 4 MiB. */
const maxManifestBytes = 4 * MiB;
const manifestAccept = [mediaTypes.ociManifest, mediaTypes.ociIndex, mediaTypes.dockerManifest, mediaTypes.dockerManifestList].join(', ');

const pull = (repository: string) => `repository:${repository}:pull`;
const pushPull = (repository: string) => `repository:${repository}:pull,push`;

export class OciClient {
  /** The registry's host (and port): the first part of image URIs. */
  readonly host: string;
  readonly origin: string;
  readonly chunkSize: number;
  private readonly base: URL;
  private readonly transport: OciTransport;
  private readonly auth: OciAuth;

  constructor(options: OciClientOptions) {
    const raw = /^[a-z]+:\/\//i.test(options.url) ? options.url : `https://${options.url}`;
    let base: URL;
    try {
      base = new URL(raw);
    } catch (error) {
      throw new ImageBuildError('InvalidInput', `"${options.url}" is not a registry URL.`, { cause: error });
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:')
      throw new ImageBuildError('InvalidInput', `A registry URL must be http(s), got "${options.url}".`);
    this.base = base;
    this.host = base.host;
    this.origin = base.origin;
    this.chunkSize = options.chunkSize ?? 8 * MiB;
    if (!Number.isSafeInteger(this.chunkSize) || this.chunkSize < minChunkSize || this.chunkSize > maxChunkSize) {
      throw new ImageBuildError('InvalidInput', `chunkSize must be 5 to 10 MiB (ECR's upload part limits), got ${this.chunkSize} bytes.`);
    }
    this.transport = new OciTransport({
      host: this.host,
      fetch: options.fetch ?? fetch,
      requestTimeoutMs: options.requestTimeoutMs ?? 5 * 60_000,
      idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
      retries: options.retries ?? 3,
      retryDelayMs: options.retryDelayMs ?? 500,
    });
    this.auth = new OciAuth(this.host, options.credentials, this.transport);
  }

  /**
   * The image manifest `reference` (a tag or digest) names. When it names an index (a
   * multi-platform image), the entry for `platform` (default linux/amd64) is fetched.
   */
  async getManifest(repository: string, reference: string, options: { platform?: Platform; signal?: AbortSignal } = {}): Promise<FetchedManifest> {
    const platform = options.platform ?? defaultPlatform;
    const first = await this.getRawManifest(repository, reference, options.signal);
    if (isImageManifestMediaType(first.mediaType)) return this.asImage(repository, reference, first.mediaType, first);
    if (!isIndexMediaType(first.mediaType)) {
      throw new ImageBuildError(
        'UnsupportedImage',
        `${this.host}/${repository}:${reference} is a ${first.mediaType}; only OCI and Docker v2 schema 2 images and indexes are supported.`,
      );
    }
    const index: unknown = JSON.parse(first.bytes.toString('utf8'));
    if (!isImageIndex(index)) throw new ImageBuildError('UnsupportedImage', `${this.host}/${repository}:${reference} is not a valid ${first.mediaType}.`);
    const entry = index.manifests.find(
      (candidate) =>
        isImageManifestMediaType(candidate.mediaType) &&
        candidate.platform?.os === platform.os &&
        candidate.platform.architecture === platform.architecture &&
        (platform.variant === undefined || candidate.platform.variant === platform.variant),
    );
    if (!entry) {
      const offered = index.manifests.map((m) =>
        m.platform ? `${m.platform.os}/${m.platform.architecture}${m.platform.variant ? `/${m.platform.variant}` : ''}` : 'unknown',
      );
      throw new ImageBuildError(
        'UnsupportedImage',
        `${this.host}/${repository}:${reference} has no image for ${platform.os}/${platform.architecture}${platform.variant ? `/${platform.variant}` : ''} (it has: ${offered.join(', ') || 'none'}).`,
      );
    }
    const picked = await this.getRawManifest(repository, entry.digest, options.signal);
    if (!isImageManifestMediaType(picked.mediaType)) {
      throw new ImageBuildError('UnsupportedImage', `${this.host}/${repository}@${entry.digest}, listed in an index as an image, is a ${picked.mediaType}.`);
    }
    return { ...this.asImage(repository, entry.digest, picked.mediaType, picked), index: { mediaType: first.mediaType, digest: first.digest } };
  }

  /** A manifest of any kind, as the registry sent it, checked against its digest. */
  async getRawManifest(repository: string, reference: string, signal?: AbortSignal): Promise<{ mediaType: string; digest: string; bytes: Buffer }> {
    checkRepository(repository);
    checkReference(reference);
    const what = `the manifest ${repository}${isDigest(reference) ? '@' : ':'}${reference}`;
    const call: Call = {
      method: 'GET',
      url: this.url(`/v2/${repository}/manifests/${reference}`),
      scopes: [pull(repository)],
      what,
      headers: { accept: manifestAccept },
      idempotent: true,
      ...(signal ? { signal } : {}),
    };
    const response = await this.send(call);
    if (response.status !== 200) throw await this.failure(response, call);
    const bytes = await readLimited(response, maxManifestBytes, `${this.host}: ${what}`);
    const digest = sha256Digest(bytes);
    const claimed = response.headers.get('docker-content-digest');
    if ((isDigest(reference) && reference !== digest) || (claimed && claimed.startsWith('sha256:') && claimed !== digest)) {
      throw new ImageBuildError('DigestMismatch', `${this.host} sent ${what} with the wrong content: its bytes hash to ${digest}.`);
    }
    const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
    return { mediaType: contentType && contentType !== 'application/json' ? contentType : mediaTypeOf(bytes), digest, bytes };
  }

  /** Whether the repository has the blob (HEAD). */
  async hasBlob(repository: string, digest: string, signal?: AbortSignal): Promise<boolean> {
    checkRepository(repository);
    const call: Call = {
      method: 'HEAD',
      url: this.url(`/v2/${repository}/blobs/${digest}`),
      scopes: [pull(repository)],
      what: `HEAD blob ${digest} in ${repository}`,
      idempotent: true,
      redirect: 'manual',
      ...(signal ? { signal } : {}),
    };
    const response = await this.send(call);
    await drain(response);
    if (response.status === 200 || isRedirect(response.status)) return true;
    if (response.status === 404) return false;
    throw await this.failure(response, call);
  }

  /**
   * Opens a blob as a stream of chunks. Read it to the end, or stop early (`break`, or
   * `chunks.return()`), so the connection is released.
   */
  async openBlob(repository: string, digest: string, signal?: AbortSignal): Promise<OpenedBlob> {
    checkRepository(repository);
    const what = `blob ${digest} of ${repository}`;
    const call: Call = {
      method: 'GET',
      url: this.url(`/v2/${repository}/blobs/${digest}`),
      scopes: [pull(repository)],
      what,
      idempotent: true,
      stream: true,
      redirect: 'manual',
      ...(signal ? { signal } : {}),
    };
    return this.transport.openStream(call, this.auth.send);
  }

  /** A whole blob (a config), checked against its digest. */
  async readBlob(repository: string, digest: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer> {
    const blob = await this.openBlob(repository, digest, signal);
    const parts: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of blob.chunks) {
      total += chunk.length;
      if (total > maxBytes) throw new ImageBuildError('UnsupportedImage', `The blob ${digest} of ${this.host}/${repository} is larger than ${maxBytes} bytes.`);
      parts.push(chunk);
    }
    const bytes = Buffer.concat(parts);
    if (sha256Digest(bytes) !== digest)
      throw new ImageBuildError('DigestMismatch', `${this.host} sent the blob ${digest} of ${repository} with the wrong content.`);
    return bytes;
  }

  /**
   * Uploads a blob: one PUT when it fits in a chunk, else PATCHes of `chunkSize` and a closing
   * PUT. With `mountFrom`, asks the registry to mount it from that repository first; a registry
   * that cannot answers with an upload session, which is then used. The bytes are hashed on the
   * way and must match the digest.
   */
  async uploadBlob(repository: string, blob: BlobContent, options: UploadOptions = {}): Promise<'mounted' | 'uploaded'> {
    checkRepository(repository);
    if (options.mountFrom !== undefined) checkRepository(options.mountFrom);
    const { signal } = options;
    const scopes = [pushPull(repository), ...(options.mountFrom ? [pull(options.mountFrom)] : [])];
    const what = `the upload of ${blob.digest} to ${repository}`;
    const start = this.url(`/v2/${repository}/blobs/uploads/`);
    if (options.mountFrom) {
      start.searchParams.set('mount', blob.digest);
      start.searchParams.set('from', options.mountFrom);
    }
    const startCall: Call = { method: 'POST', url: start, scopes, what, idempotent: true, ...(signal ? { signal } : {}) };
    const started = await this.send(startCall);
    if (started.status === 201 && options.mountFrom) {
      await drain(started);
      return 'mounted';
    }
    if (started.status !== 202) throw await this.failure(started, startCall);
    await drain(started);
    let location = this.location(started, start, what);

    try {
      const hash = createHash('sha256');
      let sent = 0;
      if (blob.size <= this.chunkSize) {
        const bytes = await collect(blob.content, blob.size, what);
        hash.update(bytes);
        sent = bytes.length;
        this.checkContent(blob, sent, hash, what);
        await this.finish(location, blob.digest, bytes, scopes, what, signal);
      } else {
        for await (const chunk of rechunk(blob.content, this.chunkSize)) {
          throwIfCancelled(signal);
          hash.update(chunk);
          const call: Call = {
            method: 'PATCH',
            url: location,
            scopes,
            what,
            headers: { 'content-type': 'application/octet-stream', 'content-range': `${sent}-${sent + chunk.length - 1}` },
            body: chunk,
            idempotent: false,
            ...(signal ? { signal } : {}),
          };
          const patched = await this.send(call);
          if (patched.status !== 202) throw await this.failure(patched, call);
          await drain(patched);
          sent += chunk.length;
          // Range is inclusive: `0-<last byte received>`.
          const range = patched.headers.get('range');
          if (range && range !== `0-${sent - 1}`) {
            throw new ImageBuildError('RegistryRejected', `${this.host} holds bytes ${range} of ${what} after ${sent} were sent.`, { retryable: true });
          }
          location = this.location(patched, location, what);
          options.onBytes?.(sent);
        }
        this.checkContent(blob, sent, hash, what);
        await this.finish(location, blob.digest, undefined, scopes, what, signal);
      }
      options.onBytes?.(sent);
    } catch (error) {
      // Best effort: an abandoned session would otherwise wait for the registry's purge.
      await this.transport
        .fetchImpl(location, {
          method: 'DELETE',
          headers: await this.auth.authorization(scopes, signal).catch(() => ({})),
          signal: AbortSignal.timeout(10_000),
        })
        .then(drain)
        .catch(() => undefined);
      throw error;
    }
    return 'uploaded';
  }

  /** Puts a manifest under `reference` (a tag, or its digest) and returns its digest. */
  async putManifest(repository: string, reference: string, mediaType: string, bytes: Uint8Array, signal?: AbortSignal): Promise<string> {
    checkRepository(repository);
    checkReference(reference);
    const digest = sha256Digest(bytes);
    const what = `the manifest ${repository}:${reference}`;
    const call: Call = {
      method: 'PUT',
      url: this.url(`/v2/${repository}/manifests/${reference}`),
      scopes: [pushPull(repository)],
      what,
      headers: { 'content-type': mediaType },
      body: bytes,
      idempotent: true,
      ...(signal ? { signal } : {}),
    };
    const response = await this.send(call);
    if (response.status !== 201 && response.status !== 200) throw await this.failure(response, call);
    await drain(response);
    const stored = response.headers.get('docker-content-digest');
    if (stored && stored !== digest) {
      throw new ImageBuildError('DigestMismatch', `${this.host} stored ${what} as ${stored}, but the bytes sent hash to ${digest}.`);
    }
    return digest;
  }

  private asImage(repository: string, reference: string, mediaType: ImageManifestMediaType, raw: { digest: string; bytes: Buffer }): FetchedManifest {
    const manifest: unknown = JSON.parse(raw.bytes.toString('utf8'));
    if (!isImageManifest(manifest)) throw new ImageBuildError('UnsupportedImage', `${this.host}/${repository}:${reference} is not a valid ${mediaType}.`);
    return { mediaType, digest: raw.digest, bytes: raw.bytes, manifest };
  }

  private checkContent(blob: BlobContent, sent: number, hash: ReturnType<typeof createHash>, what: string): void {
    if (sent !== blob.size) throw new ImageBuildError('DigestMismatch', `${what}: ${sent} bytes arrived, ${blob.size} were expected.`, { retryable: true });
    const digest = `sha256:${hash.digest('hex')}`;
    if (digest !== blob.digest) throw new ImageBuildError('DigestMismatch', `${what}: the bytes hash to ${digest}.`, { retryable: true });
  }

  private async finish(
    location: URL,
    digest: string,
    body: Uint8Array | undefined,
    scopes: string[],
    what: string,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    const call: Call = {
      method: 'PUT',
      url,
      scopes,
      what,
      ...(body ? { headers: { 'content-type': 'application/octet-stream' } } : {}),
      ...(body ? { body } : {}),
      idempotent: false,
      ...(signal ? { signal } : {}),
    };
    const response = await this.send(call);
    if (response.status !== 201) throw await this.failure(response, call);
    await drain(response);
  }

  private url(path: string): URL {
    return new URL(path, this.base);
  }

  private location(response: Response, base: URL, what: string): URL {
    const location = response.headers.get('location');
    if (!location) throw new ImageBuildError('RegistryRejected', `${this.host} sent no Location for ${what}.`);
    return new URL(location, base);
  }

  /** Sends a call with credentials; retries idempotent calls on 5xx, 429 and network failures (transport.ts). */
  private send(call: Call): Promise<Response> {
    return this.transport.send(call, this.auth.send);
  }

  /** The typed error for a refused request; reads (and so consumes) the response body. */
  private failure(response: Response, call: Call): Promise<ImageBuildError> {
    return this.transport.failure(response, call);
  }
}

async function readLimited(response: Response, limit: number, what: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await drain(response);
    throw new ImageBuildError('UnsupportedImage', `${what} is larger than ${limit} bytes.`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > limit) throw new ImageBuildError('UnsupportedImage', `${what} is larger than ${limit} bytes.`);
  return bytes;
}

/** A manifest's media type from its own `mediaType` field, or its shape when the field is absent. */
function mediaTypeOf(bytes: Buffer): string {
  try {
    const body = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown; manifests?: unknown; config?: unknown; schemaVersion?: unknown };
    if (typeof body.mediaType === 'string') return body.mediaType;
    if (body.schemaVersion === 1) return 'application/vnd.docker.distribution.manifest.v1+json';
    if (Array.isArray(body.manifests)) return mediaTypes.ociIndex;
    if (body.config !== undefined) return mediaTypes.ociManifest;
  } catch {
    // fall through
  }
  return 'application/octet-stream';
}

async function collect(content: Uint8Array | AsyncIterable<Uint8Array>, size: number, what: string): Promise<Buffer> {
  if (content instanceof Uint8Array) return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of content) {
    total += chunk.length;
    if (total > size) throw new ImageBuildError('DigestMismatch', `${what}: more than the ${size} bytes expected arrived.`, { retryable: true });
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** Cuts a byte source into chunks of exactly `size` bytes (the last may be shorter). */
export async function* rechunk(content: Uint8Array | AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  if (content instanceof Uint8Array) {
    for (let at = 0; at < content.length; at += size) yield Buffer.from(content.buffer, content.byteOffset + at, Math.min(size, content.length - at));
    return;
  }
  let pending = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const chunk of content) {
    let at = 0;
    while (at < chunk.length) {
      const take = Math.min(size - filled, chunk.length - at);
      pending.set(chunk.subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (filled === size) {
        yield pending;
        pending = Buffer.allocUnsafe(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield pending.subarray(0, filled);
}
