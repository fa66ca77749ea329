/**
 * `--wait`: follows a packaging job or an endpoint with the SDK's waiters and shows how far it
 * got on stderr (stdout stays for the result): a live bar on a terminal (cli-progress), one
 * line per change otherwise (CI logs, pipes). Ctrl-C stops the wait, never the work itself.
 */
import { SingleBar } from 'cli-progress';
import { ModelplaneWaitError, type WaitOptions } from '@modelplane/sdk';
import { CliError, Interrupted } from './errors.js';

/** Where a resource stands, as the bar and the lines show it. */
export interface ProgressView {
  /** Done so far and the total, in any unit (bytes, instances); total 0 while unknown. */
  value: number;
  total: number;
  /** The rest of the line: status, phase, counts. Lines are printed when this changes. */
  text: string;
}

export interface WatchOptions<T, R> {
  /** What is waited for, for messages: `endpoint demo`. */
  what: string;
  /** The command that watches again, printed after Ctrl-C. */
  resume: string;
  pollIntervalMs: number;
  view(resource: T): ProgressView;
  /** Why the resource failed, from its last state. */
  failure(resource: T | undefined): string;
  /** Starts the SDK waiter with these options. */
  wait(options: WaitOptions<T>): Promise<R>;
}

/** Runs the waiter with progress on stderr; Ctrl-C rejects with Interrupted (exit 130), a failed resource with CliError. */
export async function watch<T, R>(options: WatchOptions<T, R>): Promise<R> {
  const stderr = process.stderr;
  const reporter = stderr.isTTY ? barReporter(stderr) : lineReporter(stderr, options.what);
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    return await options.wait({
      signal: controller.signal,
      intervalMs: options.pollIntervalMs,
      onProgress: (resource) => reporter.update(options.view(resource)),
    });
  } catch (error) {
    if (!(error instanceof ModelplaneWaitError)) throw error;
    if (error.reason === 'aborted') throw new Interrupted(options.what, options.resume);
    if (error.reason === 'timeout') throw new CliError(`${error.message}. Watch it again with: ${options.resume}`);
    throw new CliError(options.failure(error.resource as T | undefined));
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    reporter.stop();
  }
}

interface Reporter {
  update(view: ProgressView): void;
  stop(): void;
}

/** A terminal: one bar redrawn in place. */
function barReporter(stream: NodeJS.WriteStream): Reporter {
  const bar = new SingleBar({
    stream,
    format: '{bar} {percentage}% | {text} | {duration_formatted}',
    barsize: 30,
    hideCursor: true,
    barCompleteChar: '\u2588',
    barIncompleteChar: '\u2591',
  });
  let started = false;
  return {
    update({ value, total, text }) {
      // cli-progress divides by the total: show an empty bar while the total is unknown.
      const safeTotal = Math.max(total, 1);
      if (!started) {
        bar.start(safeTotal, Math.min(value, safeTotal), { text });
        started = true;
      } else {
        bar.setTotal(safeTotal);
        bar.update(Math.min(value, safeTotal), { text });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Not a terminal: a line whenever the text changes, with the seconds since the wait began. */
function lineReporter(stream: NodeJS.WritableStream, what: string): Reporter {
  const started = Date.now();
  let last: string | undefined;
  return {
    update({ text }) {
      if (text === last) return;
      last = text;
      stream.write(`[${Math.round((Date.now() - started) / 1000)}s] ${what}: ${text}\n`);
    },
    stop() {},
  };
}
