import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { Semaphore } from '../../batch-packager/src/async.js';
import { PackagingError } from '../../batch-packager/src/errors.js';
import { MiB, partSizeFor, s3MaxParts, streamUpload, type StreamUploadOptions } from '../../batch-packager/src/s3-stream-upload.js';
import { pseudoRandomBytes } from './support/hub-server.js';
import { MemoryStore } from './support/memory-store.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const stall = () => new PackagingError('DownloadStalled', 'no bytes for 1 s.', { retryable: true });
const GiB = 1024 * MiB;

/** A source over a buffer that breaks once at each of `breaks` (an offset and the error thrown there). */
function scriptedSource(content: Buffer, breaks: { at: number; error: () => Error }[] = [], chunkSize = 64 * 1024) {
  const opens: number[] = [];
  const pending = [...breaks];
  const open = async (offset: number, signal: AbortSignal): Promise<AsyncIterable<Uint8Array>> => {
    opens.push(offset);
    const brk = pending.find((b) => b.at >= offset);
    if (brk) pending.splice(pending.indexOf(brk), 1);
    return (async function* () {
      for (let position = offset; position < content.length;) {
        signal.throwIfAborted();
        const end = Math.min(content.length, position + chunkSize, brk && brk.at > position ? brk.at : Number.POSITIVE_INFINITY);
        if (brk && position === brk.at) throw brk.error();
        yield content.subarray(position, end);
        position = end;
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (brk && brk.at === content.length) throw brk.error();
    })();
  };
  return { open, opens };
}

/** Compares bodies with Buffer.equals: a deep equality over MiB of bytes takes seconds. */
function expectStored(store: MemoryStore, content: Buffer): void {
  const stored = store.objects.get('m/model.safetensors');
  expect(stored?.body.equals(content)).toBe(true);
  expect(stored?.metadata).toEqual({ sha256: sha256(content) });
}

function options(store: MemoryStore, content: Buffer, extra: Partial<StreamUploadOptions> = {}): StreamUploadOptions {
  return {
    store,
    target: { bucket: 'b', key: 'm/model.safetensors' },
    name: 'model.safetensors',
    size: content.length,
    sha256: sha256(content),
    open: scriptedSource(content).open,
    partSizes: { min: 5 * MiB, max: 64 * MiB, targetParts: 1000 },
    retryDelayMs: 1,
    ...extra,
  };
}

describe('partSizeFor', () => {
  it.each([
    { size: 0, part: 8 * MiB },
    { size: 100 * MiB, part: 8 * MiB },
    { size: 5 * GiB, part: 8 * MiB },
    { size: 16 * GiB, part: 17 * MiB },
    { size: 64 * GiB, part: 64 * MiB },
    { size: 200 * GiB, part: 64 * MiB },
    { size: 1024 * GiB, part: 105 * MiB },
  ])('cuts $size bytes into parts of $part bytes', ({ size, part }) => {
    expect(partSizeFor(size)).toBe(part);
    expect(Math.ceil(size / part)).toBeLessThanOrEqual(s3MaxParts);
  });
});

describe('streamUpload', () => {
  it('stores a small file with one PutObject and its sha256 when it is below the part size', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(3 * MiB + 7, 1);
    const progress: number[] = [];
    const result = await streamUpload(options(store, content, { onProgress: (b) => progress.push(b) }));
    expect(result).toEqual({ bucket: 'b', key: 'm/model.safetensors', size: content.length, sha256: sha256(content), parts: 0 });
    expect(store.calls).toEqual(['put m/model.safetensors']);
    expectStored(store, content);
    expect(progress).toEqual([content.length]);
  });

  it('stores an empty file when the source lists 0 bytes', async () => {
    const store = new MemoryStore();
    const result = await streamUpload(options(store, Buffer.alloc(0)));
    expect(result.size).toBe(0);
    expect(store.objects.get('m/model.safetensors')?.body.length).toBe(0);
  });

  it('uploads parts of the chosen size in order when the file is large', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(12 * MiB + 3, 2);
    const progress: number[] = [];
    const result = await streamUpload(options(store, content, { onProgress: (b) => progress.push(b) }));
    expect(result.parts).toBe(3);
    expect(store.partSizes).toEqual([5 * MiB, 5 * MiB, 2 * MiB + 3]);
    expectStored(store, content);
    expect(store.uploads.size).toBe(0);
    expect(progress.at(-1)).toBe(content.length);
  });

  it('keeps at most `concurrency` parts uploading when S3 is slower than the source', async () => {
    // S3 answers no part until the uploader has stopped sending: it must stop at 3 parts (or at the last ones).
    const store = new MemoryStore();
    store.holdParts = true;
    const content = pseudoRandomBytes(40 * MiB, 3); // 8 parts of 5 MiB
    let finished = false;
    const upload = streamUpload(options(store, content, { concurrency: 3 })).finally(() => (finished = true));
    const rounds: number[] = [];
    let released = 0;
    while (released < 8) {
      const expected = Math.min(3, 8 - released);
      await vi.waitFor(() => expect(store.held).toHaveLength(expected), { timeout: 10_000, interval: 1 });
      // Give the uploader the event-loop turns it would need to read and send one part more
      // (the source yields 64 KiB a turn: 80 turns a part); it must send none.
      for (let turn = 0; turn < 400; turn++) await new Promise((resolve) => setImmediate(resolve));
      rounds.push(store.held.length);
      released += store.held.length;
      store.releaseHeld();
    }
    await upload;
    expect(finished).toBe(true);
    expect(rounds).toEqual([3, 3, 2]);
    expect(store.maxInFlight).toBe(3);
    expect(store.partSizes).toHaveLength(8);
    expectStored(store, content);
  });

  it('resumes from the first byte not yet received when the download stalls, and hashes every byte once', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(11 * MiB, 4);
    const cut = 7 * MiB + 12_345;
    const source = scriptedSource(content, [{ at: cut, error: stall }]);
    const seen: number[] = [];
    let bytesSeen = 0;
    const tapped = createHash('sha256');
    const result = await streamUpload(
      options(store, content, {
        open: source.open,
        onBytes: (chunk, offset) => {
          expect(offset).toBe(bytesSeen);
          bytesSeen += chunk.length;
          tapped.update(chunk);
          seen.push(offset);
        },
      }),
    );
    expect(source.opens).toEqual([0, cut]);
    expect(result.sha256).toBe(sha256(content));
    expect(tapped.digest('hex')).toBe(sha256(content));
    expectStored(store, content);
  });

  it('resumes a small file in the middle of its only buffer when the connection breaks', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(2 * MiB, 5);
    const source = scriptedSource(content, [{ at: MiB + 1, error: () => new PackagingError('DownloadFailed', 'reset', { retryable: true }) }]);
    await streamUpload(options(store, content, { open: source.open }));
    expect(source.opens).toEqual([0, MiB + 1]);
    expectStored(store, content);
  });

  it('counts only resumes without progress toward the retry limit', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(6 * MiB, 6);
    const breaks = [1, 2, 3, 4, 5].map((n) => ({ at: n * MiB, error: stall }));
    const source = scriptedSource(content, breaks);
    await streamUpload(options(store, content, { open: source.open, maxRetries: 1 }));
    expect(source.opens).toEqual([0, MiB, 2 * MiB, 3 * MiB, 4 * MiB, 5 * MiB]);
  });

  it('fails with the last error and aborts the upload when resumes make no progress', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(11 * MiB, 7);
    const at = 6 * MiB;
    const source = scriptedSource(
      content,
      [0, 1, 2, 3].map(() => ({ at, error: stall })),
    );
    const failure = streamUpload(options(store, content, { open: source.open, maxRetries: 2 }));
    await expect(failure).rejects.toMatchObject({ code: 'DownloadStalled', message: expect.stringContaining('Gave up after 2 resumes') });
    expect(source.opens).toEqual([0, at, at]);
    expect(store.calls.at(-1)).toBe('abort m/model.safetensors');
    expect(store.uploads.size).toBe(0);
    expect(store.objects.size).toBe(0);
  });

  it('fails with ChecksumMismatch and aborts the upload when the bytes do not match the sha256', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(11 * MiB, 8);
    const failure = streamUpload(options(store, content, { sha256: sha256(Buffer.from('something else')) }));
    await expect(failure).rejects.toMatchObject({ code: 'ChecksumMismatch', message: expect.stringContaining('model.safetensors has sha256') });
    expect(store.calls).toContain('abort m/model.safetensors');
    expect(store.calls).not.toContain('complete m/model.safetensors');
    expect(store.uploads.size).toBe(0);
  });

  it('fails with ChecksumMismatch without storing anything when a small file does not match', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(MiB, 9);
    await expect(streamUpload(options(store, content, { sha256: '0'.repeat(64) }))).rejects.toMatchObject({ code: 'ChecksumMismatch' });
    expect(store.calls).toEqual([]);
  });

  it('fails with ChecksumMismatch when the source sends more bytes than it lists', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(9 * MiB, 10);
    const failure = streamUpload(options(store, content, { size: content.length - 1 }));
    await expect(failure).rejects.toMatchObject({ code: 'ChecksumMismatch', message: expect.stringContaining('longer than') });
    expect(store.uploads.size).toBe(0);
  });

  it('fails with UploadFailed, stops reading and aborts the upload when S3 refuses a part', async () => {
    const store = new MemoryStore();
    store.refuseParts.add(2);
    const content = pseudoRandomBytes(30 * MiB, 11);
    const source = scriptedSource(content);
    let received = 0;
    const failure = streamUpload(options(store, content, { open: source.open, concurrency: 1, onBytes: (c) => (received += c.length) }));
    await expect(failure).rejects.toMatchObject({
      code: 'UploadFailed',
      message: expect.stringContaining('S3 refused part 2 of m/model.safetensors: InternalError'),
    });
    expect(received).toBeLessThan(content.length);
    expect(store.calls.at(-1)).toBe('abort m/model.safetensors');
    expect(store.uploads.size).toBe(0);
  });

  it('fails with Cancelled and aborts the upload when the signal fires mid-file', async () => {
    const store = new MemoryStore();
    store.partDelayMs = 20;
    const content = pseudoRandomBytes(30 * MiB, 12);
    const controller = new AbortController();
    const failure = streamUpload(options(store, content, { signal: controller.signal, onProgress: () => controller.abort() }));
    await expect(failure).rejects.toMatchObject({ code: 'Cancelled' });
    expect(store.calls.at(-1)).toBe('abort m/model.safetensors');
    expect(store.uploads.size).toBe(0);
    expect(store.objects.size).toBe(0);
  });

  it('rejects parts smaller than S3 allows', async () => {
    const store = new MemoryStore();
    await expect(streamUpload(options(store, Buffer.alloc(10), { partSizes: { min: MiB, max: 8 * MiB, targetParts: 10 } }))).rejects.toThrow(RangeError);
  });
});

/** A ranged source over a buffer: `hold` keeps a range's answer until released, `ignoreFrom` answers those ranges as a server ignoring Range does. */
function rangedSource(content: Buffer, script: { hold?: number; ignoreFrom?: number; failAt?: { start: number; error: () => Error } } = {}) {
  const opens: string[] = [];
  let open = 0;
  let maxOpen = 0;
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const read = async (range: { start: number; end: number }, signal: AbortSignal) => {
    opens.push(`${range.start}-${range.end}`);
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    if (script.hold === range.start) await held;
    const ignored = script.ignoreFrom !== undefined && range.start >= script.ignoreFrom;
    const end = ignored ? content.length : range.end;
    const fail = script.failAt?.start === range.start ? script.failAt : undefined;
    if (fail) script.failAt = undefined;
    const chunks = (async function* () {
      try {
        for (let position = range.start; position < end; position += 64 * 1024) {
          signal.throwIfAborted();
          if (fail && position > range.start) throw fail.error();
          yield content.subarray(position, Math.min(end, position + 64 * 1024));
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        open -= 1;
      }
    })();
    return { ranged: !ignored, total: content.length, chunks };
  };
  return { read, opens, release, maxOpen: () => maxOpen };
}

function rangedOptions(
  store: MemoryStore,
  content: Buffer,
  source: ReturnType<typeof rangedSource>,
  connections = 3,
  extra: Partial<StreamUploadOptions> = {},
) {
  return options(store, content, {
    open: scriptedSource(content).open,
    ranges: { open: source.read, connections: new Semaphore(connections), window: new Semaphore(connections + 2), spare: [], minBytes: 0 },
    ...extra,
  });
}

describe('streamUpload over ranges', () => {
  it('hashes in file order and stores every part when a later range arrives first', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(26 * MiB + 5, 21); // 6 parts of 5 MiB
    const source = rangedSource(content, { hold: 5 * MiB });
    const offsets: number[] = [];
    let next = 0;
    const upload = streamUpload(
      rangedOptions(store, content, source, 3, {
        onBytes: (chunk, offset) => {
          expect(offset).toBe(next);
          next += chunk.length;
          offsets.push(offset);
        },
      }),
    );
    // Parts 3 and 4 are uploaded while part 2 is held: they arrived first.
    await vi.waitFor(() => expect(store.calls).toEqual(expect.arrayContaining(['part 3', 'part 4'])), { timeout: 10_000, interval: 5 });
    expect(store.calls).not.toContain('part 2');
    source.release();
    const result = await upload;
    expect(result).toMatchObject({ sha256: sha256(content), parts: 6 });
    expect(next).toBe(content.length);
    expectStored(store, content);
  });

  it('keeps at most `connections` ranges open and at most the window of parts in memory', async () => {
    const store = new MemoryStore();
    store.holdParts = true;
    const content = pseudoRandomBytes(60 * MiB, 22); // 12 parts
    const source = rangedSource(content);
    const upload = streamUpload(rangedOptions(store, content, source, 2));
    // S3 answers nothing: the window (2 connections + 2) fills with parts waiting on S3, and reading stops there.
    await vi.waitFor(() => expect(store.held).toHaveLength(4), { timeout: 10_000, interval: 5 });
    for (let turn = 0; turn < 400; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(store.held).toHaveLength(4);
    expect(source.opens).toHaveLength(4);
    store.holdParts = false;
    store.releaseHeld();
    await upload;
    expect(source.maxOpen()).toBeLessThanOrEqual(2);
    expect(store.maxInFlight).toBeLessThanOrEqual(4);
    expectStored(store, content);
  });

  it('takes only its range when a server ignores Range for a later one', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(21 * MiB, 23);
    const source = rangedSource(content, { ignoreFrom: 10 * MiB });
    await streamUpload(rangedOptions(store, content, source));
    expectStored(store, content);
  });

  it('resumes a broken range from where it broke', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(16 * MiB, 24);
    const source = rangedSource(content, { failAt: { start: 5 * MiB, error: stall } });
    await streamUpload(rangedOptions(store, content, source));
    expect(source.opens).toEqual(expect.arrayContaining([`${5 * MiB}-${10 * MiB}`, `${5 * MiB + 64 * 1024}-${10 * MiB}`]));
    expectStored(store, content);
  });

  it('fails with ChecksumMismatch and aborts the upload when the ranged bytes do not match the sha256', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(16 * MiB, 25);
    const failure = streamUpload(rangedOptions(store, content, rangedSource(content), 3, { sha256: '0'.repeat(64) }));
    await expect(failure).rejects.toMatchObject({ code: 'ChecksumMismatch' });
    expect(store.calls.at(-1)).toBe('abort m/model.safetensors');
    expect(store.uploads.size).toBe(0);
    expect(store.objects.size).toBe(0);
  });

  it('fails with ChecksumMismatch when the server states another size than the Hub lists', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(16 * MiB, 26);
    const failure = streamUpload(rangedOptions(store, content, rangedSource(content), 3, { size: content.length - 1 }));
    await expect(failure).rejects.toMatchObject({ code: 'ChecksumMismatch', message: expect.stringContaining('bytes on the server') });
    expect(store.uploads.size).toBe(0);
  });

  it('fails with UploadFailed, stops every range and aborts the upload when S3 refuses a part', async () => {
    const store = new MemoryStore();
    store.refuseParts.add(3);
    const content = pseudoRandomBytes(50 * MiB, 27);
    const source = rangedSource(content);
    await expect(streamUpload(rangedOptions(store, content, source))).rejects.toMatchObject({ code: 'UploadFailed' });
    expect(source.opens.length).toBeLessThan(10);
    expect(store.calls.at(-1)).toBe('abort m/model.safetensors');
    expect(store.uploads.size).toBe(0);
  });

  it('fails with Cancelled and aborts the upload when the signal fires while a range is held', async () => {
    const store = new MemoryStore();
    const content = pseudoRandomBytes(30 * MiB, 28);
    const source = rangedSource(content, { hold: 5 * MiB });
    const controller = new AbortController();
    const upload = streamUpload(rangedOptions(store, content, source, 3, { signal: controller.signal }));
    await vi.waitFor(() => expect(store.calls).toContain('part 3'), { timeout: 10_000, interval: 5 });
    controller.abort();
    source.release();
    await expect(upload).rejects.toMatchObject({ code: 'Cancelled' });
    expect(store.calls.at(-1)).toBe('abort m/model.safetensors');
    expect(store.uploads.size).toBe(0);
  });
});
