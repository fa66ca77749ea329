import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackagerS3Client } from '../../batch-packager/src/s3-object-store.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An HTTP server that records each request and answers as S3 would, just enough for the client. */
async function recordingServer(): Promise<{ server: Server; endpoint: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      if (req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end('<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>u-1</UploadId></InitiateMultipartUploadResult>');
      } else {
        res.writeHead(200, { etag: '"e"' });
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('createPackagerS3Client', () => {
  let fixture: Awaited<ReturnType<typeof recordingServer>>;
  beforeAll(async () => {
    fixture = await recordingServer();
  });
  afterAll(() => {
    fixture.server.close();
  });

  const client = () =>
    createPackagerS3Client(fixture.endpoint, { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });

  it('sends parts as UNSIGNED-PAYLOAD, with a signed CRC32 of the body instead of a second SHA-256', async () => {
    const body = Buffer.from('weights '.repeat(1024));
    await client().send(
      new UploadPartCommand({ Bucket: 'bucket-a', Key: 'm/model.safetensors', UploadId: 'u-1', PartNumber: 3, Body: body, ContentLength: body.length }),
    );

    const part = fixture.received.at(-1)!;
    // Path style on a custom endpoint: the emulator serves no virtual-hosted buckets.
    expect(part.url.startsWith('/bucket-a/m/model.safetensors?')).toBe(true);
    expect(part.body.equals(body)).toBe(true);
    expect(part.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    const expectedCrc = Buffer.alloc(4);
    expectedCrc.writeUInt32BE(crc32(body));
    expect(part.headers['x-amz-checksum-crc32']).toBe(expectedCrc.toString('base64'));
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(part.headers.authorization ?? '')?.[1]?.split(';');
    expect(signedHeaders).toEqual(expect.arrayContaining(['x-amz-checksum-crc32', 'x-amz-content-sha256']));
  });

  it('signs the payload as usual when the client sends no checksum of it', async () => {
    const body = Buffer.from('weights '.repeat(1024));
    const unchecked = createPackagerS3Client(fixture.endpoint, {
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    await unchecked.send(
      new UploadPartCommand({ Bucket: 'bucket-a', Key: 'm/model.safetensors', UploadId: 'u-1', PartNumber: 4, Body: body, ContentLength: body.length }),
    );

    const part = fixture.received.at(-1)!;
    expect(part.headers['x-amz-checksum-crc32']).toBeUndefined();
    expect(part.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
  });

  it('leaves requests without weight bytes signed as usual', async () => {
    await client().send(new CreateMultipartUploadCommand({ Bucket: 'bucket-a', Key: 'm/model.safetensors' }));

    const create = fixture.received.at(-1)!;
    expect(create.method).toBe('POST');
    // The SHA-256 of the empty body.
    expect(create.headers['x-amz-content-sha256']).toBe(createHash('sha256').update('').digest('hex'));
  });
});
