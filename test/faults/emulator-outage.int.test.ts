import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type Emulator } from '../../local/emulator.js';
import { startControlPlane } from '../../local/runtime.js';
import { awsCallTimeouts } from '../../lambdas/shared/aws-clients.js';
import { checkResponse } from '../support/contract.js';
import { uniqueName } from '../support/control-plane.js';

const repository = fileURLToPath(new URL('../..', import.meta.url));

/** A GET on the plane, checked against the spec, with how long it took. */
async function get(url: string): Promise<{ status: number; headers: Headers; body: any; ms: number }> {
  const started = Date.now();
  const response = await fetch(url);
  const text = await response.text();
  const body = text === '' ? undefined : JSON.parse(text);
  checkResponse('GET', new URL(url).pathname, response.status, response.headers.get('content-type'), body);
  return { status: response.status, headers: response.headers, body, ms: Date.now() - started };
}

// An emulator of this suite's own: it is frozen and killed here, never the run's shared one.
describe('the local plane when its emulator stops answering', () => {
  let emulator: Emulator;
  let plane: Awaited<ReturnType<typeof startControlPlane>>;
  const lines: string[] = [];
  const model = uniqueName('outage');

  beforeAll(async () => {
    emulator = await startEmulator({ endpointTransitionSeconds: 0.4 });
    // Every poller on, and quick: the watcher, the local Batch and the synthetic metrics.
    plane = await startControlPlane({
      emulatorEndpoint: emulator.endpoint,
      port: 0,
      registry: false,
      watchIntervalMs: 100,
      syntheticMetrics: { intervalMs: 200 },
      log: (line) => lines.push(line),
    });
    const created = await fetch(`${plane.url}/v1/models`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: model }),
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await emulator.stop();
    await plane.close();
  });

  it('answers 503 with Retry-After within the SDK timeout while the emulator is frozen, logs the call, and recovers', async () => {
    // Each request logs through a child of the area's logger: every Logger's error() is watched.
    const errors = vi.spyOn(Logger.prototype, 'error');
    process.kill(emulator.pid, 'SIGSTOP');
    try {
      const frozen = await get(`${plane.url}/v1/models/${model}`);
      expect(frozen.status).toBe(503);
      expect(frozen.body).toMatchObject({ code: 'ServiceUnavailable', detail: expect.stringContaining('did not answer in time') });
      expect(Number(frozen.headers.get('retry-after'))).toBeGreaterThan(0);
      // One attempt in tests (AWS_MAX_ATTEMPTS=1): the request timeout, and not Node's "never".
      expect(frozen.ms).toBeLessThan(awsCallTimeouts.requestTimeoutMs + 3_000);
      expect(errors).toHaveBeenCalledWith('request failed', expect.objectContaining({ status: 503, awsCall: 'DynamoDB GetItem' }));
    } finally {
      process.kill(emulator.pid, 'SIGCONT');
      errors.mockRestore();
    }
    expect((await get(`${plane.url}/v1/models/${model}`)).status).toBe(200);
    await expect.poll(() => lines.some((line) => line.includes('answers again')), { timeout: 10_000 }).toBe(true);
    // Until it answered again, one line for the whole freeze, whichever pollers timed out how often.
    const frozen = lines
      .slice(
        0,
        lines.findIndex((line) => line.includes('answers again')),
      )
      .filter((line) => line.includes('does not answer'));
    expect(frozen).toHaveLength(1);
    expect(frozen[0]).toMatch(/the AWS emulator at http:\/\/127\.0\.0\.1:\d+ does not answer \(a call timed out/);
  });

  it('answers 503 at once when the emulator is gone, and its pollers say so once, not on every poll', async () => {
    // On a loaded machine the thawed emulator may have been slow enough for a timeout of its own:
    // start from a plane that knows the emulator answers.
    const state = () => lines.filter((line) => /does not answer|answers again/.test(line)).at(-1) ?? '';
    await expect.poll(() => state().includes('does not answer'), { timeout: 15_000 }).toBe(false);
    const before = lines.length;
    process.kill(emulator.pid, 'SIGKILL');
    expect(await emulator.exited).toMatchObject({ signal: 'SIGKILL', stopped: false });
    const gone = await get(`${plane.url}/v1/models/${model}`);
    expect(gone.status).toBe(503);
    expect(gone.body).toMatchObject({ code: 'ServiceUnavailable', detail: 'DynamoDB could not be reached (ECONNREFUSED); retry in a few seconds.' });
    expect(Number(gone.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(gone.ms).toBeLessThan(2_000);
    // Some 30 polls of the watcher, the local Batch and the synthetic metrics later:
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const since = lines.slice(before);
    expect(since.filter((line) => line.includes('does not answer'))).toHaveLength(1);
    expect(since.filter((line) => line.includes('answers again'))).toEqual([]);
  });
});

describe('npm start when the emulator it started dies', () => {
  it('exits non-zero, saying which emulator died and how', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
    delete env.AWS_ENDPOINT_URL;
    const start = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], { cwd: repository, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    createInterface({ input: start.stderr }).on('line', (line) => stderr.push(line));
    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        createInterface({ input: start.stdout }).on('line', (line) => {
          const found = /started by us, pid (\d+)/.exec(line)?.[1];
          if (found) resolve(Number(found));
        });
        void exited.then((code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${stderr.join('\n')}`)));
      });
      process.kill(pid, 'SIGKILL');
      expect(await exited).toBe(1);
      expect(stderr.join('\n')).toContain(`The emulator (pid ${pid}) was killed by SIGKILL; everything this run made in it is gone. Restart npm start.`);
    } finally {
      if (start.exitCode === null) start.kill('SIGTERM');
    }
  }, 60_000);
});
