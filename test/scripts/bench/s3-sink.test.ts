import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { crc32 } from 'node:zlib';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPackagerS3Client, S3ObjectStore } from '../../../batch-packager/src/s3-object-store.js';
import { AwsChunkedDecoder, startS3Sink, type S3Sink } from '../../../scripts/bench/s3-sink.js';

const MiB = 1024 * 1024;
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest();
const bytesOf = (length: number, seed: number) => Buffer.alloc(length, seed);

let sink: S3Sink;
let s3: S3Client;
let bucket: string;
let bucketNumber = 0;

beforeAll(async () => {
  sink = await startS3Sink();
  s3 = new S3Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    forcePathStyle: true,
    endpoint: sink.endpoint,
  });
});

afterAll(async () => {
  s3.destroy();
  await sink.close();
});

beforeEach(async () => {
  bucket = `sink-test-${++bucketNumber}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

/** The S3 error code a command fails with. */
async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error.name;
    throw error;
  }
  throw new Error('the command succeeded');
}

async function uploadParts(key: string, parts: Buffer[]): Promise<{ uploadId: string; etags: string[] }> {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const etags: string[] = [];
  for (const [i, body] of parts.entries()) {
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: body }));
    etags.push(ETag!);
  }
  return { uploadId: UploadId!, etags };
}

/** A raw PUT, for what the SDK would not send (wrong digests, aws-chunked framing). */
function rawPut(path: string, headers: Record<string, string | number>, body: Buffer): Promise<{ status: number; body: string; etag?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${sink.endpoint}${path}`, { method: 'PUT', headers: { 'content-length': body.length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), ...(res.headers.etag ? { etag: res.headers.etag } : {}) }),
      );
    });
    req.once('error', reject);
    req.end(body);
  });
}

describe('s3-sink', () => {
  it('answers a multipart upload with the ETag S3 computes: MD5 of the parts’ binary MD5s, then -N', async () => {
    const parts = [bytesOf(5 * MiB, 1), bytesOf(5 * MiB, 2), bytesOf(1234, 3)];
    const { uploadId, etags } = await uploadParts('model.safetensors', parts);
    expect(etags).toEqual(parts.map((p) => `"${md5(p).toString('hex')}"`));

    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'model.safetensors',
        UploadId: uploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    const expected = `"${createHash('md5')
      .update(Buffer.concat(parts.map(md5)))
      .digest('hex')}-3"`;
    expect(done.ETag).toBe(expected);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'model.safetensors' }));
    expect(head.ETag).toBe(expected);
    expect(head.ContentLength).toBe(10 * MiB + 1234);
  });

  it('takes the packager’s own client and store (CRC32 per part, UNSIGNED-PAYLOAD) and keeps small objects readable', async () => {
    const client = createPackagerS3Client(sink.endpoint, { region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const store = new S3ObjectStore(client);
    const uploadId = await store.createMultipartUpload({ bucket, key: 'w', contentType: 'application/octet-stream' });
    const etag = await store.uploadPart({ bucket, key: 'w', uploadId, partNumber: 1, body: bytesOf(2 * MiB, 9) });
    await store.completeMultipartUpload({ bucket, key: 'w', uploadId, parts: [{ partNumber: 1, etag }] });
    await store.putObject({ bucket, key: 'manifest.json', body: Buffer.from('{"ok":true}'), contentType: 'application/json', metadata: { job: 'j-1' } });
    client.destroy();

    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'manifest.json' }));
    expect(await got.Body!.transformToString()).toBe('{"ok":true}');
    expect(got.ETag).toBe(`"${md5(Buffer.from('{"ok":true}')).toString('hex')}"`);
    expect(got.ContentType).toBe('application/json');
    expect(got.Metadata).toEqual({ job: 'j-1' });
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'w' }))).ETag).toMatch(/^"[0-9a-f]{32}-1"$/);
  });

  it('answers a single PutObject with the hex MD5 of its body and keeps no large body', async () => {
    const body = bytesOf(2 * MiB, 4);
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'big.bin', Body: body }));
    expect(put.ETag).toBe(`"${md5(body).toString('hex')}"`);
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'big.bin' })))).toBe('NotImplemented');
  });

  it('lists uploads and parts, and forgets an aborted upload', async () => {
    const { uploadId } = await uploadParts('a/b.bin', [bytesOf(5 * MiB, 1), bytesOf(10, 2)]);
    const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(listed.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([['a/b.bin', uploadId]]);
    const parts = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'a/b.bin', UploadId: uploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([
      [1, 5 * MiB],
      [2, 10],
    ]);

    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'a/b.bin', UploadId: uploadId }));
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).toEqual([]);
    expect(await errorCode(s3.send(new UploadPartCommand({ Bucket: bucket, Key: 'a/b.bin', UploadId: uploadId, PartNumber: 3, Body: 'x' })))).toBe(
      'NoSuchUpload',
    );
  });

  it('rejects completing, listing or aborting an upload id it does not know with NoSuchUpload', async () => {
    const parts = { Parts: [{ PartNumber: 1, ETag: '"0"' }] };
    expect(await errorCode(s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'k', UploadId: 'nope', MultipartUpload: parts })))).toBe(
      'NoSuchUpload',
    );
    expect(await errorCode(s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'k', UploadId: 'nope' })))).toBe('NoSuchUpload');
    expect(await errorCode(s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'k', UploadId: 'nope' })))).toBe('NoSuchUpload');
  });

  it.each([
    [
      'InvalidPart',
      'a part ETag that does not match',
      (etags: string[]) => [
        { PartNumber: 1, ETag: etags[0] },
        { PartNumber: 2, ETag: '"ffffffffffffffffffffffffffffffff"' },
      ],
    ],
    [
      'InvalidPart',
      'a part never uploaded',
      (etags: string[]) => [
        { PartNumber: 1, ETag: etags[0] },
        { PartNumber: 3, ETag: etags[1] },
      ],
    ],
    [
      'InvalidPartOrder',
      'parts out of order',
      (etags: string[]) => [
        { PartNumber: 2, ETag: etags[1] },
        { PartNumber: 1, ETag: etags[0] },
      ],
    ],
  ])('rejects a completion with %s: %s', async (code, _what, partsOf) => {
    const { uploadId, etags } = await uploadParts('k', [bytesOf(5 * MiB, 1), bytesOf(10, 2)]);
    const command = new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'k', UploadId: uploadId, MultipartUpload: { Parts: partsOf(etags) } });
    expect(await errorCode(s3.send(command))).toBe(code);
  });

  it('rejects a completion whose parts but the last are under 5 MiB with EntityTooSmall', async () => {
    const { uploadId, etags } = await uploadParts('k', [bytesOf(MiB, 1), bytesOf(10, 2)]);
    const Parts = etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 }));
    expect(await errorCode(s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'k', UploadId: uploadId, MultipartUpload: { Parts } })))).toBe(
      'EntityTooSmall',
    );
  });

  it('lists objects by prefix and delimiter, and deletes them in a batch', async () => {
    for (const key of ['m/a.json', 'm/b.json', 'm/sub/c.json', 'other']) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'm/', Delimiter: '/' }));
    expect(page.Contents?.map((o) => [o.Key, o.Size])).toEqual([
      ['m/a.json', 8],
      ['m/b.json', 8],
    ]);
    expect(page.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['m/sub/']);
    const first = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2 }));
    expect(first.IsTruncated).toBe(true);
    const second = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: first.NextContinuationToken }));
    expect([...first.Contents!, ...second.Contents!].map((o) => o.Key)).toEqual(['m/a.json', 'm/b.json', 'm/sub/c.json', 'other']);

    const deleted = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'm/a.json' }, { Key: 'other' }] } }));
    expect(deleted.Deleted?.map((d) => d.Key)).toEqual(['m/a.json', 'other']);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents?.map((o) => o.Key)).toEqual(['m/b.json', 'm/sub/c.json']);
  });

  it('answers missing buckets and keys with NoSuchBucket and NotFound, and a second CreateBucket with BucketAlreadyOwnedByYou', async () => {
    expect(await errorCode(s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })))).toBe('NoSuchBucket');
    expect(await errorCode(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })))).toBe('NotFound');
    expect(await errorCode(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'missing' })))).toBe('NotFound');
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'missing' })))).toBe('NoSuchKey');
    expect(await errorCode(s3.send(new CreateBucketCommand({ Bucket: bucket })))).toBe('BucketAlreadyOwnedByYou');
  });

  it('rejects a body whose Content-MD5 or CRC32 does not match it with BadDigest', async () => {
    const body = Buffer.from('hello');
    const wrongMd5 = await rawPut(`/${bucket}/k`, { 'content-md5': md5(Buffer.from('other')).toString('base64') }, body);
    expect([wrongMd5.status, /<Code>BadDigest<\/Code>/.test(wrongMd5.body)]).toEqual([400, true]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.from('other')));
    const wrongCrc = await rawPut(`/${bucket}/k`, { 'x-amz-checksum-crc32': crc.toString('base64') }, body);
    expect([wrongCrc.status, /<Code>BadDigest<\/Code>/.test(wrongCrc.body)]).toEqual([400, true]);
    crc.writeUInt32BE(crc32(body));
    expect((await rawPut(`/${bucket}/k`, { 'x-amz-checksum-crc32': crc.toString('base64'), 'content-md5': md5(body).toString('base64') }, body)).status).toBe(
      200,
    );
  });

  it('decodes an aws-chunked body with a trailing checksum, as the SDKs stream one', async () => {
    const data = bytesOf(100_000, 7);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(data));
    const framed = Buffer.concat([
      Buffer.from('10000\r\n'),
      data.subarray(0, 0x10000),
      Buffer.from(`\r\n${(data.length - 0x10000).toString(16)}\r\n`),
      data.subarray(0x10000),
      Buffer.from(`\r\n0\r\nx-amz-checksum-crc32:${crc.toString('base64')}\r\n\r\n`),
    ]);
    const headers = {
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': data.length,
      'x-amz-trailer': 'x-amz-checksum-crc32',
    };
    const put = await rawPut(`/${bucket}/chunked`, headers, framed);
    expect([put.status, put.etag]).toEqual([200, `"${md5(data).toString('hex')}"`]);
    expect((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'chunked' }))).ContentLength).toBe(data.length);
  });
});

describe('AwsChunkedDecoder', () => {
  it('yields the payload and the trailers whatever the boundaries of the bytes fed', () => {
    const framed = Buffer.from('5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n0;chunk-signature=0\r\nx-amz-checksum-sha256:xyz\r\n\r\n');
    for (const step of [1, 2, 7, framed.length]) {
      const decoder = new AwsChunkedDecoder();
      const out: Buffer[] = [];
      for (let at = 0; at < framed.length; at += step) decoder.feed(framed.subarray(at, at + step), (chunk) => out.push(Buffer.from(chunk)));
      expect([Buffer.concat(out).toString(), decoder.trailers, decoder.finished]).toEqual(['hello world', { 'x-amz-checksum-sha256': 'xyz' }, true]);
    }
  });

  it('rejects a malformed size line', () => {
    expect(() => new AwsChunkedDecoder().feed(Buffer.from('zz\r\n'), () => undefined)).toThrow(/Malformed aws-chunked size line/);
  });
});
