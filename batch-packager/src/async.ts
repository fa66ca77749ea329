import { cancelledError } from './errors.js';

/** Waits `ms`, or rejects with Cancelled as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `work` over `items` with at most `limit` at a time. The first failure stops new items
 * from starting and fires `onFirstFailure` (so the caller can abort the ones running); every
 * started item is awaited before the first failure is rethrown, so nothing is left running.
 */
export async function runLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  onFirstFailure?: (error: unknown) => void,
): Promise<void> {
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        if (!failed) {
          failed = true;
          firstError = error;
          onFirstFailure?.(error);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw firstError;
}

/**
 * A counting semaphore whose waiters are served first come, first served (the ranged download
 * relies on that order: a part number is taken only once a slot is held, so the lowest part
 * not yet hashed always holds one). `acquire` rejects with Cancelled when `signal` fires.
 * p-limit wraps one function call at a time; a slot here outlives several calls (fetch, upload,
 * hash), so it is held and released explicitly.
 */
export class Semaphore {
  private available: number;
  private readonly waiting: { grant: () => void; signal?: AbortSignal; onAbort: () => void }[] = [];

  constructor(readonly size: number) {
    this.available = Math.max(1, size);
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledError(signal));
    if (this.available > 0 && this.waiting.length === 0) {
      this.available -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', waiter.onAbort);
          resolve();
        },
        onAbort: () => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(cancelledError(signal!));
        },
        ...(signal ? { signal } : {}),
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next.grant();
    else this.available += 1;
  }

  /** Runs `work` holding one slot. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}
