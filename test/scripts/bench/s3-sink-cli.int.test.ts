import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Sink, type S3Sink } from '../../../scripts/bench/s3-sink.js';

const MiB = 1024 * 1024;
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest();

describe('s3-sink with the AWS CLI', () => {
  let sink: S3Sink;
  let s3: S3Client;
  let dir: string;

  beforeAll(async () => {
    sink = await startS3Sink();
    s3 = new S3Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      forcePathStyle: true,
      endpoint: sink.endpoint,
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'cli-bucket' }));
    dir = await mkdtemp(join(tmpdir(), 'sink-cli-'));
  });

  afterAll(async () => {
    s3.destroy();
    await sink.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes `aws s3 cp` of a multipart file (8 MiB parts, CRC32 headers) and a small one, with S3’s ETags', async () => {
    const big = Buffer.alloc(12 * MiB);
    for (let i = 0; i < big.length; i += 1000) big[i] = i % 251;
    await writeFile(join(dir, 'big.bin'), big);
    await writeFile(join(dir, 'small.txt'), 'hello');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
    };
    delete env.AWS_PROFILE;
    await promisify(execFile)('aws', ['s3', 'cp', '--recursive', '--only-show-errors', dir, 's3://cli-bucket/up/', '--endpoint-url', sink.endpoint], { env });

    const parts = [big.subarray(0, 8 * MiB), big.subarray(8 * MiB)];
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'cli-bucket', Key: 'up/big.bin' }));
    expect([head.ETag, head.ContentLength]).toEqual([
      `"${createHash('md5')
        .update(Buffer.concat(parts.map(md5)))
        .digest('hex')}-2"`,
      12 * MiB,
    ]);
    const small = await s3.send(new HeadObjectCommand({ Bucket: 'cli-bucket', Key: 'up/small.txt' }));
    expect(small.ETag).toBe(`"${md5(Buffer.from('hello')).toString('hex')}"`);
  });
});
