/**
 * Streams one file from a byte source (the Hub) into S3 without a copy on disk and with bounded
 * memory: the bytes go into part buffers, full parts upload while the next one fills, and the
 * sha256 is computed on the way. A stalled or broken download resumes from the first byte not
 * yet in a buffer, so the parts already uploaded stay and every byte is hashed exactly once. Any
 * failure aborts the multipart upload: nothing unfinished is left behind, and nothing is
 * completed unless its size and sha256 match what the Hub lists.
 *
 * Memory: at most (concurrency + 1) part buffers per file (`concurrency` uploading, one filling).
 */
import { createHash } from 'node:crypto';
import { sleep } from './async.js';
import { cancelledError, PackagingError, throwIfCancelled } from './errors.js';
import type { NewObject, ObjectStore } from './ports.js';

export const MiB = 1024 * 1024;
/** S3 allows 10,000 parts per upload, each at least 5 MiB but the last. */
export const s3MaxParts = 10_000;
export const s3MinPartBytes = 5 * MiB;

export interface PartSizes {
  /** The smallest part; files smaller than this go in one PutObject. */
  min: number;
  max: number;
  /** How many parts a file is cut into, at most, while the part size stays within min..max. */
  targetParts: number;
}

/**
 * 8 MiB parts up to 8 GiB files, growing to 64 MiB at 64 GiB: few requests for large shards,
 * little memory for the rest.
 */
export const defaultPartSizes: PartSizes = { min: 8 * MiB, max: 64 * MiB, targetParts: 1_000 };

const roundUpToMiB = (bytes: number) => Math.ceil(bytes / MiB) * MiB;

/** The part size for a file: within min..max, and never more than 10,000 parts. */
export function partSizeFor(size: number, sizes: PartSizes = defaultPartSizes): number {
  const wanted = Math.min(sizes.max, Math.max(sizes.min, roundUpToMiB(size / sizes.targetParts)));
  return Math.max(wanted, roundUpToMiB(size / s3MaxParts));
}

export interface StreamUploadOptions {
  store: ObjectStore;
  /** Where the file goes. */
  target: NewObject;
  /** The file's name in messages (its path in the repository). */
  name: string;
  /** The size the source lists; anything else is a ChecksumMismatch. */
  size: number;
  /** The sha256 (hex) the source lists, when it lists one. */
  sha256?: string;
  /** Opens the source at a byte offset; throws PackagingErrors, retryable ones are resumed. */
  open: (offset: number, signal: AbortSignal) => Promise<AsyncIterable<Uint8Array>>;
  partSizes?: PartSizes;
  /** Parts uploading at once. Default 4. */
  concurrency?: number;
  /** Resumes after stalls and broken downloads without progress in between. Default 5. */
  maxRetries?: number;
  /** The first pause before a resume, doubled each time (at most 30 s). Default 1 s. */
  retryDelayMs?: number;
  /** Bytes of this file stored in S3 so far (parts uploaded), after each part. */
  onProgress?: (bytesStored: number) => void;
  /** Every byte of the file, once and in order, as it is received (to read headers on the way). */
  onBytes?: (chunk: Uint8Array, offset: number) => void;
  signal?: AbortSignal;
}

export interface UploadedObject {
  bucket: string;
  key: string;
  size: number;
  sha256: string;
  /** Parts of the multipart upload; 0 for a single PutObject. */
  parts: number;
}

/** Copies one file from the source to S3: one PutObject below the minimum part size, multipart above. */
export async function streamUpload(options: StreamUploadOptions): Promise<UploadedObject> {
  throwIfCancelled(options.signal);
  const sizes = options.partSizes ?? defaultPartSizes;
  if (sizes.min < s3MinPartBytes) throw new RangeError(`parts must be at least ${s3MinPartBytes} bytes (S3's minimum)`);
  return options.size < sizes.min ? putSmall(options) : putMultipart(options, partSizeFor(options.size, sizes));
}

async function putSmall(options: StreamUploadOptions): Promise<UploadedObject> {
  const external = options.signal ?? new AbortController().signal;
  let body: Buffer = Buffer.alloc(0);
  const sha256 = await receive(options, options.size, external, {
    acquire: () => Promise.resolve((body = Buffer.allocUnsafe(options.size))),
    emit: () => Promise.resolve(),
    stopped: () => (external.aborted ? cancelledError(external) : undefined),
  });
  verify(options, sha256);
  try {
    await options.store.putObject({ ...options.target, body, metadata: { ...options.target.metadata, sha256 } }, options.signal);
  } catch (error) {
    throw external.aborted ? cancelledError(external) : uploadFailed(`S3 refused ${options.target.key}`, error);
  }
  options.onProgress?.(options.size);
  return { bucket: options.target.bucket, key: options.target.key, size: options.size, sha256, parts: 0 };
}

async function putMultipart(options: StreamUploadOptions, partSize: number): Promise<UploadedObject> {
  const { store, target } = options;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const internal = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;
  const cancelled = () => (options.signal?.aborted ? cancelledError(options.signal) : undefined);

  let uploadId: string;
  try {
    // The sha256 goes in the metadata now: the upload completes only if the bytes match it.
    uploadId = await store.createMultipartUpload({ ...target, ...(options.sha256 ? { metadata: { ...target.metadata, sha256: options.sha256 } } : {}) });
  } catch (error) {
    throw cancelled() ?? uploadFailed(`S3 refused to start the upload of ${target.key}`, error);
  }

  const pool = new BufferPool(partSize, concurrency + 1);
  const parts: { partNumber: number; etag: string }[] = [];
  const inFlight = new Set<Promise<void>>();
  let uploadError: PackagingError | undefined;
  let stored = 0;

  const emit = async (buffer: Buffer, length: number, partNumber: number) => {
    const task: Promise<void> = store
      .uploadPart({ bucket: target.bucket, key: target.key, uploadId, partNumber, body: buffer.subarray(0, length) }, signal)
      .then(
        (etag) => {
          parts.push({ partNumber, etag });
          stored += length;
          options.onProgress?.(stored);
        },
        (error: unknown) => {
          uploadError ??= cancelled() ?? uploadFailed(`S3 refused part ${partNumber} of ${target.key}`, error);
          internal.abort(uploadError);
        },
      )
      .finally(() => {
        pool.release(buffer);
        inFlight.delete(task);
      });
    inFlight.add(task);
    // Backpressure: stop reading the source while `concurrency` parts are uploading.
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
  };

  try {
    const sha256 = await receive(options, partSize, signal, { acquire: () => pool.acquire(), emit, stopped: () => cancelled() ?? uploadError });
    await Promise.all(inFlight);
    const stop = cancelled() ?? uploadError;
    if (stop) throw stop;
    verify(options, sha256);
    parts.sort((a, b) => a.partNumber - b.partNumber);
    try {
      await store.completeMultipartUpload({ bucket: target.bucket, key: target.key, uploadId, parts });
    } catch (error) {
      throw uploadFailed(`S3 refused to complete ${target.key}`, error);
    }
    return { bucket: target.bucket, key: target.key, size: options.size, sha256, parts: parts.length };
  } catch (error) {
    internal.abort();
    // Parts still uploading would outlive the abort and keep their storage: wait for them first.
    await Promise.allSettled([...inFlight]);
    const failure = cancelled() ?? uploadError ?? asPackagingError(error);
    try {
      await store.abortMultipartUpload({ bucket: target.bucket, key: target.key, uploadId });
    } catch (abortError) {
      // The bucket's lifecycle rule (abort incomplete uploads) is the backstop; say so.
      throw new PackagingError(
        failure.code,
        `${failure.message} The multipart upload of ${target.key} could not be aborted either (${describeError(abortError)}); the bucket's lifecycle rule removes it.`,
        {
          cause: failure,
        },
      );
    }
    throw failure;
  }
}

interface PartSink {
  /** A buffer for the next part (may wait for one to come free). */
  acquire: () => Promise<Buffer>;
  /** Hands over a full part; may wait (backpressure). */
  emit: (buffer: Buffer, length: number, partNumber: number) => Promise<void>;
  /** Why to stop now, if anything happened on the upload side (a failed part, a cancel). */
  stopped: () => PackagingError | undefined;
}

/**
 * Reads the source into part buffers and returns the sha256 of the whole. A byte is hashed when
 * it is copied into a buffer, and a resume asks for the first byte after the last one copied,
 * so the hash and the buffers always agree.
 */
async function receive(options: StreamUploadOptions, partSize: number, signal: AbortSignal, sink: PartSink): Promise<string> {
  const { size, name } = options;
  const maxRetries = options.maxRetries ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const hash = createHash('sha256');
  const partLength = (partNumber: number) => Math.min(partSize, size - (partNumber - 1) * partSize);
  let received = 0;
  let current: Buffer | undefined;
  let filled = 0;
  let partNumber = 1;
  let failures = 0;
  let receivedAtLastFailure = 0;
  for (;;) {
    try {
      const chunks = await options.open(received, signal);
      for await (const chunk of chunks) {
        if (received + chunk.length > size) {
          throw new PackagingError('ChecksumMismatch', `${name} is longer than the ${size} bytes the Hub lists for it.`);
        }
        let position = 0;
        while (position < chunk.length) {
          if (current === undefined) {
            current = await sink.acquire();
            filled = 0;
          }
          const take = Math.min(chunk.length - position, partLength(partNumber) - filled);
          const bytes = chunk.subarray(position, position + take);
          current.set(bytes, filled);
          hash.update(bytes);
          options.onBytes?.(bytes, received);
          filled += take;
          received += take;
          position += take;
          if (filled === partLength(partNumber)) {
            const full = current;
            current = undefined;
            await sink.emit(full, filled, partNumber++);
          }
        }
        const stop = sink.stopped();
        if (stop) throw stop;
      }
      if (received < size) {
        throw new PackagingError('DownloadFailed', `The download of ${name} ended at byte ${received} of ${size}.`, { retryable: true });
      }
      return hash.digest('hex');
    } catch (error) {
      const stop = sink.stopped();
      if (stop) throw stop;
      const failure = asPackagingError(error);
      if (!failure.retryable) throw failure;
      if (received > receivedAtLastFailure) failures = 0;
      receivedAtLastFailure = received;
      failures += 1;
      if (failures > maxRetries) {
        throw new PackagingError(failure.code, `${failure.message} Gave up after ${maxRetries} resumes without progress.`, { cause: failure });
      }
      await sleep(Math.min(30_000, retryDelayMs * 2 ** (failures - 1)), signal);
    }
  }
}

function verify(options: StreamUploadOptions, sha256: string): void {
  const expected = options.sha256?.toLowerCase();
  if (expected !== undefined && sha256 !== expected) {
    throw new PackagingError('ChecksumMismatch', `${options.name} has sha256 ${sha256}, not the ${expected} the Hub lists; it was not kept.`);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function uploadFailed(message: string, cause: unknown): PackagingError {
  return new PackagingError('UploadFailed', `${message}: ${describeError(cause)}.`, { cause });
}

function asPackagingError(error: unknown): PackagingError {
  if (error instanceof PackagingError) return error;
  return new PackagingError('DownloadFailed', `The download broke: ${describeError(error)}.`, { cause: error, retryable: true });
}

/** Reusable part buffers, created on demand up to `capacity`; `acquire` waits for a free one. */
class BufferPool {
  private readonly free: Buffer[] = [];
  private readonly waiting: ((buffer: Buffer) => void)[] = [];
  private created = 0;

  constructor(
    private readonly bufferSize: number,
    private readonly capacity: number,
  ) {}

  acquire(): Promise<Buffer> {
    const buffer = this.free.pop();
    if (buffer) return Promise.resolve(buffer);
    if (this.created < this.capacity) {
      this.created += 1;
      return Promise.resolve(Buffer.allocUnsafe(this.bufferSize));
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(buffer: Buffer): void {
    const next = this.waiting.shift();
    if (next) next(buffer);
    else this.free.push(buffer);
  }
}
