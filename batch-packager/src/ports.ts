/**
 * The narrow ports the packager depends on. hub-client.ts implements HubSource over the Hub's
 * HTTP API, s3-object-store.ts implements ObjectStore with the S3 client; later work adds a
 * ProgressReporter that writes the job record (DynamoDB) and the image build. Tests implement
 * them with fakes or point the real ones at a fixture Hub and the emulator.
 */
import type { components } from '../../openapi/generated/types.js';

export type PackagingPhase = components['schemas']['PackagingJobPhase'];
export type PackagingProgress = components['schemas']['PackagingProgress'];

/** One file of a Hub repository at a pinned commit. */
export interface HubFile {
  /** The path inside the repository, `/`-separated. */
  path: string;
  size: number;
  /** sha256 of the content (hex); the Hub lists it for LFS files (the weights) only. */
  sha256?: string;
}

export interface HubRevision {
  modelId: string;
  /** The branch, tag or commit asked for. */
  revision: string;
  /** The commit it resolved to: every later read is pinned to it. */
  sha: string;
}

/**
 * A model repository host (the Hugging Face Hub). Failures are PackagingErrors with a stable
 * code; those marked `retryable` (stalls, resets, 5xx) may be resumed with `download` at the
 * offset reached.
 */
export interface HubSource {
  /**
   * True when files can only be read one at a time, in listFiles' order (an archive streams
   * front to back): the packager then copies them that way instead of several at once.
   */
  readonly sequential?: boolean;
  resolveRevision(modelId: string, revision: string, signal?: AbortSignal): Promise<HubRevision>;
  /** Every file of the repository at the commit, recursively. */
  listFiles(modelId: string, sha: string, signal?: AbortSignal): Promise<HubFile[]>;
  /** The file's bytes from `offset` to the end. */
  download(modelId: string, sha: string, path: string, offset: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>>;
  /**
   * Optional: bytes `start` to `end` (exclusive) of the file, for downloads over several
   * connections. Sources without it are read as one stream.
   */
  downloadRange?(modelId: string, sha: string, path: string, range: ByteRange, signal?: AbortSignal): Promise<RangeBody>;
}

/** Bytes `start` (inclusive) to `end` (exclusive) of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface RangeBody {
  /**
   * True when the server sent the range asked for (206); false when it ignored Range and sends
   * the file from `start` to its end (the start already skipped): the reader stops at `end`.
   */
  ranged: boolean;
  /** The file's size the server states (Content-Range), when it states one. */
  total?: number;
  chunks: AsyncIterable<Uint8Array>;
}

export interface ObjectLocation {
  bucket: string;
  key: string;
}

export interface NewObject extends ObjectLocation {
  contentType?: string;
  /** User metadata (`x-amz-meta-*`). */
  metadata?: Record<string, string>;
}

/** Where the packaged model goes (S3): single puts and multipart uploads, nothing more. */
export interface ObjectStore {
  putObject(object: NewObject & { body: Uint8Array }, signal?: AbortSignal): Promise<void>;
  /** Starts a multipart upload and returns its upload id. */
  createMultipartUpload(object: NewObject): Promise<string>;
  /** Uploads one part and returns its ETag. */
  uploadPart(part: ObjectLocation & { uploadId: string; partNumber: number; body: Uint8Array }, signal?: AbortSignal): Promise<string>;
  completeMultipartUpload(upload: ObjectLocation & { uploadId: string; parts: readonly { partNumber: number; etag: string }[] }): Promise<void>;
  abortMultipartUpload(upload: ObjectLocation & { uploadId: string }): Promise<void>;
}

/**
 * Where a running job reports what it is doing. Implementations may be slow or fail (a table
 * write): the packager throttles reports and never fails a job because a report failed.
 */
export interface ProgressReporter {
  phase(phase: PackagingPhase): Promise<void>;
  progress(progress: PackagingProgress): Promise<void>;
}

/** Structured logging; fields must never carry the Hub token. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
