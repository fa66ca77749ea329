import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger, PackagingProgress, ProgressReporter } from '../../batch-packager/src/ports.js';
import { ThrottledProgress } from '../../batch-packager/src/progress.js';

const figures = (bytesDone: number): PackagingProgress => ({ bytesDone, bytesTotal: 100, filesDone: 0, filesTotal: 2 });

describe('ThrottledProgress', () => {
  const sent: { at: number; what: string }[] = [];
  const reporter: ProgressReporter = {
    phase: async (phase) => void sent.push({ at: Date.now(), what: phase }),
    progress: async (p) => void sent.push({ at: Date.now(), what: String(p.bytesDone) }),
  };
  const warnings: string[] = [];
  const logger: Logger = { info: () => undefined, warn: (m) => void warnings.push(m), error: () => undefined };

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    sent.length = 0;
    warnings.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('sends at most one report per second, the latest figures, plus the final one on flush', async () => {
    const progress = new ThrottledProgress(reporter, logger);
    for (let i = 1; i <= 25; i++) {
      progress.update(figures(i));
      await vi.advanceTimersByTimeAsync(100);
    }
    progress.update(figures(26));
    await progress.flush();
    expect(sent).toEqual([
      { at: 0, what: '1' },
      { at: 1000, what: '10' },
      { at: 2000, what: '20' },
      { at: 2500, what: '26' },
    ]);
  });

  it('sends the last figures of a burst when the interval ends, without a flush', async () => {
    const progress = new ThrottledProgress(reporter, logger);
    progress.update(figures(1));
    progress.update(figures(2));
    progress.update(figures(3));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.map((s) => s.what)).toEqual(['1', '3']);
  });

  it('sends a phase at once, in order with the progress reports', async () => {
    const progress = new ThrottledProgress(reporter, logger);
    await progress.phase('resolving');
    progress.update(figures(0));
    await progress.phase('downloading');
    await progress.flush();
    expect(sent.map((s) => s.what)).toEqual(['resolving', '0', 'downloading']);
  });

  it('logs a failed report and goes on when the reporter fails', async () => {
    const failing: ProgressReporter = {
      phase: () => Promise.reject(new Error('table throttled')),
      progress: () => Promise.reject(new Error('table throttled')),
    };
    const progress = new ThrottledProgress(failing, logger);
    await progress.phase('resolving');
    progress.update(figures(1));
    await progress.flush();
    expect(warnings).toEqual(['could not report phase', 'could not report progress']);
  });
});
