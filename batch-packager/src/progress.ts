import type { Logger, PackagingPhase, PackagingProgress, ProgressReporter } from './ports.js';

/**
 * Sends progress at most once per interval (the latest figures win; a timer sends the last
 * ones of a burst), phases at once, and a final report on `flush`. Reports go out one at a
 * time, in order, and never hold up the copy: a failed report is logged, not thrown.
 */
export class ThrottledProgress {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending: PackagingProgress | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly reporter: ProgressReporter,
    private readonly logger: Logger,
    private readonly intervalMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  phase(phase: PackagingPhase): Promise<void> {
    return this.enqueue(() => this.reporter.phase(phase), 'phase');
  }

  update(progress: PackagingProgress): void {
    this.pending = progress;
    if (this.timer !== undefined) return;
    const wait = this.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) this.send();
    else this.timer = setTimeout(() => this.send(), wait).unref();
  }

  /** Sends what has not been sent yet, whatever the interval, and waits for every report. */
  async flush(): Promise<void> {
    if (this.pending !== undefined) this.send();
    await this.sending;
  }

  private send(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const progress = this.pending;
    this.pending = undefined;
    if (progress === undefined) return;
    this.lastSentAt = this.now();
    void this.enqueue(() => this.reporter.progress(progress), 'progress');
  }

  private enqueue(report: () => Promise<void>, what: string): Promise<void> {
    this.sending = this.sending.then(report).catch((error: unknown) => {
      this.logger.warn(`could not report ${what}`, { error: error instanceof Error ? error.message : String(error) });
    });
    return this.sending;
  }
}
