import { ModelplaneWaitError } from './errors.js';
import { sleep } from './transport.js';

export interface WaitProgress {
  /** Reads so far, this one included. */
  attempt: number;
  /** Since the wait started. */
  elapsedMs: number;
}

export interface WaitOptions<T> {
  /** Called after every read with the resource as it is now (the final read included). */
  onProgress?: (resource: T, progress: WaitProgress) => void;
  /** Aborting rejects the wait with reason `aborted`. */
  signal?: AbortSignal;
  /** Give up with reason `timeout` after this long. Default one hour. */
  timeoutMs?: number;
  /** Between reads. Default 5 000 ms (packaging and endpoint changes take minutes). */
  intervalMs?: number;
}

/** Where a polled resource stands: keep polling, done, or failed for good. */
export type WaitVerdict = 'pending' | 'done' | 'failed';

/**
 * Polls `read` until `judge` says done (resolves with the resource) or failed (rejects with
 * ModelplaneWaitError carrying it). `read` answering undefined means the resource is gone,
 * which `judge` sees as undefined too (waitUntilDeleted's success).
 */
export async function waitFor<T>(
  what: string,
  read: (signal: AbortSignal | undefined) => Promise<T | undefined>,
  judge: (resource: T | undefined) => WaitVerdict,
  options: WaitOptions<T> = {},
): Promise<T | undefined> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 3_600_000;
  const intervalMs = options.intervalMs ?? 5_000;
  let last: T | undefined;
  const aborted = (cause: unknown) => new ModelplaneWaitError<T>('aborted', `Stopped waiting for ${what}: aborted`, last, { cause });
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw aborted(options.signal.reason);
    let current: T | undefined;
    try {
      current = await read(options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw aborted(error);
      throw error;
    }
    if (current !== undefined) {
      last = current;
      options.onProgress?.(current, { attempt, elapsedMs: Date.now() - started });
    }
    const verdict = judge(current);
    if (verdict === 'done') return current;
    if (verdict === 'failed') throw new ModelplaneWaitError('failed', `${what} failed`, last);
    const remaining = timeoutMs - (Date.now() - started);
    if (remaining <= 0) throw new ModelplaneWaitError('timeout', `Gave up waiting for ${what} after ${timeoutMs} ms`, last);
    try {
      await sleep(Math.min(intervalMs, remaining), options.signal);
    } catch (error) {
      throw aborted(error);
    }
  }
}
