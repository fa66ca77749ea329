/**
 * A fine-tuned model packed in one S3 object: a SageMaker training job's `model.tar.gz` (or
 * any tar, gzipped or not: the first two bytes decide). SageMaker serves the files
 * uncompressed under a prefix, so the packager takes the archive apart, entry by entry, as
 * it streams: nothing lands on local disk and no big entry is held in memory (each goes
 * through the same multipart upload as a Hub file).
 *
 * An archive can only be read front to back, and what to keep (selectFiles: safetensors over
 * PyTorch duplicates) and how to serve it (config.json) depend on entries that may come last.
 * So it is read twice, both times pinned to the object's ETag: `listFiles` reads it through
 * once, keeping only the entry list and config.json; the copy then reads it again and hands
 * each wanted entry to the upload as the stream reaches it (`sequential`: the packager asks
 * for files one at a time, in listing order). The second read costs S3 GET bandwidth and a
 * gunzip (in-Region S3 reads are free of transfer charges), where one read would need every
 * entry uploaded before knowing whether it is kept, and deletes the job role may not do.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import tar from 'tar-stream';
import { parseSourceUri } from '../../core/source-buckets.js';
import { PackagingError } from './errors.js';
import type { HubFile, HubRevision, HubSource } from './ports.js';

/** config.json files are a few KB; refuse to hold anything much larger in memory. */
const maxConfigBytes = 16 * 1024 * 1024;
/** Entries read from the first pass and served from memory (small, and wanted before the copy). */
const keptInMemory = new Set(['config.json']);

/** One entry of an archive being read: its header and a stream of its bytes. */
type Entry = tar.Extract extends AsyncIterable<infer E> ? E : never;

/**
 * The entry's path inside the model, or undefined for entries that carry no file (directories,
 * the archive's own `./`). Links, devices and paths that leave the model are refused: a link
 * in a training output would point outside what was uploaded, and `../` or `/` would write
 * outside the model's prefix.
 */
export function archiveEntryPath(header: Pick<tar.Header, 'name' | 'type'>): string | undefined {
  const name = header.name;
  const type: string = header.type;
  if (type === 'directory' || type === 'pax-global-header') return undefined;
  if (type === 'symlink' || type === 'link') {
    throw new PackagingError(
      'InvalidModel',
      `The archive's ${name} is a ${type === 'link' ? 'hard' : 'symbolic'} link; a model archive may hold only files and directories.`,
    );
  }
  if (type !== 'file' && type !== 'contiguous-file') {
    throw new PackagingError('InvalidModel', `The archive's ${name} is a ${type}; a model archive may hold only files and directories.`);
  }
  let path = name;
  while (path.startsWith('./')) path = path.slice(2);
  if (path === '' || path === '.') return undefined;
  const segments = path.split('/');
  if (path.startsWith('/') || path.includes('\\') || segments.some((s: string) => s === '..' || s === '.' || s === '')) {
    throw new PackagingError(
      'InvalidModel',
      `The archive's entry ${JSON.stringify(name)} leaves the model's folder or is not a plain relative path; it was refused.`,
    );
  }
  return path;
}

/** An archive being read: its entries in order, and a way to stop reading (releasing the S3 connection). */
interface ArchiveReader {
  entries: AsyncIterator<Entry>;
  close(): void;
}

/** Reads `body` as a tar, gunzipping it first when it starts with gzip's magic bytes (1f 8b). */
async function openArchive(body: AsyncIterable<Uint8Array>): Promise<ArchiveReader> {
  const iterator = body[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let ended = false;
  while (head.length < 2 && !ended) {
    const next = await iterator.next();
    if (next.done) ended = true;
    else head = Buffer.concat([head, next.value]);
  }
  async function* bytes(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const source = Readable.from(bytes(), { objectMode: false });
  const extract = tar.extract();
  // A broken download or a corrupt gzip stream fails the extract, so the reader of entries sees it.
  const fail = (error: Error) => extract.destroy(error);
  source.on('error', fail);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    gunzip.on('error', fail);
    source.pipe(gunzip).pipe(extract);
  } else {
    source.pipe(extract);
  }
  return {
    entries: extract[Symbol.asyncIterator](),
    close: () => {
      source.destroy();
      extract.destroy();
    },
  };
}

/** An entry's bytes. streamx's Readable is async-iterable (as Node's is), but its type declarations omit it. */
function bytesOf(entry: Entry): AsyncIterable<Buffer> {
  return entry as unknown as AsyncIterable<Buffer>;
}

/** Reads an entry to its end without keeping it. */
async function drain(entry: Entry): Promise<void> {
  for await (const _ of bytesOf(entry)) void _;
}

/**
 * A model archive in S3, read through the same port as the Hub. The "revision" is a digest of
 * the object's key, size and ETag, and both reads are pinned to the ETag, so an archive
 * replaced while the job runs fails the job instead of mixing two trainings.
 */
export class S3ArchiveSource implements HubSource {
  /** Files are asked for one at a time, in listFiles' order: the archive streams once, front to back. */
  readonly sequential = true;
  private etag: string | undefined;
  private readonly inMemory = new Map<string, Buffer>();
  private reader: ArchiveReader | undefined;
  private readonly handedOut = new Set<string>();

  constructor(
    private readonly client: S3Client,
    private readonly uri: string,
  ) {}

  private get location(): { bucket: string; key: string } {
    const { bucket, key } = parseSourceUri(this.uri);
    return { bucket, key };
  }

  async resolveRevision(modelId: string, revision: string, signal?: AbortSignal): Promise<HubRevision> {
    const { bucket, key } = this.location;
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
      this.etag = head.ETag;
      const sha = createHash('sha256')
        .update(`${key}\t${head.ContentLength ?? 0}\t${head.ETag ?? ''}\n`)
        .digest('hex')
        .slice(0, 40);
      return { modelId, revision, sha };
    } catch (error) {
      if (error instanceof Error && ['NotFound', 'NoSuchKey', 'NoSuchBucket', 'Forbidden', 'AccessDenied'].includes(error.name)) {
        throw new PackagingError(
          'ModelNotFound',
          `${this.uri} cannot be read (${error.name}); it must exist and the packaging job's role must be allowed to read it.`,
          {
            cause: error,
          },
        );
      }
      throw this.downloadFailed(error);
    }
  }

  /** The first read: every file entry with its size, in archive order; config.json kept in memory. */
  async listFiles(_modelId: string, _sha: string, signal?: AbortSignal): Promise<HubFile[]> {
    const reader = await this.open(signal);
    const files: HubFile[] = [];
    const seen = new Set<string>();
    try {
      for (let next = await this.nextEntry(reader); !next.done; next = await this.nextEntry(reader)) {
        const entry = next.value;
        const path = archiveEntryPath(entry.header);
        if (path === undefined) {
          await drain(entry);
          continue;
        }
        if (seen.has(path)) throw new PackagingError('InvalidModel', `The archive holds ${path} twice; a model archive must hold each file once.`);
        seen.add(path);
        const size = entry.header.size;
        files.push({ path, size });
        if (keptInMemory.has(path)) this.inMemory.set(path, await this.readSmall(path, size, entry));
        else await drain(entry);
      }
    } catch (error) {
      throw this.readFailure(error);
    } finally {
      reader.close();
    }
    if (files.length === 0) throw new PackagingError('ModelNotFound', `${this.uri} is an archive with no files.`);
    return files;
  }

  /** The second read, one entry after the other: the stream of `path` when the archive reaches it. */
  async download(_modelId: string, _sha: string, path: string, offset: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const kept = this.inMemory.get(path);
    if (kept) return Readable.from([kept.subarray(offset)]);
    if (offset > 0 || this.handedOut.has(path)) {
      throw new PackagingError(
        'DownloadFailed',
        `The read of ${path} from ${this.uri} broke, and an archive cannot be read again from the middle; submit the job again.`,
      );
    }
    this.reader ??= await this.open(signal);
    try {
      for (let next = await this.nextEntry(this.reader); !next.done; next = await this.nextEntry(this.reader)) {
        const entry = next.value;
        if (archiveEntryPath(entry.header) === path) {
          this.handedOut.add(path);
          return bytesOf(entry);
        }
        await drain(entry);
      }
    } catch (error) {
      this.close();
      throw this.readFailure(error);
    }
    this.close();
    throw new PackagingError('InvalidModel', `${path} was in ${this.uri} on the first read but not on the second; submit the job again.`);
  }

  /** Stops the second read (the packager is done or failed). */
  close(): void {
    this.reader?.close();
    this.reader = undefined;
  }

  private async open(signal: AbortSignal | undefined): Promise<ArchiveReader> {
    const { bucket, key } = this.location;
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, ...(this.etag ? { IfMatch: this.etag } : {}) }),
        signal ? { abortSignal: signal } : {},
      );
      return await openArchive(object.Body as AsyncIterable<Uint8Array>);
    } catch (error) {
      if (error instanceof Error && error.name === 'PreconditionFailed') {
        throw new PackagingError('InvalidModel', `${this.uri} changed while the job ran; submit again.`, { cause: error });
      }
      throw this.downloadFailed(error);
    }
  }

  private async nextEntry(reader: ArchiveReader): Promise<IteratorResult<Entry>> {
    try {
      return await reader.entries.next();
    } catch (error) {
      throw this.readFailure(error);
    }
  }

  /**
   * What a failed read means: bytes that are no tar or gzip (zlib's Z_* codes, tar-stream's
   * header and end-of-data errors) make an InvalidModel; anything else (a reset connection) a
   * DownloadFailed, which the job does not resume (an archive cannot be re-read from the middle).
   */
  private readFailure(error: unknown): PackagingError {
    if (error instanceof PackagingError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | undefined)?.code;
    if ((typeof code === 'string' && code.startsWith('Z_')) || /header|Unexpected end of data/i.test(message)) {
      return new PackagingError('InvalidModel', `${this.uri} is not a readable tar or tar.gz archive: ${message}`, { cause: error });
    }
    return this.downloadFailed(error);
  }

  private async readSmall(path: string, size: number, entry: Entry): Promise<Buffer> {
    if (size > maxConfigBytes) throw new PackagingError('InvalidModel', `The archive's ${path} is larger than ${maxConfigBytes} bytes.`);
    const chunks: Buffer[] = [];
    for await (const chunk of bytesOf(entry)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  private downloadFailed(error: unknown): PackagingError {
    return new PackagingError('DownloadFailed', `Reading ${this.uri} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
