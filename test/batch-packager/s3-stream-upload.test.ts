import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
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
