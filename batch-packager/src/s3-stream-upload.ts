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
import { setMaxListeners } from 'node:events';
import { sleep, type Semaphore } from './async.js';
import { cancelledError, PackagingError, throwIfCancelled } from './errors.js';
import type { ByteRange, NewObject, ObjectStore, RangeBody } from './ports.js';

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
  /** Reads byte ranges over several connections, for files of at least `ranges.minBytes`. */
  ranges?: RangedReads;
  signal?: AbortSignal;
}

/**
 * How a job reads large files as byte ranges. Both semaphores are the job's, shared by the
 * files it copies at once: `connections` bounds the range requests open at a time,
 * `window` the parts held in memory (being read, uploading, or waiting for their turn to be
 * hashed).
 */
export interface RangedReads {
  open: (range: ByteRange, signal: AbortSignal) => Promise<RangeBody>;
  connections: Semaphore;
  window: Semaphore;
  /** Part buffers free for reuse, shared by the job's files: with one part size, no more are ever made than the window holds. */
  spare: Buffer[];
  /** Files smaller than this keep one stream. */
  minBytes: number;
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
  if (options.size < sizes.min) return putSmall(options);
  const { ranges } = options;
  if (ranges !== undefined && options.size >= ranges.minBytes) {
    // As many parts as S3 allows keep each part (and so the memory per connection) small.
    const partSize = partSizeFor(options.size, { ...sizes, targetParts: s3MaxParts });
    if (options.size > partSize) return putRanged(options, ranges, partSize);
  }
  return putMultipart(options, partSizeFor(options.size, sizes));
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

/**
 * One multipart upload around `receive`, which reads the file, sends its parts through the
 * session and returns its sha256. Completes only when every part is stored and the size and
 * sha256 match; any failure waits for the parts still uploading and aborts the upload.
 */
async function withMultipartUpload(options: StreamUploadOptions, receive: (session: UploadSession) => Promise<string>): Promise<UploadedObject> {
  const { store, target } = options;
  const cancelled = () => (options.signal?.aborted ? cancelledError(options.signal) : undefined);
  let uploadId: string;
  try {
    // The sha256 goes in the metadata now: the upload completes only if the bytes match it.
    uploadId = await store.createMultipartUpload({ ...target, ...(options.sha256 ? { metadata: { ...target.metadata, sha256: options.sha256 } } : {}) });
  } catch (error) {
    throw cancelled() ?? uploadFailed(`S3 refused to start the upload of ${target.key}`, error);
  }
  const session = new UploadSession(options, uploadId);
  try {
    const sha256 = await receive(session);
    await session.settled();
    const stop = session.stopped();
    if (stop) throw stop;
    verify(options, sha256);
    const parts = session.parts.sort((a, b) => a.partNumber - b.partNumber);
    try {
      await store.completeMultipartUpload({ bucket: target.bucket, key: target.key, uploadId, parts });
    } catch (error) {
      throw uploadFailed(`S3 refused to complete ${target.key}`, error);
    }
    return { bucket: target.bucket, key: target.key, size: options.size, sha256, parts: parts.length };
  } catch (error) {
    session.abort();
    // Parts still uploading would outlive the abort and keep their storage: wait for them first.
    await session.settled();
    const failure = session.stopped() ?? asPackagingError(error);
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

/** The parts of one multipart upload in flight: sends them, records their ETags, and stops on the first refusal. */
class UploadSession {
  readonly parts: { partNumber: number; etag: string }[] = [];
  readonly inFlight = new Set<Promise<void>>();
  /** Fires on the caller's cancel, a refused part, or `abort()`. */
  readonly signal: AbortSignal;
  private readonly internal = new AbortController();
  private uploadError: PackagingError | undefined;
  private stored = 0;

  constructor(
    private readonly options: StreamUploadOptions,
    private readonly uploadId: string,
  ) {
    this.signal = options.signal ? AbortSignal.any([options.signal, this.internal.signal]) : this.internal.signal;
  }

  private cancelled(): PackagingError | undefined {
    return this.options.signal?.aborted ? cancelledError(this.options.signal) : undefined;
  }

  /** Why to stop now, if anything happened on the upload side (a failed part, a cancel). */
  stopped(): PackagingError | undefined {
    return this.cancelled() ?? this.uploadError;
  }

  /** Uploads one part; resolves when S3 answered (a refusal is recorded and stops the session, it does not reject). */
  send(buffer: Buffer, length: number, partNumber: number): Promise<void> {
    const { target } = this.options;
    const task: Promise<void> = this.options.store
      .uploadPart({ bucket: target.bucket, key: target.key, uploadId: this.uploadId, partNumber, body: buffer.subarray(0, length) }, this.signal)
      .then(
        (etag) => {
          this.parts.push({ partNumber, etag });
          this.stored += length;
          this.options.onProgress?.(this.stored);
        },
        (error: unknown) => {
          this.uploadError ??= this.cancelled() ?? uploadFailed(`S3 refused part ${partNumber} of ${target.key}`, error);
          this.internal.abort(this.uploadError);
        },
      )
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
    return task;
  }

  abort(): void {
    this.internal.abort();
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

/** One stream into parts: at most (concurrency + 1) part buffers, `concurrency` of them uploading. */
function putMultipart(options: StreamUploadOptions, partSize: number): Promise<UploadedObject> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  return withMultipartUpload(options, (session) => {
    const pool = new BufferPool(partSize, concurrency + 1);
    const emit = async (buffer: Buffer, length: number, partNumber: number) => {
      void session.send(buffer, length, partNumber).finally(() => pool.release(buffer));
      // Backpressure: stop reading the source while `concurrency` parts are uploading.
      while (session.inFlight.size >= concurrency) await Promise.race(session.inFlight);
    };
    return receive(options, partSize, session.signal, { acquire: () => pool.acquire(), emit, stopped: () => session.stopped() });
  });
}

// ---------------------------------------------------------------- ranged reads

/**
 * A large file over several connections: each part is one byte range, read into its own buffer
 * and uploaded as soon as it is full (S3 takes parts in any order; the completion lists them by
 * number).
 *
 * The sha256 is still computed once over every byte, in file order. S3 cannot do it for us: its
 * SHA256 checksum of a multipart object is a hash of the parts' hashes, not the file's sha256
 * the Hub lists, and S3's full-object checksums exist only for the CRC types. So the parts wait
 * in a small reorder window: the part at the head of the file (the lowest not yet hashed) is
 * hashed as its bytes arrive, and the parts after it are hashed from their buffers when it is
 * done. A buffer is freed when its part is both uploaded and hashed; part numbers are handed out
 * only to holders of a window slot, first come first served, so the head part always holds one
 * and connections that run ahead wait for a slot (back-pressure) instead of growing memory.
 * Memory: at most `window.size` parts per job.
 *
 * The first range goes out alone: it resolves the CDN URL the others use, and shows whether the
 * server honours Range. One that answers 200 (the whole file) is read as the single stream.
 */
async function putRanged(options: StreamUploadOptions, ranges: RangedReads, partSize: number): Promise<UploadedObject> {
  const signal = options.signal ?? new AbortController().signal;
  const first: ByteRange = { start: 0, end: partSize };
  await ranges.connections.acquire(signal);
  let probe: RangeBody;
  try {
    probe = await openWithRetries(options, (s) => ranges.open(first, s), signal);
  } catch (error) {
    ranges.connections.release();
    throw error;
  }
  if (!probe.ranged) {
    ranges.connections.release();
    let reused = false;
    const open = (offset: number, s: AbortSignal) => {
      if (offset === 0 && !reused) {
        reused = true;
        return Promise.resolve(probe.chunks);
      }
      return options.open(offset, s);
    };
    return putMultipart({ ...options, open }, partSize);
  }
  return withMultipartUpload(options, (session) => new RangedReceiver(options, ranges, partSize, session, probe).run());
}

/** Opens a source, resuming retryable failures the way `receive` does (a first request has no progress to count). */
async function openWithRetries<T>(options: StreamUploadOptions, open: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
  const maxRetries = options.maxRetries ?? 5;
  for (let failures = 0; ;) {
    try {
      return await open(signal);
    } catch (error) {
      if (signal.aborted) throw cancelledError(signal);
      const failure = asPackagingError(error);
      failures += 1;
      if (!failure.retryable) throw failure;
      if (failures > maxRetries)
        throw new PackagingError(failure.code, `${failure.message} Gave up after ${maxRetries} resumes without progress.`, { cause: failure });
      await sleep(Math.min(30_000, (options.retryDelayMs ?? 1_000) * 2 ** (failures - 1)), signal);
    }
  }
}

/** The parts of one file read as ranges, and the in-order hash over them. */
class RangedReceiver {
  private readonly partCount: number;
  private readonly hasher: OrderedHasher;
  private readonly internal = new AbortController();
  private readonly signal: AbortSignal;
  private nextPart = 1;
  private probe: RangeBody | undefined;

  constructor(
    private readonly options: StreamUploadOptions,
    private readonly ranges: RangedReads,
    private readonly partSize: number,
    private readonly session: UploadSession,
    probe: RangeBody,
  ) {
    this.partCount = Math.ceil(options.size / partSize);
    this.hasher = new OrderedHasher(partSize, options.onBytes);
    this.signal = AbortSignal.any([session.signal, this.internal.signal]);
    // Every part waiting for a slot, a connection, its hash or a request listens to it at once.
    setMaxListeners(4 * ranges.window.size + 16, this.signal);
    this.probe = probe;
  }

  async run(): Promise<string> {
    let firstError: unknown;
    const worker = async () => {
      try {
        while (await this.nextOne());
      } catch (error) {
        firstError ??= error;
        this.internal.abort(error);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.ranges.window.size, this.partCount) }, worker));
    } finally {
      // The probe's connection, when no worker took part 1 (a cancel before the first slot).
      if (this.probe !== undefined) this.ranges.connections.release();
    }
    const stop = this.session.stopped();
    if (stop) throw stop;
    if (firstError !== undefined) throw asPackagingError(firstError);
    return this.hasher.digest();
  }

  private takeBuffer(): Buffer {
    const { spare } = this.ranges;
    const index = spare.findIndex((b) => b.length === this.partSize);
    return index >= 0 ? spare.splice(index, 1)[0]! : Buffer.allocUnsafe(this.partSize);
  }

  private range(partNumber: number): ByteRange {
    const start = (partNumber - 1) * this.partSize;
    return { start, end: Math.min(this.options.size, start + this.partSize) };
  }

  /** Takes the next part (once a window slot is free) and sees it through; false when none is left. */
  private async nextOne(): Promise<boolean> {
    const { window } = this.ranges;
    await window.acquire(this.signal);
    try {
      const partNumber = this.nextPart++;
      if (partNumber > this.partCount) return false;
      const range = this.range(partNumber);
      const length = range.end - range.start;
      const buffer = this.takeBuffer();
      const part = this.hasher.add(partNumber, buffer, length);
      await this.read(partNumber, range, part);
      // Uploaded and hashed, in whichever order they finish, before the buffer is reused.
      await Promise.all([this.session.send(buffer, length, partNumber), untilAborted(part.hashed, this.signal)]);
      const stop = this.session.stopped();
      if (stop) throw stop;
      if (this.ranges.spare.length < this.ranges.window.size) this.ranges.spare.push(buffer);
      return true;
    } finally {
      window.release();
    }
  }

  /** Reads one range into its part, resuming from the first byte not yet received. */
  private async read(partNumber: number, range: ByteRange, part: HeldPart): Promise<void> {
    const { name } = this.options;
    const maxRetries = this.options.maxRetries ?? 5;
    const retryDelayMs = this.options.retryDelayMs ?? 1_000;
    const length = range.end - range.start;
    let failures = 0;
    let filledAtLastFailure = 0;
    for (;;) {
      const probe = partNumber === 1 ? this.probe : undefined;
      if (probe !== undefined) this.probe = undefined;
      // The probe already holds a connection.
      if (probe === undefined) await this.ranges.connections.acquire(this.signal);
      try {
        const body = probe ?? (await this.ranges.open({ start: range.start + part.filled, end: range.end }, this.signal));
        await this.fill(body, part, length);
        if (part.filled < length) {
          throw new PackagingError(
            'DownloadFailed',
            `The download of ${name} ended at byte ${range.start + part.filled} of range ${range.start}-${range.end - 1}.`,
            {
              retryable: true,
            },
          );
        }
        return;
      } catch (error) {
        if (this.signal.aborted) throw this.session.stopped() ?? error;
        const failure = asPackagingError(error);
        if (!failure.retryable) throw failure;
        if (part.filled > filledAtLastFailure) failures = 0;
        filledAtLastFailure = part.filled;
        failures += 1;
        if (failures > maxRetries) {
          throw new PackagingError(failure.code, `${failure.message} Gave up after ${maxRetries} resumes without progress.`, { cause: failure });
        }
      } finally {
        this.ranges.connections.release();
      }
      await sleep(Math.min(30_000, retryDelayMs * 2 ** (failures - 1)), this.signal);
    }
  }

  private async fill(body: RangeBody, part: HeldPart, length: number): Promise<void> {
    if (body.total !== undefined && body.total !== this.options.size) {
      throw new PackagingError(
        'ChecksumMismatch',
        `${this.options.name} is ${body.total} bytes on the server, not the ${this.options.size} bytes the Hub lists.`,
      );
    }
    for await (const chunk of body.chunks) {
      const room = length - part.filled;
      if (body.ranged && chunk.length > room) {
        throw new PackagingError('DownloadFailed', `The server sent more of ${this.options.name} than the range asked for.`, { retryable: true });
      }
      const bytes = chunk.length > room ? chunk.subarray(0, room) : chunk;
      part.buffer.set(bytes, part.filled);
      part.filled += bytes.length;
      this.hasher.advance();
      const stop = this.session.stopped();
      if (stop) throw stop;
      // A server that ignored Range sends the rest of the file: stop at the end of the range.
      if (!body.ranged && part.filled === length) return;
    }
  }
}

interface HeldPart {
  buffer: Buffer;
  length: number;
  /** Bytes received so far, from the start of the part. */
  filled: number;
  /** Resolves once every byte of the part is hashed. */
  hashed: Promise<void>;
}

/** sha256 (and `onBytes`) in file order over parts that fill in any order. */
class OrderedHasher {
  private readonly hash = createHash('sha256');
  private readonly parts = new Map<number, HeldPart & { done: () => void }>();
  private head = 1;
  private hashedInHead = 0;

  constructor(
    private readonly partSize: number,
    private readonly onBytes: ((chunk: Uint8Array, offset: number) => void) | undefined,
  ) {}

  add(partNumber: number, buffer: Buffer, length: number): HeldPart {
    let done = () => undefined as void;
    const hashed = new Promise<void>((resolve) => (done = resolve));
    const part = { buffer, length, filled: 0, hashed, done };
    this.parts.set(partNumber, part);
    return part;
  }

  /** Hashes what has become contiguous from the head of the file. */
  advance(): void {
    for (;;) {
      const part = this.parts.get(this.head);
      if (part === undefined) return;
      if (part.filled > this.hashedInHead) {
        const bytes = part.buffer.subarray(this.hashedInHead, part.filled);
        this.hash.update(bytes);
        this.onBytes?.(bytes, (this.head - 1) * this.partSize + this.hashedInHead);
        this.hashedInHead = part.filled;
      }
      if (part.filled < part.length) return;
      this.parts.delete(this.head);
      part.done();
      this.head += 1;
      this.hashedInHead = 0;
    }
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** `promise`, or a rejection as soon as `signal` fires. */
function untilAborted(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, reject);
  });
}

// ---------------------------------------------------------------- one stream

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
