import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type LocalRegistry } from '../../../../local/image-registry.js';
import { ImageBuildError } from '../../../../batch-packager/src/image/errors.js';
import { buildLayer, sha256Digest } from '../../../../batch-packager/src/image/layer.js';
import { mediaTypes } from '../../../../batch-packager/src/image/manifest.js';
import { OciClient } from '../../../../batch-packager/src/image/oci-client/index.js';
import { htpasswd, startTokenServer, type TokenServer } from '../support/auth.js';
import { countingFetch } from '../support/counting-fetch.js';
import { deterministicBytes, MiB, pushImage, pushIndex } from '../support/images.js';

const readAll = async (blob: { chunks: AsyncIterable<Uint8Array> }) => {
  const parts: Uint8Array[] = [];
  for await (const chunk of blob.chunks) parts.push(chunk);
  return Buffer.concat(parts);
};

describe('startRegistry', () => {
  it('serves the distribution API on 127.0.0.1 and removes its storage when stopped', async () => {
    const registry = await startRegistry();
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${registry.url}/v2/`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    expect(existsSync(`${registry.directory}/config.yml`)).toBe(true);
    const started = Date.now();
    await registry.stop();
    await registry.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(registry.directory)).toBe(false);
    expect(existsSync(`/proc/${registry.pid}`)).toBe(false);
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
  });
});

describe('OciClient', () => {
  let registry: LocalRegistry;
  const counted = countingFetch();
  let client: OciClient;

  beforeAll(async () => {
    registry = await startRegistry();
    client = new OciClient({ url: registry.url, fetch: counted.fetch });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('uploads a blob that fits in a chunk with one POST and one PUT, and finds it by HEAD', async () => {
    const bytes = Buffer.from('small blob');
    const digest = sha256Digest(bytes);
    await expect(client.hasBlob('small/one', digest)).resolves.toBe(false);
    counted.requests.length = 0;
    await expect(client.uploadBlob('small/one', { digest, size: bytes.length, content: bytes })).resolves.toBe('uploaded');
    expect(counted.requests.map((r) => r.method)).toEqual(['POST', 'PUT']);
    expect(counted.requests[1]!.url.searchParams.get('digest')).toBe(digest);
    await expect(client.hasBlob('small/one', digest)).resolves.toBe(true);
    await expect(client.readBlob('small/one', digest, 1024)).resolves.toEqual(bytes);
  });

  it('uploads a blob larger than a chunk as PATCHes of chunkSize, then a PUT without a body', async () => {
    const bytes = deterministicBytes(20 * MiB + 12345, 1);
    const digest = sha256Digest(bytes);
    async function* stream() {
      // Odd-sized pieces, as a network stream gives them.
      for (let at = 0; at < bytes.length; at += 1_000_003) yield bytes.subarray(at, at + 1_000_003);
    }
    counted.requests.length = 0;
    const progress: number[] = [];
    await client.uploadBlob('large/one', { digest, size: bytes.length, content: stream() }, { onBytes: (sent) => progress.push(sent) });
    const patches = counted.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.contentRange)).toEqual([`0-${8 * MiB - 1}`, `${8 * MiB}-${16 * MiB - 1}`, `${16 * MiB}-${bytes.length - 1}`]);
    expect(patches.map((p) => p.bodyBytes)).toEqual([8 * MiB, 8 * MiB, bytes.length - 16 * MiB]);
    expect(counted.requests.at(-1)).toMatchObject({ method: 'PUT', bodyBytes: 0 });
    expect(progress.at(-1)).toBe(bytes.length);
    const blob = await client.openBlob('large/one', digest);
    expect(blob.size).toBe(bytes.length);
    expect(sha256Digest(await readAll(blob))).toBe(digest);
  });

  it('rejects an upload whose bytes do not hash to the digest, before committing it', async () => {
    const bytes = Buffer.from('these bytes');
    const wrong = sha256Digest(Buffer.from('other bytes'));
    await expect(client.uploadBlob('small/two', { digest: wrong, size: bytes.length, content: bytes })).rejects.toMatchObject({ code: 'DigestMismatch' });
    await expect(client.hasBlob('small/two', wrong)).resolves.toBe(false);
  });

  it('mounts a blob from another repository of the same registry instead of sending it', async () => {
    const bytes = Buffer.from('mount me');
    const digest = sha256Digest(bytes);
    await client.uploadBlob('mount/source', { digest, size: bytes.length, content: bytes });
    counted.requests.length = 0;
    const never: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]() {
        throw new Error('the content must not be read when the mount works');
      },
    };
    await expect(client.uploadBlob('mount/target', { digest, size: bytes.length, content: never }, { mountFrom: 'mount/source' })).resolves.toBe('mounted');
    expect(counted.requests.map((r) => `${r.method} ${r.url.searchParams.get('from')}`)).toEqual(['POST mount/source']);
    await expect(client.hasBlob('mount/target', digest)).resolves.toBe(true);
  });

  it('uploads instead when the repository to mount from does not have the blob', async () => {
    const bytes = Buffer.from('not in the source');
    const digest = sha256Digest(bytes);
    await expect(client.uploadBlob('mount/target', { digest, size: bytes.length, content: bytes }, { mountFrom: 'mount/empty' })).resolves.toBe('uploaded');
    await expect(client.hasBlob('mount/target', digest)).resolves.toBe(true);
  });

  it('puts a manifest and returns the sha256 of the bytes sent, fetchable by that digest', async () => {
    const image = await pushImage(client, 'manifests/oci', 'v1', { layers: [{ '/a.txt': 'a' }], format: 'oci' });
    const fetched = await client.getManifest('manifests/oci', image.digest);
    expect(fetched).toMatchObject({ mediaType: mediaTypes.ociManifest, digest: image.digest });
    expect(fetched.manifest.layers.map((l) => l.digest)).toEqual(image.layers.map((l) => l.digest));
    expect((await client.getManifest('manifests/oci', 'v1')).digest).toBe(image.digest);
  });

  it.each([
    ['docker', mediaTypes.dockerManifestList, mediaTypes.dockerManifest],
    ['oci', mediaTypes.ociIndex, mediaTypes.ociManifest],
  ] as const)('picks the linux/amd64 image when the reference names a %s index', async (format, indexType, imageType) => {
    const repository = `manifests/multi-${format}`;
    const arm = await pushImage(client, repository, 'arm64', { layers: [{ '/arch': 'arm64' }], format, architecture: 'arm64' });
    const amd = await pushImage(client, repository, 'amd64', { layers: [{ '/arch': 'amd64' }], format });
    const indexDigest = await pushIndex(
      client,
      repository,
      'multi',
      [
        { image: arm, architecture: 'arm64', variant: 'v8' },
        { image: amd, architecture: 'amd64' },
      ],
      format,
    );
    const fetched = await client.getManifest(repository, 'multi');
    expect(fetched).toMatchObject({ mediaType: imageType, digest: amd.digest, index: { mediaType: indexType, digest: indexDigest } });
    const arm64 = await client.getManifest(repository, 'multi', { platform: { os: 'linux', architecture: 'arm64' } });
    expect(arm64.digest).toBe(arm.digest);
  });

  it('rejects an index without the platform asked for, naming the platforms it has', async () => {
    await expect(client.getManifest('manifests/multi-docker', 'multi', { platform: { os: 'linux', architecture: 's390x' } })).rejects.toMatchObject({
      code: 'UnsupportedImage',
      message: expect.stringMatching(/has no image for linux\/s390x \(it has: linux\/arm64\/v8, linux\/amd64\)/),
    });
  });

  it('rejects a manifest that does not exist with NotFound and the registry error code', async () => {
    await expect(client.getManifest('manifests/oci', 'missing')).rejects.toMatchObject({
      code: 'NotFound',
      status: 404,
      message: expect.stringMatching(/answered HTTP 404 to the manifest manifests\/oci:missing: MANIFEST_UNKNOWN/),
    });
  });

  it('rejects a manifest whose layers the repository lacks', async () => {
    const layer = buildLayer({ '/never-uploaded': 'x' });
    const image = await pushImage(client, 'manifests/broken', 'base', { layers: [{ '/a': 'a' }], format: 'oci' });
    const manifest = {
      schemaVersion: 2,
      mediaType: mediaTypes.ociManifest,
      config: { mediaType: mediaTypes.ociConfig, digest: image.configDigest, size: Buffer.byteLength(JSON.stringify(image.config)) },
      layers: [{ mediaType: mediaTypes.ociLayerGzip, digest: layer.digest, size: layer.size }],
    };
    await expect(client.putManifest('manifests/broken', 'v1', mediaTypes.ociManifest, Buffer.from(JSON.stringify(manifest)))).rejects.toMatchObject({
      code: 'RegistryRejected',
      message: expect.stringMatching(/BLOB_UNKNOWN|MANIFEST_BLOB_UNKNOWN/),
    });
  });

  it('rejects a chunk size outside ECR part limits', () => {
    expect(() => new OciClient({ url: registry.url, chunkSize: 1024 })).toThrow(/chunkSize must be 5 to 10 MiB/);
  });

  it('rejects a blob download that stalls as RegistryUnavailable instead of hanging', async () => {
    const stalling = createServer((_, response) => {
      response.writeHead(200, { 'content-length': '1000', 'content-type': 'application/octet-stream' });
      response.write(Buffer.alloc(10));
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = stalling.address() as AddressInfo;
      const slow = new OciClient({ url: `http://127.0.0.1:${port}`, idleTimeoutMs: 200 });
      const blob = await slow.openBlob('a/b', sha256Digest(Buffer.from('x')));
      await expect(readAll(blob)).rejects.toMatchObject({
        code: 'RegistryUnavailable',
        retryable: true,
        message: expect.stringMatching(/sent no bytes of blob .* for 0\.2 s/),
      });
    } finally {
      stalling.closeAllConnections();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });

  it('rejects a registry that cannot be reached as RegistryUnavailable after retrying', async () => {
    const unreachable = new OciClient({ url: 'http://127.0.0.1:1', retries: 1, retryDelayMs: 1 });
    await expect(unreachable.hasBlob('a/b', sha256Digest(Buffer.from('x')))).rejects.toMatchObject({
      code: 'RegistryUnavailable',
      retryable: true,
      message: expect.stringMatching(/could not be reached/),
    });
  });
});

describe('OciClient with Basic auth (htpasswd)', () => {
  let registry: LocalRegistry;
  const bytes = Buffer.from('guarded');
  const digest = sha256Digest(bytes);

  beforeAll(async () => {
    registry = await startRegistry({ auth: { htpasswd: htpasswd({ modelplane: 'right-password' }) } });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('accepts the right credentials, sending them with the first request', async () => {
    const counted = countingFetch();
    const client = new OciClient({ url: registry.url, credentials: { username: 'modelplane', password: 'right-password' }, fetch: counted.fetch });
    await expect(client.uploadBlob('private/repo', { digest, size: bytes.length, content: bytes })).resolves.toBe('uploaded');
    await expect(client.hasBlob('private/repo', digest)).resolves.toBe(true);
    expect(counted.requests).toHaveLength(3);
  });

  it('rejects wrong credentials with Unauthorized naming the user, never the password', async () => {
    const client = new OciClient({ url: registry.url, credentials: { username: 'modelplane', password: 'wrong-password' } });
    const failure = await client.hasBlob('private/repo', digest).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImageBuildError);
    expect(failure).toMatchObject({
      code: 'Unauthorized',
      status: 401,
      message: expect.stringMatching(/refused the credentials of user "modelplane" for HEAD blob/),
    });
    expect((failure as Error).message).not.toContain('wrong-password');
  });

  it('rejects anonymous access saying that credentials are required', async () => {
    const client = new OciClient({ url: registry.url });
    await expect(client.getManifest('private/repo', 'latest')).rejects.toMatchObject({
      code: 'Unauthorized',
      message: expect.stringMatching(/requires credentials and none were given/),
    });
  });
});

describe('OciClient with Bearer tokens', () => {
  let tokens: TokenServer;
  let registry: LocalRegistry;

  beforeAll(async () => {
    tokens = await startTokenServer({ modelplane: 'token-password' });
    registry = await startRegistry({
      auth: { token: { realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, rootCertBundle: tokens.rootCertBundle } },
    });
  });
  afterAll(async () => {
    await registry?.stop();
    await tokens?.close();
  });

  it('gets a token for the scopes the registry challenges with, and reuses it', async () => {
    const client = new OciClient({ url: registry.url, credentials: { username: 'modelplane', password: 'token-password' } });
    const image = await pushImage(client, 'bearer/base', 'v1', { layers: [{ '/a': 'a' }], format: 'oci' });
    await expect(client.getManifest('bearer/base', 'v1')).resolves.toMatchObject({ digest: image.digest });
    expect(tokens.requests.every((r) => r.granted && r.user === 'modelplane')).toBe(true);
    // Uploads that run at once may each meet a challenge before the first token is cached (seen on a
    // loaded machine): what matters is the scopes asked for and that tokens are reused, not their order.
    const normalised = (scope: string) => scope.replace(/:([a-z,]+)$/, (_, actions: string) => `:${actions.split(',').sort().join(',')}`);
    expect(new Set(tokens.requests.flatMap((r) => r.scopes.map(normalised)))).toEqual(
      new Set(['repository:bearer/base:pull,push', 'repository:bearer/base:pull']),
    );
    expect(tokens.requests.length).toBeLessThanOrEqual(3);
  });

  it('asks for pull on the source repository when mounting', async () => {
    const client = new OciClient({ url: registry.url, credentials: { username: 'modelplane', password: 'token-password' } });
    const bytes = Buffer.from('bearer mount');
    const digest = sha256Digest(bytes);
    await client.uploadBlob('bearer/source', { digest, size: bytes.length, content: bytes });
    tokens.requests.length = 0;
    await expect(client.uploadBlob('bearer/target', { digest, size: bytes.length, content: bytes }, { mountFrom: 'bearer/source' })).resolves.toBe('mounted');
    expect(tokens.requests.map((r) => r.scopes)).toEqual([['repository:bearer/target:pull,push', 'repository:bearer/source:pull']]);
  });

  it('rejects when the token service refuses the credentials', async () => {
    const client = new OciClient({ url: registry.url, credentials: { username: 'modelplane', password: 'nope' } });
    await expect(client.getManifest('bearer/base', 'v1')).rejects.toMatchObject({
      code: 'Unauthorized',
      message: expect.stringMatching(/token service of 127\.0\.0\.1:\d+ \(http:\/\/127\.0\.0\.1:\d+\/token\) refused the credentials of user "modelplane"/),
    });
  });
});
