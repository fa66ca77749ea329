import { readdirSync, readFileSync } from 'node:fs';
import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localResources } from '../../local/bootstrap.js';
import { startEmulator, type Emulator } from '../../local/emulator.js';
import { startControlPlane } from '../../local/runtime.js';
import { startHubServer, tinyLlama, type HubServer } from '../batch-packager/support/hub-server.js';
import { checkResponse } from '../support/contract.js';

const llama = tinyLlama('acme/tiny-llama-killed');

/** The local Batch's packager process for a job: the one whose environment names the job (Linux /proc). */
function packagerPid(jobId: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`MODELPLANE_JOB_ID=${jobId}`)) return Number(entry);
    } catch {
      // gone already, or not ours to read
    }
  }
  return undefined;
}

// An emulator of this suite's own: its local Batch runs the job, and no other suite's executor
// (on the shared emulator's queue) can pick it up.
describe('a packager killed mid-upload', () => {
  let emulator: Emulator;
  let hub: HubServer;
  let plane: Awaited<ReturnType<typeof startControlPlane>>;
  let s3: S3Client;
  const packagerLines: string[] = [];

  async function call(method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${plane.url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed = text === '' ? undefined : JSON.parse(text);
    checkResponse(method, path, response.status, response.headers.get('content-type'), parsed);
    return parsed;
  }
  const uploads = async () => (await s3.send(new ListMultipartUploadsCommand({ Bucket: localResources.artifactBucket }))).Uploads ?? [];

  beforeAll(async () => {
    emulator = await startEmulator({ endpointTransitionSeconds: 0.4 });
    hub = await startHubServer([llama]);
    process.env.HF_ENDPOINT = hub.endpoint;
    plane = await startControlPlane({
      emulatorEndpoint: emulator.endpoint,
      port: 0,
      registry: false,
      syntheticMetrics: false,
      watchIntervalMs: 200,
      packagerLog: (line) => packagerLines.push(line),
    });
    s3 = new S3Client({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    await plane.close();
    await hub.close();
    await emulator.stop();
    delete process.env.HF_ENDPOINT;
  });

  it('ends the job failed with the reason, and leaves no unfinished multipart upload', async () => {
    const shard = llama.files.find((f) => f.path.endsWith('.safetensors'))!.path;
    hub.knobs.stallForever = { path: shard, afterBytes: 6 * 1024 * 1024 };
    const submitted = await call('POST', '/v1/packaging-jobs', { source: { type: 'huggingface', modelId: llama.id }, buildImage: false });
    await hub.whenStalled(shard);
    await expect.poll(async () => (await uploads()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const pid = packagerPid(submitted.jobId);
    expect(pid, `no packager process for ${submitted.jobId}`).toBeDefined();

    const killedAt = Date.now();
    process.kill(pid!, 'SIGKILL');
    await expect
      .poll(async () => (await call('GET', `/v1/packaging-jobs/${submitted.jobId}`)).status as string, { timeout: 15_000, interval: 200 })
      .toBe('failed');
    // Well within the sweep's bound (PackagingService.sweep finishes a quiet record after 10 minutes).
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    const job = await call('GET', `/v1/packaging-jobs/${submitted.jobId}`);
    expect(job.failure).toEqual({ code: 'PackagerFailed', message: 'Container stopped by SIGKILL' });
    expect(await uploads()).toEqual([]);
    expect(packagerLines.some((line) => /aborted \d+ unfinished multipart upload\(s\) under s3:\/\/.+\/models\/acme\/tiny-llama-killed\//.test(line))).toBe(
      true,
    );
  });
});
