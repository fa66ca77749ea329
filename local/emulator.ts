/**
 * The local AWS emulator: moto 5.2.1 in server mode, started through local/emulator/launcher.py,
 * which patches moto where it differs from AWS (see local/emulator/patches/). Used by `npm start`
 * and by the test suites' global setup; an emulator given in AWS_ENDPOINT_URL is only checked.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface Emulator {
  /** `http://127.0.0.1:<port>`: give it to SDK clients as `endpoint` (or AWS_ENDPOINT_URL). */
  endpoint: string;
  /** The launcher's process id (it exits by itself if this process dies). */
  pid: number;
  /**
   * Settles when the launcher exits, whoever ended it: `stop()`, a crash, or a kill from
   * outside (then nothing answers on `endpoint` any more; `npm start` says so and exits).
   */
  exited: Promise<EmulatorExit>;
  /** Stops the emulator: SIGTERM, then SIGKILL after 5 s. Safe to call more than once. */
  stop(): Promise<void>;
}

/** How the launcher ended: its exit code, or the signal that killed it. */
export interface EmulatorExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether `stop()` asked for it. */
  stopped: boolean;
}

/** `exited with code 1`, `was killed by SIGKILL`: how an exit reads in a message. */
export function describeExit(exit: Pick<EmulatorExit, 'code' | 'signal'>): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
}

export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Python interpreter with moto[server]==5.2.1 installed; default `python3`. */
  python?: string;
  /** Receives the launcher's log lines (stderr). */
  log?: (line: string) => void;
  /**
   * Seconds each SageMaker endpoint transition takes (Creating -> InService, Updating ->
   * InService, Deleting -> gone...); default 2. Change it later with configureEmulator.
   */
  endpointTransitionSeconds?: number;
}

export interface EmulatorConfig {
  /** Seconds each SageMaker endpoint transition takes. */
  endpointTransitionSeconds: number;
}

/** Makes the next CreateEndpoint or UpdateEndpoint on an endpoint end badly, one transition later. */
export interface EndpointFault {
  /** The endpoint's name. */
  endpoint: string;
  operation: 'create' | 'update';
  /** Becomes the endpoint's FailureReason. */
  reason: string;
  /**
   * `failed` (the default): the endpoint ends Failed. For updates only: `rolledBack` goes
   * Updating -> RollingBack -> InService on the old config; `rollbackFailed` ends UpdateRollbackFailed.
   */
  outcome?: 'failed' | 'rolledBack' | 'rollbackFailed';
}

const launcherPath = fileURLToPath(new URL('./emulator/launcher.py', import.meta.url));
const installHint = 'pip install "moto[server]==5.2.1"';
const readyTimeoutMs = 30_000;
const killAfterMs = 5_000;
const stderrTailLines = 20;
/** The launcher's exit code when moto is missing or not the pinned version. */
const exitWrongMoto = 3;

/** Starts moto on 127.0.0.1 and resolves once it answers, with its endpoint. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const python = options.python ?? 'python3';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Emulator port must be 0..65535, got ${port}`);
  const transition = options.endpointTransitionSeconds;
  if (transition !== undefined && !(Number.isFinite(transition) && transition >= 0)) {
    throw new Error(`Emulator endpointTransitionSeconds must be a number of seconds, 0 or more, got ${transition}`);
  }
  const args = [launcherPath, '--port', String(port), '--parent-pid', String(process.pid)];
  if (transition !== undefined) args.push('--endpoint-transition-seconds', String(transition));

  const child = spawn(python, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > stderrTailLines) stderrTail.shift();
    options.log?.(line);
  });
  let stopping: Promise<void> | undefined;
  const exited = new Promise<EmulatorExit>((resolve) => {
    // 'close' waits for the pipes too, so the stderr tail is complete when it fires.
    child.once('close', (code, signal) => resolve({ code, signal, stopped: stopping !== undefined }));
    child.once('error', () => resolve({ code: null, signal: null, stopped: stopping !== undefined }));
  });

  const endpoint = await new Promise<string>((resolve, reject) => {
    const tail = () => (stderrTail.length ? `\n${stderrTail.join('\n')}` : '');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The emulator (${python} ${launcherPath}) was not ready within ${readyTimeoutMs / 1000} s.${tail()}`));
    }, readyTimeoutMs);
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      outcome();
    };
    createInterface({ input: child.stdout }).on('line', (line) => {
      const ready = /^MOTO_READY (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
      if (ready) settle(() => resolve(ready));
      else options.log?.(line);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT'
          ? `${python} was not found. Install Python 3.11 and moto (${installHint}), or pass the interpreter's path as the python option.`
          : `${python} could not be started: ${error.message}`;
      settle(() => reject(new Error(`Cannot start the emulator: ${reason}`)));
    });
    child.once('close', (code, signal) => {
      const reason =
        code === exitWrongMoto
          ? `${python} does not have moto 5.2.1. Install it with: ${installHint}`
          : `the launcher exited (${signal ?? `code ${code}`}) before it was ready`;
      settle(() => reject(new Error(`Cannot start the emulator: ${reason}.${tail()}`)));
    });
  });

  return {
    endpoint,
    pid: child.pid!,
    exited,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/** Checks that an emulator given from outside (AWS_ENDPOINT_URL) answers HTTP. */
export async function checkEmulator(endpoint: string): Promise<void> {
  let url: URL;
  try {
    url = new URL('/moto-api/config', endpoint);
  } catch {
    throw new Error(`AWS_ENDPOINT_URL is not a URL: ${endpoint}`);
  }
  let status: number;
  try {
    const answer = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await answer.body?.cancel();
    status = answer.status;
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new Error(
      `The AWS emulator at ${endpoint} (AWS_ENDPOINT_URL) is not reachable: ${cause}. Start it, or unset AWS_ENDPOINT_URL to let modelplane start moto itself.`,
      { cause: error },
    );
  }
  if (status >= 500) throw new Error(`The AWS emulator at ${endpoint} (AWS_ENDPOINT_URL) answered HTTP ${status} to GET ${url.pathname}.`);
}

/** Calls the launcher's control API (/modelplane-emulator/...) and returns its JSON answer. */
async function control(endpoint: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const url = new URL(`/modelplane-emulator/${path}`, endpoint);
  const answer = await fetch(url, {
    method,
    signal: AbortSignal.timeout(5_000),
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await answer.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!answer.ok) {
    const reason = (parsed as { error?: string } | undefined)?.error ?? text.slice(0, 200);
    throw new Error(`The emulator at ${endpoint} refused ${method} ${url.pathname}${url.search}: HTTP ${answer.status} ${reason}`);
  }
  return parsed;
}

/** Sets, at run time, how long each SageMaker endpoint transition takes. */
export async function configureEmulator(endpoint: string, config: EmulatorConfig): Promise<void> {
  await control(endpoint, 'POST', 'config', config);
}

/** Makes the next `fault.operation` on `fault.endpoint` end badly (see EndpointFault). */
export async function injectEndpointFault(endpoint: string, fault: EndpointFault): Promise<void> {
  await control(endpoint, 'POST', 'faults', fault);
}

/**
 * The requests the emulator received for a SageMaker endpoint operation (CreateEndpoint,
 * UpdateEndpoint, UpdateEndpointWeightsAndCapacities or DeleteEndpoint), oldest first, as sent.
 */
export async function recordedCalls(endpoint: string, operation: string): Promise<unknown[]> {
  const calls = await control(endpoint, 'GET', `calls?operation=${encodeURIComponent(operation)}`);
  return Array.isArray(calls) ? (calls as unknown[]) : [];
}
