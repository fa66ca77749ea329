import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRegistry, type LocalRegistry } from '../../../local/image-registry.js';
import { buildServingImage, type BuildServingImageInput, type ImageBuildEvent } from '../../../batch-packager/src/image/build-image.js';
import { ImageBuildError } from '../../../batch-packager/src/image/errors.js';
import { sha256Digest } from '../../../batch-packager/src/image/layer.js';
import { mediaTypes, type ImageConfig } from '../../../batch-packager/src/image/manifest.js';
import { OciClient } from '../../../batch-packager/src/image/oci-client/index.js';
import { htpasswd } from './support/auth.js';
import { blobReads, countingFetch, finishedUploads } from './support/counting-fetch.js';
import { deterministicBytes, MiB, pushImage, pushIndex, type PushedImage } from './support/images.js';
import { layerFiles } from './support/tar.js';

const servingFiles = {
  '/opt/ml/model/serving.properties': 'engine=Python\noption.model_id=/opt/ml/model\noption.rolling_batch=vllm\n',
  '/opt/modelplane/model.json': '{"modelId":"tiny/llama","revision":"0123abcd"}\n',
};

const readAll = async (blob: { chunks: AsyncIterable<Uint8Array> }) => {
  const parts: Uint8Array[] = [];
  for await (const chunk of blob.chunks) parts.push(chunk);
  return Buffer.concat(parts);
};

describe('buildServingImage', () => {
  // "upstream" plays the DLC account's registry, "ours" the packaging account's ECR.
  let upstreamRegistry: LocalRegistry;
  let ourRegistry: LocalRegistry;
  const upstreamCalls = countingFetch();
  const ourCalls = countingFetch();
  let upstream: OciClient;
  let ours: OciClient;
  let base: PushedImage;
  let large: PushedImage;
  let amd64: PushedImage;
  let multiDigest: string;

  const build = (overrides: Partial<BuildServingImageInput> & { repository: string }, events?: ImageBuildEvent[]) =>
    buildServingImage({
      base: { registry: upstream, repository: 'dlc/serving-base', reference: '1.0' },
      target: { registry: ours, repository: overrides.repository, tag: 'v1' },
      files: servingFiles,
      ...(events ? { onProgress: (event) => events.push(event) } : {}),
      ...overrides,
    });

  beforeAll(async () => {
    [upstreamRegistry, ourRegistry] = await Promise.all([startRegistry(), startRegistry()]);
    upstream = new OciClient({ url: upstreamRegistry.url, fetch: upstreamCalls.fetch });
    ours = new OciClient({ url: ourRegistry.url, fetch: ourCalls.fetch });
    base = await pushImage(upstream, 'dlc/serving-base', '1.0', {
      format: 'oci',
      layers: [
        { '/etc/os-release': 'ID=modelplane-test\n', '/usr/local/bin/serve': { content: '#!/bin/sh\necho serving\n', executable: true } },
        { '/opt/djl/engine.py': 'print("engine")\n' },
      ],
    });
    large = await pushImage(upstream, 'dlc/large', '1.0', {
      format: 'oci',
      layers: [{ '/opt/weights.bin': deterministicBytes(12 * MiB, 7) }, { '/etc/large': 'yes' }],
    });
    const arm64 = await pushImage(upstream, 'dlc/multi', 'arm64', { format: 'docker', architecture: 'arm64', layers: [{ '/arch': 'arm64' }] });
    amd64 = await pushImage(upstream, 'dlc/multi', 'amd64', { format: 'docker', layers: [{ '/arch': 'amd64' }, { '/opt/lib': 'lib' }] });
    multiDigest = await pushIndex(
      upstream,
      'dlc/multi',
      '1.0',
      [
        { image: arm64, architecture: 'arm64', variant: 'v8' },
        { image: amd64, architecture: 'amd64' },
      ],
      'docker',
    );
  });
  afterAll(async () => {
    await Promise.all([upstreamRegistry?.stop(), ourRegistry?.stop()]);
  });
  beforeEach(() => {
    upstreamCalls.requests.length = 0;
    ourCalls.requests.length = 0;
  });

  it('builds on an OCI base into another registry and returns the image pinned by digest', async () => {
    const built = await build({
      repository: 'models/tiny-llama',
      env: { SERVING_PORT: '8081', OPTION_ROLLING_BATCH: 'vllm' },
      labels: { 'modelplane.model': 'tiny/llama' },
    });
    expect(built.imageUri).toBe(`${ourRegistry.url.replace('http://', '')}/models/tiny-llama@${built.digest}`);
    expect(built.manifestMediaType).toBe(mediaTypes.ociManifest);

    const fetched = await ours.getManifest('models/tiny-llama', built.digest);
    expect(fetched.digest).toBe(built.digest);
    expect((await ours.getManifest('models/tiny-llama', 'v1')).digest).toBe(built.digest);
    expect(fetched.manifest.layers).toEqual([
      ...base.layers.map((layer) => ({ mediaType: mediaTypes.ociLayerGzip, digest: layer.digest, size: layer.size })),
      { mediaType: mediaTypes.ociLayerGzip, digest: built.layer.digest, size: built.layer.size },
    ]);
    expect(fetched.manifest.annotations).toEqual({
      'org.opencontainers.image.base.digest': base.digest,
      'org.opencontainers.image.base.name': `${upstream.host}/dlc/serving-base:1.0`,
    });

    const config = JSON.parse((await ours.readBlob('models/tiny-llama', fetched.manifest.config.digest, MiB)).toString()) as ImageConfig;
    expect(config.rootfs.diff_ids).toEqual([...base.config.rootfs.diff_ids, built.layer.diffId]);
    expect(config.config).toEqual({
      // The base's SERVING_PORT is replaced in place; new variables follow, sorted.
      Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'SERVING_PORT=8081', 'OPTION_ROLLING_BATCH=vllm'],
      Labels: { 'com.example.base': 'serving-base', 'modelplane.model': 'tiny/llama' },
      Entrypoint: ['/usr/local/bin/serve'],
    });
    expect(config.created).toBe('1970-01-01T00:00:00Z');
    expect(config.history?.map((h) => h.created_by)).toEqual(['base layer 1', 'base layer 2', 'modelplane: serving files']);

    const ourLayer = await readAll(await ours.openBlob('models/tiny-llama', built.layer.digest));
    expect(sha256Digest(ourLayer)).toBe(built.layer.digest);
    expect(layerFiles(ourLayer)).toEqual({
      'opt/ml/model/serving.properties': servingFiles['/opt/ml/model/serving.properties'],
      'opt/modelplane/model.json': servingFiles['/opt/modelplane/model.json'],
    });
    for (const layer of base.layers) expect(sha256Digest(await readAll(await ours.openBlob('models/tiny-llama', layer.digest)))).toBe(layer.digest);
  });

  it('copies each base layer exactly once, and finds it by digest on the next build', async () => {
    const baseDigests = base.layers.map((layer) => layer.digest);
    const firstEvents: ImageBuildEvent[] = [];
    const first = await build({ repository: 'models/copy-once' }, firstEvents);
    expect(
      finishedUploads(ourCalls.requests)
        .filter((d) => baseDigests.includes(d))
        .sort(),
    ).toEqual([...baseDigests].sort());
    expect(
      blobReads(upstreamCalls.requests)
        .filter((d) => baseDigests.includes(d))
        .sort(),
    ).toEqual([...baseDigests].sort());
    expect(firstEvents.filter((e) => e.type === 'blob' && baseDigests.includes(e.digest)).map((e) => e.type === 'blob' && e.outcome)).toEqual([
      'copied',
      'copied',
    ]);

    upstreamCalls.requests.length = 0;
    ourCalls.requests.length = 0;
    const secondEvents: ImageBuildEvent[] = [];
    const second = await build(
      { repository: 'models/copy-once', files: { ...servingFiles, '/opt/modelplane/model.json': '{"revision":"4567ef"}' } },
      secondEvents,
    );
    expect(second.digest).not.toBe(first.digest);
    expect(finishedUploads(ourCalls.requests)).toEqual([second.layer.digest, second.configDigest]);
    expect(ourCalls.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH')).toHaveLength(2);
    expect(ourCalls.requests.filter((r) => r.method === 'HEAD').map((r) => r.url.pathname.split('/blobs/')[1])).toEqual(expect.arrayContaining(baseDigests));
    expect(blobReads(upstreamCalls.requests).filter((d) => baseDigests.includes(d))).toEqual([]);
    expect(secondEvents.filter((e) => e.type === 'blob' && baseDigests.includes(e.digest)).map((e) => e.type === 'blob' && e.outcome)).toEqual([
      'present',
      'present',
    ]);
  });

  it('gives the same digest for identical inputs, and uploads nothing but the manifest the second time', async () => {
    const input = { repository: 'models/stable', env: { OPTION_DTYPE: 'bf16' }, labels: { a: '1', b: '2' } };
    const first = await build(input);
    ourCalls.requests.length = 0;
    const again = await build({ ...input, labels: { b: '2', a: '1' } });
    expect(again.digest).toBe(first.digest);
    expect(ourCalls.requests.map((r) => r.method).filter((m) => m !== 'HEAD')).toEqual(['PUT']);
    expect((await build({ ...input, repository: 'models/stable-copy' })).digest).toBe(first.digest);
    expect((await build({ ...input, created: '2026-05-01T00:00:00Z' })).digest).not.toBe(first.digest);
  });

  it('tags by content when the tag is made from the digest: a changed build gets a new tag and the old one stays', async () => {
    const target = (tag: BuildServingImageInput['target']['tag']) => ({
      repository: 'unused',
      target: { registry: ours, repository: 'models/by-digest', tag },
    });
    const byDigest = (digest: string) => `m-${digest.slice('sha256:'.length, 'sha256:'.length + 12)}`;
    const first = await build({ ...target(byDigest), env: { OPTION_DTYPE: 'bf16' } });
    const second = await build({ ...target(byDigest), env: { OPTION_DTYPE: 'fp16' } });

    expect(second.digest).not.toBe(first.digest);
    expect(first.taggedUri.endsWith(`:${byDigest(first.digest)}`)).toBe(true);
    expect(second.taggedUri.endsWith(`:${byDigest(second.digest)}`)).toBe(true);
    // Both tags still point at their own image: nothing was left untagged.
    expect((await ours.getManifest('models/by-digest', byDigest(first.digest))).digest).toBe(first.digest);
    expect((await ours.getManifest('models/by-digest', byDigest(second.digest))).digest).toBe(second.digest);

    ourCalls.requests.length = 0;
    const failure = build({ ...target(() => '-not-a-tag'), env: { OPTION_DTYPE: 'bf16' } });
    await expect(failure).rejects.toMatchObject({ code: 'InvalidInput', message: expect.stringContaining('target tag "-not-a-tag"') });
    expect(ourCalls.requests.filter((r) => r.method === 'PUT' && r.url.pathname.includes('/manifests/'))).toEqual([]);
  });

  it('builds on a Docker manifest list from its linux/amd64 image and keeps the Docker v2 media types', async () => {
    const built = await build({ base: { registry: upstream, repository: 'dlc/multi', reference: '1.0' }, repository: 'models/from-list' });
    expect(built.manifestMediaType).toBe(mediaTypes.dockerManifest);
    expect(built.base).toEqual({ digest: amd64.digest, indexDigest: multiDigest });
    const fetched = await ours.getManifest('models/from-list', built.digest);
    expect(fetched.mediaType).toBe(mediaTypes.dockerManifest);
    expect(fetched.manifest.config.mediaType).toBe(mediaTypes.dockerConfig);
    expect(fetched.manifest.layers.map((l) => l.mediaType)).toEqual([mediaTypes.dockerLayerGzip, mediaTypes.dockerLayerGzip, mediaTypes.dockerLayerGzip]);
    expect(fetched.manifest.annotations).toBeUndefined();
    const config = JSON.parse((await ours.readBlob('models/from-list', fetched.manifest.config.digest, MiB)).toString()) as ImageConfig;
    expect(config.architecture).toBe('amd64');
    expect(config.rootfs.diff_ids).toEqual([...amd64.config.rootfs.diff_ids, built.layer.diffId]);
  });

  it('mounts the base layers when base and target are repositories of the same registry', async () => {
    const events: ImageBuildEvent[] = [];
    const built = await build({ target: { registry: upstream, repository: 'customer/model', tag: 'v1' }, repository: 'unused' }, events);
    const baseDigests = base.layers.map((layer) => layer.digest);
    expect(events.filter((e) => e.type === 'blob' && baseDigests.includes(e.digest)).map((e) => e.type === 'blob' && e.outcome)).toEqual([
      'mounted',
      'mounted',
    ]);
    expect(blobReads(upstreamCalls.requests).filter((d) => baseDigests.includes(d))).toEqual([]);
    expect(upstreamCalls.requests.filter((r) => r.url.searchParams.get('from') === 'dlc/serving-base')).toHaveLength(2);
    await expect(upstream.getManifest('customer/model', built.digest)).resolves.toMatchObject({ digest: built.digest });
  });

  it('streams a base layer larger than a chunk to the target in PATCHes of 8 MiB', async () => {
    const events: ImageBuildEvent[] = [];
    const built = await build({ base: { registry: upstream, repository: 'dlc/large', reference: '1.0' }, repository: 'models/large' }, events);
    const big = large.layers[0]!;
    expect(big.size).toBeGreaterThan(10 * MiB);
    const patches = ourCalls.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.contentRange)).toEqual([`0-${8 * MiB - 1}`, `${8 * MiB}-${big.size - 1}`]);
    expect(events.filter((e) => e.type === 'bytes' && e.digest === big.digest).map((e) => e.type === 'bytes' && e.sent)).toEqual([8 * MiB, big.size, big.size]);
    expect(sha256Digest(await readAll(await ours.openBlob('models/large', big.digest)))).toBe(big.digest);
    await expect(ours.getManifest('models/large', built.digest)).resolves.toMatchObject({ digest: built.digest });
  });

  it('starts a copy again from the beginning when the connection breaks mid-upload', async () => {
    let broken = 0;
    const flaky: typeof fetch = (input, init) => {
      if (init?.method === 'PATCH' && broken++ === 0) return Promise.reject(new TypeError('fetch failed', { cause: new Error('other side closed') }));
      return ourCalls.fetch(input, init);
    };
    const target = new OciClient({ url: ourRegistry.url, fetch: flaky });
    const built = await build({
      base: { registry: upstream, repository: 'dlc/large', reference: '1.0' },
      target: { registry: target, repository: 'models/flaky', tag: 'v1' },
      repository: 'unused',
    });
    const big = large.layers[0]!;
    expect(broken).toBe(3);
    expect(blobReads(upstreamCalls.requests).filter((d) => d === big.digest)).toHaveLength(2);
    expect(finishedUploads(ourCalls.requests).filter((d) => d === big.digest)).toHaveLength(1);
    expect(sha256Digest(await readAll(await ours.openBlob('models/flaky', big.digest)))).toBe(big.digest);
    await expect(ours.getManifest('models/flaky', built.digest)).resolves.toMatchObject({ digest: built.digest });
  });

  it.each([
    ['a tag it does not have', 'dlc/serving-base', '9.9'],
    ['a repository that does not exist', 'dlc/nothing', '1.0'],
  ])('rejects a base with %s as BaseImageNotFound naming the image', async (_, repository, reference) => {
    const failure = await build({ base: { registry: upstream, repository, reference }, repository: 'models/never' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImageBuildError);
    expect(failure).toMatchObject({
      code: 'BaseImageNotFound',
      message: expect.stringContaining(`The base image ${upstream.host}/${repository}:${reference} does not exist`),
    });
    expect(ourCalls.requests).toEqual([]);
  });

  it('rejects bad input with every problem at once, before any request', async () => {
    const failure = build({ repository: 'Models/Upper', target: { registry: ours, repository: 'models/x', tag: '-bad' }, files: {}, env: { 'A=B': 'x' } });
    await expect(failure).rejects.toMatchObject({ code: 'InvalidInput' });
    await expect(failure).rejects.toThrow(/target tag "-bad".*files is empty.*"A=B" is not an environment variable name/);
    expect(ourCalls.requests).toEqual([]);
    expect(upstreamCalls.requests).toEqual([]);
  });

  describe('into a registry that requires Basic auth', () => {
    let guarded: LocalRegistry;

    beforeAll(async () => {
      guarded = await startRegistry({ auth: { htpasswd: htpasswd({ AWS: 'ecr-password' }) } });
    });
    afterAll(async () => {
      await guarded?.stop();
    });

    it('pushes the image when the credentials are right', async () => {
      const target = new OciClient({ url: guarded.url, credentials: { username: 'AWS', password: 'ecr-password' } });
      const built = await build({ target: { registry: target, repository: 'models/private', tag: 'v1' }, repository: 'unused' });
      await expect(target.getManifest('models/private', built.digest)).resolves.toMatchObject({ digest: built.digest });
    });

    it('rejects wrong credentials with Unauthorized naming the registry and user', async () => {
      const target = new OciClient({ url: guarded.url, credentials: { username: 'AWS', password: 'expired-token' } });
      const failure = await build({ target: { registry: target, repository: 'models/private', tag: 'v2' }, repository: 'unused' }).catch(
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({
        code: 'Unauthorized',
        message: expect.stringMatching(new RegExp(`^${target.host.replace('.', '\\.')} refused the credentials of user "AWS"`)),
      });
      expect((failure as Error).message).not.toContain('expired-token');
    });
  });
});
