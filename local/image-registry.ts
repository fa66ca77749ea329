/**
 * A local container registry for the image builder's tests and local runs: Debian's
 * `docker-registry` (distribution 2.8.2) with a config of our own, on a loopback port, storing
 * under a temporary folder. The emulator's ECR is metadata only (no /v2/ API, see
 * DEVELOPERS.md, "The emulator"), so this is what speaks the distribution protocol here. The Debian
 * package's own config listens on :5000 on all interfaces: it is never used.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>`: the registry's base URL (the API is under `/v2/`). */
  url: string;
  port: number;
  /** The registry's process id. */
  pid: number;
  /** The temporary folder holding its config and storage; `stop` removes it. */
  directory: string;
  /** Stops the registry (SIGTERM, then SIGKILL after 5 s) and removes its storage. Safe to call twice. */
  stop(): Promise<void>;
}

/** How clients must authenticate; none by default. */
export type LocalRegistryAuth =
  /** Basic auth against an htpasswd file's content: `user:<bcrypt hash>` lines (bcrypt only). */
  | { htpasswd: string; realm?: string }
  /**
   * The token ("Bearer") scheme: clients get a JWT from `realm`, signed by a key whose
   * certificate is in `rootCertBundle` (PEM).
   */
  | { token: { realm: string; service: string; issuer: string; rootCertBundle: string } };

export interface LocalRegistryOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  auth?: LocalRegistryAuth;
  /** Receives the registry's log lines (warnings and errors only). */
  log?: (line: string) => void;
}

const binary = 'docker-registry';
export const registryInstallHint = 'sudo apt-get install docker-registry (or run: bash scripts/setup-machine.sh)';
const readyTimeoutMs = 15_000;
const killAfterMs = 5_000;
const stderrTailLines = 20;
const portAttempts = 3;

/** Whether `docker-registry` is on PATH (looked up, not run). */
export function registryInstalled(): boolean {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    try {
      accessSync(join(folder, binary), fsConstants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** Starts a registry on 127.0.0.1 and resolves once `GET /v2/` answers. */
export async function startRegistry(options: LocalRegistryOptions = {}): Promise<LocalRegistry> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Registry port must be 0..65535, got ${port}`);
  if (!registryInstalled()) {
    throw new Error(`Cannot start a local registry: ${binary} is not installed. Install it with: ${registryInstallHint}`);
  }
  // A free port is found by binding and releasing it, so another process may take it first:
  // when the registry then fails to listen, try another.
  for (let attempt = 1; ; attempt++) {
    const chosen = port || (await freePort());
    try {
      return await launch(chosen, options);
    } catch (error) {
      if (port || attempt >= portAttempts || !(error instanceof PortInUseError)) throw error;
    }
  }
}

class PortInUseError extends Error {}

async function launch(port: number, options: LocalRegistryOptions): Promise<LocalRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'modelplane-registry-'));
  const configPath = join(dir, 'config.yml');
  try {
    await writeFile(configPath, stringify(await registryConfig(dir, port, options.auth)));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > stderrTailLines) tail.shift();
    options.log?.(line);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => resolve());
  });
  // A test run that dies must not leave registries behind: kill it with this process.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let startError: Error | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    startError =
      error.code === 'ENOENT'
        ? new Error(`Cannot start a local registry: ${binary} is not installed. Install it with: ${registryInstallHint}`)
        : new Error(`Cannot start a local registry: ${error.message}`, { cause: error });
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (startError) {
      await stop();
      throw startError;
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      await exited;
      const log = tail.join('\n');
      await stop();
      if (/address already in use/i.test(log)) throw new PortInUseError(`Port ${port} is in use`);
      throw new Error(
        `Cannot start a local registry: ${binary} exited (${child.signalCode ?? `code ${child.exitCode}`}) before it was ready.${log ? `\n${log}` : ''}`,
      );
    }
    if (await answers(url, options.auth !== undefined)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Cannot start a local registry: ${url}/v2/ did not answer within ${readyTimeoutMs / 1000} s.${tail.length ? `\n${tail.join('\n')}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, port, pid: child.pid!, directory: dir, stop };
}

/** Whether `GET /v2/` answers 200 (or 401 when the registry asks for credentials). */
async function answers(url: string, withAuth: boolean): Promise<boolean> {
  try {
    const answer = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1_000) });
    await answer.body?.cancel();
    return answer.status === 200 || (withAuth && answer.status === 401);
  } catch {
    return false;
  }
}

async function registryConfig(dir: string, port: number, auth: LocalRegistryAuth | undefined): Promise<unknown> {
  let authConfig: unknown;
  if (auth && 'htpasswd' in auth) {
    const path = join(dir, 'htpasswd');
    await writeFile(path, auth.htpasswd.endsWith('\n') ? auth.htpasswd : `${auth.htpasswd}\n`, { mode: 0o600 });
    authConfig = { htpasswd: { realm: auth.realm ?? 'modelplane-local', path } };
  } else if (auth) {
    const path = join(dir, 'token-roots.pem');
    await writeFile(path, auth.token.rootCertBundle);
    const { realm, service, issuer } = auth.token;
    authConfig = { token: { realm, service, issuer, rootcertbundle: path } };
  }
  return {
    version: 0.1,
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: join(dir, 'data') },
      delete: { enabled: true },
      // Upload purging runs a sweep at start-up and on a timer: nothing to purge in a scratch store.
      maintenance: { uploadpurging: { enabled: false } },
    },
    // Without a secret the registry logs a warning and makes one; upload state is signed with it.
    http: { addr: `127.0.0.1:${port}`, secret: randomBytes(16).toString('hex') },
    ...(authConfig === undefined ? {} : { auth: authConfig }),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(chosen));
    });
  });
}
