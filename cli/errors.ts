/**
 * How a failed command ends: a short explanation on stderr and an exit code scripts can switch
 * on (2: the request or the command line was wrong; 1: anything else; 130: Ctrl-C during a
 * wait). Never a stack trace: people read this, not developers of the CLI.
 */
import { ModelplaneNetworkError, ModelplaneProblem, ModelplaneTimeoutError } from '@modelplane/sdk';

export const exitCodes = { failure: 1, usage: 2, interrupted: 130 } as const;

/** A failure the CLI itself detects (a bad flag combination, a failed wait), with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.failure,
  ) {
    super(message);
  }
}

/** Ctrl-C while waiting: the job or the endpoint goes on; `resume` is the command that watches again. */
export class Interrupted extends Error {
  constructor(
    readonly what: string,
    readonly resume: string,
  ) {
    super(`Stopped waiting for ${what}`);
  }
}

/** Prints `error` for people and answers the exit code. */
export function reportError(error: unknown, apiUrl: string, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  const lines: string[] = [];
  let code: number = exitCodes.failure;
  if (error instanceof ModelplaneProblem) {
    lines.push(`Error: ${error.title} (${error.status}${error.code === 'UnexpectedResponse' ? '' : ` ${error.code}`})`);
    if (error.detail) lines.push(error.detail);
    for (const field of error.errors) lines.push(`  ${field.path}: ${field.message}`);
    if (error.code === 'UnexpectedResponse' && typeof error.problem.body === 'string') lines.push(error.problem.body.slice(0, 500));
    if (error.retryAfter !== undefined) lines.push(`Retry after ${error.retryAfter} s.`);
    if (error.requestId) lines.push(`Request id: ${error.requestId}`);
    if (error.status >= 400 && error.status < 500) code = exitCodes.usage;
  } else if (error instanceof ModelplaneTimeoutError) {
    lines.push(`Error: no answer from ${apiUrl} within ${error.timeoutMs / 1000} s.`);
  } else if (error instanceof ModelplaneNetworkError) {
    const cause = error.cause instanceof Error ? causeText(error.cause) : error.message;
    lines.push(`Error: could not reach the modelplane API at ${apiUrl} (${cause}).`);
    lines.push('Is it running there? Start a local one with `npm start`, or pass --api-url (or set MODELPLANE_API_URL).');
  } else if (error instanceof Interrupted) {
    lines.push(`${error.message}; it goes on without us. Watch it again with:`, `  ${error.resume}`);
    code = exitCodes.interrupted;
  } else if (error instanceof CliError) {
    lines.push(`Error: ${error.message}`);
    code = error.exitCode;
  } else {
    lines.push(`Error: ${error instanceof Error ? error.message : String(error)}`);
  }
  write(`${lines.join('\n')}\n`);
  return code;
}

/** fetch's "fetch failed" hides the reason in its cause chain (ECONNREFUSED, ENOTFOUND, ...). */
function causeText(error: Error): string {
  let deepest = error;
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const errno = (current as NodeJS.ErrnoException).code;
    if (errno) return errno;
    deepest = current;
  }
  return deepest.message;
}
