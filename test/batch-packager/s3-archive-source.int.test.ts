import { createHash } from 'node:crypto';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelPackager, type Manifest } from '../../batch-packager/src/package-model.js';
import { S3ObjectStore } from '../../batch-packager/src/s3-object-store.js';
import { S3ArchiveSource } from '../../batch-packager/src/s3-archive-source.js';
import { s3ModelId, s3Source } from '../../batch-packager/src/s3-source.js';
import { tarArchive, type ArchiveEntry } from '../support/archives.js';
import { emulatorClients } from '../support/aws.js';
import { failureOf } from './support/failures.js';
import { MiB, tinyLlama } from './support/hub-server.js';

const llama = tinyLlama('acme/tiny-llama-archive');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const contentOf = (path: string) => llama.files.find((f) => f.path === path)!.content;

/**
 * The packager reading a SageMaker training job's model.tar.gz from the emulator's S3: real
 * archives built with tar-stream, config.json last (after the weights it decides about).
 */
describe('S3ArchiveSource', () => {
  const { s3 } = emulatorClients();
  const store = new S3ObjectStore(s3);
  const bucket = `archives-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let run = 0;

  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  /** The fixture model as a training output would pack it: `./` entries, directories, PyTorch duplicates first, config.json last. */
  function trainingOutput(): ArchiveEntry[] {
    const files = [...llama.files].sort((a, b) => (a.path === 'config.json' ? 1 : b.path === 'config.json' ? -1 : 0));
    expect(files.at(-1)?.path).toBe('config.json');
    return [
      { name: './', type: 'directory' },
      { name: './original/', type: 'directory' },
      { name: './assets/', type: 'directory' },
      ...files.map((f) => ({ name: `./${f.path}`, content: f.content })),
    ];
  }

  async function upload(archive: Buffer, name = 'model.tar.gz'): Promise<string> {
    run += 1;
    const key = `training/job-${run}/output/${name}`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: archive }));
    return `s3://${bucket}/${key}`;
  }

  async function keysUnder(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
      for (const object of page.Contents ?? []) keys.push(object.Key!.slice(prefix.length));
    }
    return keys.sort();
  }

  async function read(key: string): Promise<Buffer> {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await Body!.transformToByteArray());
  }

  async function expectNoUnfinishedUploads(): Promise<void> {
    const { Uploads } = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(Uploads ?? []).toEqual([]);
  }

  function packager(uri: string) {
    const source = s3Source(s3, uri);
    const packaging = new ModelPackager({
      hub: source,
      store,
      clock: { now: () => new Date('2025-06-01T12:00:00Z') },
      options: { partSizes: { min: 5 * MiB, max: 64 * MiB, targetParts: 1000 }, maxRetries: 1, retryDelayMs: 10 },
    });
    return {
      source,
      package: (prefix: string) =>
        packaging
          .package({ modelId: s3ModelId(uri), bucket, prefix, jobId: `pj-archive-${run}` })
          .finally(() => source instanceof S3ArchiveSource && source.close()),
    };
  }

  it.each([
    ['a gzipped tar (model.tar.gz)', { gzip: true }, 'model.tar.gz'],
    ['a plain tar', { gzip: false }, 'model.tar'],
  ])('takes %s apart into the uncompressed layout, with the same selection, checks and manifest as a Hub model', async (_, options, name) => {
    const uri = await upload(await tarArchive(trainingOutput(), options), name);
    const job = packager(uri);
    expect(job.source).toBeInstanceOf(S3ArchiveSource);
    const result = await job.package(`run-${run}`);
    const base = `run-${run}/${s3ModelId(uri)}/${result.resolvedRevision}/`;
    expect(result).toMatchObject({ series: 'llama', serving: 'lmi', artifacts: { modelDataUri: `s3://${bucket}/${base}` } });
    expect(result.sizing.parameters).toBe(llama.parameters);

    // Only what selectFiles keeps: config.json came last, yet the PyTorch duplicates before the safetensors were dropped.
    expect(await keysUnder(base)).toEqual([...llama.expected, 'manifest.json', 'serving.properties'].sort());
    for (const path of llama.expected) expect(sha256(await read(`${base}${path}`)), path).toBe(sha256(contentOf(path)));
    // The 12 MiB shard went up in parts (a multipart ETag ends in -{parts}).
    const shard = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `${base}model-00001-of-00002.safetensors` }));
    expect(shard.ETag).toMatch(/-\d+"?$/);

    const manifest = JSON.parse((await read(`${base}manifest.json`)).toString()) as Manifest;
    expect(manifest).toMatchObject({ series: 'llama', weightFormat: 'safetensors', sizing: { parameters: llama.parameters, dtype: 'bfloat16' } });
    expect(manifest.files).toEqual(
      llama.expected.map((path) => ({ path, size: contentOf(path).length, sha256: sha256(contentOf(path)), weights: path.endsWith('.safetensors') })),
    );
    expect(manifest.skipped.map((s) => s.path)).toEqual(
      expect.arrayContaining(['pytorch_model.bin', 'original/consolidated.00.pth', 'tiny-llama.Q4_K_M.gguf']),
    );
    await expectNoUnfinishedUploads();
  });

  it('pins the revision to the archive object: the same archive gives the same revision, another upload another', async () => {
    const archive = await tarArchive(trainingOutput());
    const first = await upload(archive);
    const revisionOf = async (uri: string) => (await new S3ArchiveSource(s3, uri).resolveRevision('m', 'main')).sha;
    expect(await revisionOf(first)).toBe(await revisionOf(first));
    expect(await revisionOf(first)).not.toBe(
      await revisionOf(await upload(await tarArchive(trainingOutput().slice(0, -1).concat({ name: 'config.json', content: '{}' })))),
    );
  });

  it.each<[string, ArchiveEntry, RegExp]>([
    ['a symbolic link', { name: 'model.safetensors', type: 'symlink', linkname: '/etc/passwd' }, /symbolic link/],
    ['a hard link', { name: 'model-copy.safetensors', type: 'link', linkname: 'model-00001-of-00002.safetensors' }, /hard link/],
    ['a path out of the model', { name: '../../escape.json', content: '{}' }, /leaves the model's folder/],
    ['the same file twice', { name: './config.json', content: '{}' }, /twice/],
  ])('rejects an archive holding %s before uploading anything', async (_, bad, message) => {
    const uri = await upload(await tarArchive([...trainingOutput(), bad]));
    const failure = await failureOf(packager(uri).package(`run-${run}`));
    expect(failure).toMatchObject({ code: 'InvalidModel', message: expect.stringMatching(message) });
    expect(await keysUnder(`run-${run}/`)).toEqual([]);
    await expectNoUnfinishedUploads();
  });

  it('checks each safetensors header as it streams, and aborts the upload of one that is not', async () => {
    const entries = trainingOutput().map((e) =>
      e.name === './model-00001-of-00002.safetensors' ? { ...e, content: Buffer.concat([Buffer.from('not a safetensors header'), Buffer.alloc(12 * MiB)]) } : e,
    );
    const uri = await upload(await tarArchive(entries));
    const failure = await failureOf(packager(uri).package(`run-${run}`));
    expect(failure).toMatchObject({ code: 'InvalidModel', message: expect.stringContaining('model-00001-of-00002.safetensors is not a safetensors file') });
    // No manifest: the prefix is not a packaged model.
    expect((await keysUnder(`run-${run}/`)).filter((key) => key.endsWith('manifest.json'))).toEqual([]);
    await expectNoUnfinishedUploads();
  });

  it('rejects bytes that are not a tar, and a gzip stream cut short', async () => {
    const notTar = await upload(Buffer.from('this is not an archive at all, just text long enough to look at'.repeat(20)));
    expect(await failureOf(packager(notTar).package(`run-${run}`))).toMatchObject({
      code: 'InvalidModel',
      message: expect.stringContaining('not a readable tar'),
    });
    const whole = await tarArchive(trainingOutput());
    const cut = await upload(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(await failureOf(packager(cut).package(`run-${run}`))).toMatchObject({ code: 'InvalidModel' });
    await expectNoUnfinishedUploads();
  });

  it('fails with ModelNotFound for an archive that is not there', async () => {
    const failure = await failureOf(packager(`s3://${bucket}/training/none/output/model.tar.gz`).package('missing'));
    expect(failure.code).toBe('ModelNotFound');
  });

  it('fails when the archive is replaced between the two reads, and keeps config.json from the first', async () => {
    const uri = await upload(await tarArchive(trainingOutput()));
    const key = uri.slice(`s3://${bucket}/`.length);
    const source = new S3ArchiveSource(s3, uri);
    const { sha } = await source.resolveRevision('m', 'main');
    await source.listFiles('m', sha);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: await tarArchive(trainingOutput().slice(0, 3)) }));
    const failure = await failureOf(source.download('m', sha, 'tokenizer.json', 0));
    expect(failure).toMatchObject({ code: 'InvalidModel', message: expect.stringContaining('changed while the job ran') });
    // config.json was kept from the first read.
    const kept: Buffer[] = [];
    for await (const chunk of await source.download('m', sha, 'config.json', 0)) kept.push(Buffer.from(chunk));
    expect(Buffer.concat(kept).equals(contentOf('config.json'))).toBe(true);
  });
});
