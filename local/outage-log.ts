import { awsCallOf, isUnreachable } from '../lambdas/shared/aws-errors.js';

/**
 * What the local plane's pollers (the endpoint watcher, the local Batch, the synthetic metrics)
 * say when the emulator stops answering: one line when the outage starts and one when it ends,
 * instead of every poller logging the same refused connection on every tick. Other failures
 * are not outages: the pollers log those as before.
 */
export class OutageLog {
  private since: number | undefined;
  private recoveredAt: number | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly log: (line: string) => void = (line) => console.error(line),
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the emulator is known not to answer. */
  get down(): boolean {
    return this.since !== undefined;
  }

  /**
   * A poll failed. Returns true when the failure is the emulator not answering (a refused
   * connection or a timeout), which is then said once per outage; false for any other failure.
   * `startedAt` is when the poll began: a poll that began before the emulator answered again
   * (a call that hung in the outage and timed out since) belongs to the outage that is over.
   */
  failed(poller: string, error: unknown, startedAt?: number): boolean {
    if (!isUnreachable(error)) return false;
    if (startedAt !== undefined && this.recoveredAt !== undefined && startedAt < this.recoveredAt) return true;
    if (this.since === undefined) {
      this.since = this.now();
      const code = (error as { code?: unknown }).code;
      const why = error instanceof Error && error.name === 'TimeoutError' ? 'a call timed out' : `${typeof code === 'string' ? code : 'no connection'}`;
      const call = awsCallOf(error);
      this.log(
        `${poller}: the AWS emulator at ${this.endpoint} does not answer (${why}${call ? `, ${call}` : ''}); the API answers 503 until it is back. Polling on quietly.`,
      );
    }
    return true;
  }

  /** A poll went through: an outage, if there was one, is over (said once). */
  ok(): void {
    if (this.since === undefined) return;
    this.recoveredAt = this.now();
    const seconds = Math.round((this.recoveredAt - this.since) / 1000);
    this.since = undefined;
    this.log(`the AWS emulator at ${this.endpoint} answers again (it did not for ${seconds} s).`);
  }
}
