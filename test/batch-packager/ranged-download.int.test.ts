import { createHash } from 'node:crypto';
import { CreateBucketCommand, GetObjectCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../batch-packager/src/hub-client.js';
import { ModelPackager, type PackageRequest, type PackagerOptions } from '../../batch-packager/src/package-model.js';
import { S3ObjectStore } from '../../batch-packager/src/s3-object-store.js';
import { emulatorClients } from '../support/aws.js';
import { MiB, startHubServer, tinyLlama, type HubServer } from './support/hub-server.js';

const llama = tinyLlama();
// 11.5 MiB: three ranges of 5 MiB parts. The second shard (9.5 MiB) stays below the threshold and keeps one stream.
const shard1 = 'model-00001-of-00002.safetensors';
const content = llama.files.find((f) => f.path === shard1)!.content;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const part = 5 * MiB;
const ranges = [`bytes=0-${part - 1}`, `bytes=${part}-${2 * part - 1}`, `bytes=${2 * part}-${content.length - 1}`];

/** Large files as several ranges over the fixture Hub's CDN redirect, into the emulator's S3. */
describe('ModelPackager reading ranges', () => {
  const { s3 } = emulatorClients();
  const bucket = `ranged-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let hub: HubServer;
  let run = 0;

  beforeAll(async () => {
    hub = await startHubServer([llama]);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterEach(() => hub.reset());
  afterAll(async () => {
    await hub.close();
  });

  function packager(options: PackagerOptions = {}) {
    const hubClient = new HubClient({ endpoint: hub.endpoint, idleTimeoutMs: 500, headersTimeoutMs: 5_000, retryDelayMs: 10 });
    return new ModelPackager({
      hub: hubClient,
      store: new S3ObjectStore(s3),
      options: {
        partSizes: { min: 5 * MiB, max: 64 * MiB, targetParts: 1000 },
        maxRetries: 2,
        retryDelayMs: 10,
        connections: 4,
        rangedMinBytes: 10 * MiB,
        ...options,
      },
    });
  }

  function request(): PackageRequest {
    run += 1;
    return { modelId: llama.id, bucket, prefix: `ranged-${run}` };
  }

  async function stored(r: PackageRequest, path: string): Promise<Buffer> {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${r.prefix}/${llama.id}/${llama.sha}/${path}` }));
    return Buffer.from(await Body!.transformToByteArray());
  }

  const shardRequests = () => hub.requests.filter((q) => q.url.startsWith('/_cdn/') && q.url.includes(shard1));

  async function expectStoredShard(r: PackageRequest, result: Awaited<ReturnType<ModelPackager['package']>>): Promise<void> {
    const bytes = await stored(r, shard1);
    expect(bytes.length).toBe(content.length);
    expect(sha256(bytes)).toBe(sha256(content));
    expect(result.files.find((f) => f.path === shard1)?.sha256).toBe(sha256(content));
    const { Uploads } = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(Uploads ?? []).toEqual([]);
  }

  it('reads a large file as ranges, one per part, through the CDN URL resolved once', async () => {
    const r = request();
    const result = await packager().package(r);
    expect(
      shardRequests()
        .map((q) => q.range)
        .sort(),
    ).toEqual([...ranges].sort());
    // The Hub redirected once; the other ranges went to the signed URL it gave.
    expect(hub.requests.filter((q) => q.url.includes('/resolve/') && q.url.endsWith(shard1))).toHaveLength(1);
    // The safetensors header was read on the way, in order: the parameter count covers both shards.
    expect(result.sizing.parameters).toBe(llama.parameters);
    await expectStoredShard(r, result);
  });

  it('stores the right bytes and sha256 when the ranges arrive out of order', async () => {
    // The first range goes out alone (it resolves the CDN URL); the second is held back, so the
    // third is complete, and waits for its turn to be hashed, before the second is answered at all.
    hub.knobs.holdRange = { path: shard1, start: part };
    const r = request();
    const packaging = packager().package(r);
    await hub.whenServed(shard1, 2);
    hub.releaseHeld();
    const result = await packaging;
    const served = hub.served.filter((s) => s.path === shard1).map((s) => s.range);
    expect(served).toHaveLength(3);
    expect(served.slice(0, 2).sort()).toEqual([ranges[0], ranges[2]]);
    expect(served[2]).toBe(ranges[1]);
    expect(shardRequests()).toHaveLength(3);
    expect(result.sizing.parameters).toBe(llama.parameters);
    await expectStoredShard(r, result);
  });

  it('resumes a range from the byte where it stalled, and only that range', async () => {
    const afterBytes = part + 4321;
    hub.knobs.stallOnce = { path: shard1, afterBytes };
    const r = request();
    const result = await packager().package(r);
    expect(
      shardRequests()
        .map((q) => q.range)
        .sort(),
    ).toEqual([...ranges, `bytes=${afterBytes}-${2 * part - 1}`].sort());
    await expectStoredShard(r, result);
  });

  it('resolves the file again through the Hub when the signed CDN URL has expired', async () => {
    hub.knobs.signedUrlUses = 2;
    const r = request();
    const result = await packager({ connections: 1 }).package(r);
    const cdn = shardRequests();
    expect(cdn.filter((q) => q.status === 403).length).toBeGreaterThan(0);
    expect(cdn.filter((q) => q.status === 206).map((q) => q.range)).toEqual(ranges);
    expect(hub.requests.filter((q) => q.url.includes('/resolve/') && q.url.endsWith(shard1)).length).toBeGreaterThan(1);
    await expectStoredShard(r, result);
  });

  it('reads the file as one stream when the server ignores Range', async () => {
    hub.knobs.ignoreRange = true;
    const r = request();
    const result = await packager().package(r);
    // The first range was answered with the whole file, which was read to its end: no other request.
    expect(shardRequests().map((q) => ({ range: q.range, status: q.status }))).toEqual([{ range: ranges[0], status: 200 }]);
    await expectStoredShard(r, result);
  });

  it('resumes the single stream without corrupting it when the server ignores Range and the download stalls', async () => {
    hub.knobs.ignoreRange = true;
    hub.knobs.stallOnce = { path: shard1, afterBytes: 7 * MiB };
    const r = request();
    const result = await packager().package(r);
    expect(shardRequests().map((q) => q.range)).toEqual([ranges[0], `bytes=${7 * MiB}-`]);
    await expectStoredShard(r, result);
  });
});
