import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundle } from '../../batch-packager/bundle.js';
import { emulatorClients } from '../support/aws.js';
import { startHubServer, tinyLlama, tinyT5, type HubServer } from './support/hub-server.js';

const llama = tinyLlama();
const t5 = tinyT5();

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: Record<string, any>[];
}

function finished(child: ChildProcess): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, any>);
      resolve({ code, stdout, stderr, lines });
    });
  });
}

/** The bundled packager (what the image runs), as a child process on the fixture Hub and the emulator. */
describe('packager main (bundled)', () => {
  const { s3 } = emulatorClients();
  const bucket = `packager-main-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let hub: HubServer;
  let dir: string;
  let main: string;
  let job = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'packager-bundle-'));
    main = join(dir, 'main.mjs');
    await bundle(main);
    hub = await startHubServer([llama, t5]);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterEach(() => hub.reset());
  afterAll(async () => {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  function start(vars: Record<string, string | undefined>): ChildProcess {
    job += 1;
    const env = {
      PATH: process.env.PATH,
      AWS_ENDPOINT_URL: inject('emulatorEndpoint'),
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_MAX_ATTEMPTS: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      MODELPLANE_JOB_ID: `pj-main-${job}`,
      MODELPLANE_ARTIFACT_BUCKET: bucket,
      MODELPLANE_ARTIFACT_PREFIX: `main-${job}`,
      // The image build has its own suites (test/batch-packager/image, test/lambdas/packaging).
      MODELPLANE_BUILD_IMAGE: 'false',
      HF_ENDPOINT: hub.endpoint,
      ...vars,
    };
    return spawn(process.execPath, ['--enable-source-maps', main], {
      env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  async function expectNoUnfinishedUploads(): Promise<void> {
    const { Uploads } = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(Uploads ?? []).toEqual([]);
  }

  it('packages a gated model, logs JSON lines and exits 0 without ever printing the token', async () => {
    hub.knobs.gated.add(t5.id);
    const exit = await finished(start({ MODELPLANE_SOURCE_MODEL_ID: t5.id, HF_TOKEN: hub.knobs.token, MODELPLANE_DOWNLOAD_CONNECTIONS: '12' }));
    expect(exit.stderr).toBe('');
    expect(exit.code).toBe(0);
    expect(`${exit.stdout}${exit.stderr}`).not.toContain(hub.knobs.token);
    expect(exit.lines[0]).toMatchObject({
      level: 'INFO',
      message: 'packaging job started',
      jobId: `pj-main-${job}`,
      source: { modelId: t5.id, revision: 'main', token: 'given' },
      // The job definition's connection count, read once from the environment.
      connections: 12,
    });
    expect(exit.lines.filter((l) => l.message === 'phase').map((l) => String(l.phase))).toEqual(['resolving', 'downloading']);
    const last = exit.lines.at(-1)!;
    expect(last).toMatchObject({
      level: 'INFO',
      message: 'packaging job succeeded',
      result: { series: 't5', resolvedRevision: t5.sha, environment: { HF_TASK: 'text2text-generation' } },
    });
    const manifestKey = (last.result.artifacts.manifestUri as string).replace(`s3://${bucket}/`, '');
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: manifestKey }));
    expect(JSON.parse(await Body!.transformToString())).toMatchObject({ jobId: `pj-main-${job}`, series: 't5' });
  });

  it('exits 1 naming the variable when a required one is missing', async () => {
    const exit = await finished(start({ MODELPLANE_SOURCE_MODEL_ID: undefined }));
    expect(exit.code).toBe(1);
    expect(exit.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        failure: { code: 'InvalidConfiguration', message: expect.stringContaining('MODELPLANE_SOURCE_MODEL_ID is not set') },
      }),
    ]);
  });

  it('exits 1 with the failure code when the Hub refuses the token', async () => {
    const exit = await finished(start({ MODELPLANE_SOURCE_MODEL_ID: 'acme/missing', HF_TOKEN: 'hf_secret_that_is_refused' }));
    expect(exit.code).toBe(1);
    expect(exit.lines.at(-1)).toMatchObject({ level: 'ERROR', message: 'packaging job failed', failure: { code: 'Unauthorized' } });
    expect(exit.stdout).not.toContain('hf_secret_that_is_refused');
  });

  it('cancels, aborts its uploads and exits 1 when Batch sends SIGTERM mid-download', async () => {
    hub.knobs.stallOnce = { path: 'model-00001-of-00002.safetensors', afterBytes: 9 * 1024 * 1024 };
    const child = start({ MODELPLANE_SOURCE_MODEL_ID: llama.id });
    const exit = finished(child);
    await hub.whenStalled('model-00001-of-00002.safetensors');
    // The shard's multipart upload is open now: the cancel must abort it.
    const open = (await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];
    child.kill('SIGTERM');
    const { code, lines } = await exit;
    expect(open.map((u) => u.Key)).toContain(`main-${job}/${llama.id}/${llama.sha}/model-00001-of-00002.safetensors`);
    expect(code).toBe(1);
    expect(lines.some((l) => l.message === 'SIGTERM received: cancelling')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ level: 'ERROR', failure: { code: 'Cancelled' } });
    await expectNoUnfinishedUploads();
  });
});
