import { describe, expect, it } from 'vitest';
import { runLimited, Semaphore, sleep } from '../../batch-packager/src/async.js';

describe('runLimited', () => {
  it('runs every item with at most `limit` at a time', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runLimited([1, 2, 3, 4, 5, 6], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await sleep(5);
      running -= 1;
      done.push(n);
    });
    expect(most).toBe(2);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects with the first failure after the running items settle, starting no new ones', async () => {
    const started: number[] = [];
    let settled = 0;
    let notified: unknown;
    const run = runLimited(
      [1, 2, 3, 4],
      2,
      async (n) => {
        started.push(n);
        if (n === 1) throw new Error('first');
        await sleep(20);
        settled += 1;
        if (n === 2) throw new Error('second');
      },
      (error) => (notified = error),
    );
    await expect(run).rejects.toThrow('first');
    expect(started).toEqual([1, 2]);
    expect(settled).toBe(1);
    expect(notified).toEqual(new Error('first'));
  });
});

describe('sleep', () => {
  it('rejects with Cancelled when the signal fires', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'Cancelled' });
  });
});

describe('Semaphore', () => {
  it('grants slots first come, first served once they are taken', async () => {
    const slots = new Semaphore(2);
    await slots.acquire();
    await slots.acquire();
    const granted: string[] = [];
    const first = slots.acquire().then(() => granted.push('first'));
    const second = slots.acquire().then(() => granted.push('second'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(granted).toEqual([]);
    slots.release();
    await first;
    expect(granted).toEqual(['first']);
    slots.release();
    await second;
    expect(granted).toEqual(['first', 'second']);
  });

  it('rejects a waiter with Cancelled when its signal fires, and gives its turn to the next', async () => {
    const slots = new Semaphore(1);
    await slots.acquire();
    const controller = new AbortController();
    const cancelled = slots.acquire(controller.signal);
    const next = slots.acquire();
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'Cancelled' });
    slots.release();
    await next;
    await expect(slots.acquire(controller.signal)).rejects.toMatchObject({ code: 'Cancelled' });
  });

  it('releases the slot of a run that fails', async () => {
    const slots = new Semaphore(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(() => Promise.resolve(42))).toBe(42);
  });
});
