import type { NewObject, ObjectLocation, ObjectStore } from '../../../batch-packager/src/ports.js';

interface Upload {
  key: string;
  parts: Map<number, Buffer>;
  metadata?: Record<string, string>;
}

/** An ObjectStore in memory that records every call, for the upload algorithm's unit tests. */
export class MemoryStore implements ObjectStore {
  readonly objects = new Map<string, { body: Buffer; metadata?: Record<string, string> }>();
  readonly uploads = new Map<string, Upload>();
  readonly calls: string[] = [];
  readonly partSizes: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Milliseconds each UploadPart takes. */
  partDelayMs = 0;
  /** When set, each UploadPart waits in `held` until `releaseHeld()`: S3 slower than any source, without timers. */
  holdParts = false;
  readonly held: (() => void)[] = [];
  /** Part numbers S3 refuses. */
  refuseParts = new Set<number>();
  private nextId = 0;

  async putObject(object: NewObject & { body: Uint8Array }, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.calls.push(`put ${object.key}`);
    this.objects.set(object.key, { body: Buffer.from(object.body), ...(object.metadata ? { metadata: object.metadata } : {}) });
  }

  async createMultipartUpload(object: NewObject): Promise<string> {
    const id = `upload-${++this.nextId}`;
    this.calls.push(`create ${object.key}`);
    this.uploads.set(id, { key: object.key, parts: new Map(), ...(object.metadata ? { metadata: object.metadata } : {}) });
    return id;
  }

  async uploadPart(part: ObjectLocation & { uploadId: string; partNumber: number; body: Uint8Array }, signal?: AbortSignal): Promise<string> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // Copy now: the caller reuses the buffer once this resolves, as the SDK may not.
      const body = Buffer.from(part.body);
      if (this.holdParts) {
        await new Promise<void>((resolve, reject) => {
          this.held.push(resolve);
          signal?.addEventListener('abort', () => reject(new Error('aborted')));
        });
      }
      if (this.partDelayMs > 0) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, this.partDelayMs);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new Error('aborted'));
          });
        });
      }
      signal?.throwIfAborted();
      if (this.refuseParts.has(part.partNumber)) throw Object.assign(new Error('We encountered an internal error.'), { name: 'InternalError' });
      this.calls.push(`part ${part.partNumber}`);
      this.partSizes[part.partNumber - 1] = body.length;
      const upload = this.uploads.get(part.uploadId);
      if (!upload) throw new Error('NoSuchUpload');
      upload.parts.set(part.partNumber, body);
      return `"etag-${part.partNumber}"`;
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Lets every held part finish. */
  releaseHeld(): void {
    for (const release of this.held.splice(0)) release();
  }

  async completeMultipartUpload(upload: ObjectLocation & { uploadId: string; parts: readonly { partNumber: number; etag: string }[] }): Promise<void> {
    const stored = this.uploads.get(upload.uploadId);
    if (!stored) throw new Error('NoSuchUpload');
    this.calls.push(`complete ${upload.key}`);
    const numbers = upload.parts.map((p) => p.partNumber);
    if (numbers.some((n, i) => n !== i + 1)) throw new Error(`parts out of order: ${numbers.join(',')}`);
    this.objects.set(upload.key, { body: Buffer.concat(numbers.map((n) => stored.parts.get(n)!)), ...(stored.metadata ? { metadata: stored.metadata } : {}) });
    this.uploads.delete(upload.uploadId);
  }

  async abortMultipartUpload(upload: ObjectLocation & { uploadId: string }): Promise<void> {
    this.calls.push(`abort ${upload.key}`);
    this.uploads.delete(upload.uploadId);
  }
}
