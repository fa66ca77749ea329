/**
 * A fast S3-compatible sink for benchmarks: it takes what the packager (AWS SDK v3, path-style)
 * and the AWS CLI upload, answers with S3's XML shapes, errors and ETag rules, and keeps only
 * the size and MD5 of large bodies (bodies up to `keepBytes`, 1 MiB by default, are kept so that
 * small objects read back). Signatures are not verified; Content-MD5 and the CRC32, SHA-1 and
 * SHA-256 checksums (headers or aws-chunked trailers) are.
 *
 *   tsx scripts/bench/s3-sink.ts [--port N]     prints `READY {"endpoint": ...}`, exits when stdin ends
 *
 * Operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation,
 * ListObjectsV2, DeleteObjects, ListMultipartUploads, PutObject, HeadObject, GetObject (kept
 * bodies), DeleteObject, CreateMultipartUpload, UploadPart, ListParts,
 * CompleteMultipartUpload, AbortMultipartUpload. Anything else answers 501 NotImplemented.
 * API reference: https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
 */
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

const MiB = 1024 * 1024;
/** S3's smallest part, but for the last one. */
const minPartBytes = 5 * MiB;
const maxPartNumber = 10_000;
const xmlHeader = '<?xml version="1.0" encoding="UTF-8"?>\n';
const s3Namespace = 'http://s3.amazonaws.com/doc/2006-03-01/';

export interface S3SinkOptions {
  /** Bodies up to this size are kept in memory (GetObject answers them). Default 1 MiB. */
  keepBytes?: number;
}

interface StoredObject {
  size: number;
  etag: string;
  lastModified: Date;
  contentType: string;
  metadata: Record<string, string>;
  checksums: Record<string, string>;
  body?: Buffer;
}

interface Part {
  size: number;
  md5: Buffer;
  etag: string;
  lastModified: Date;
  checksums: Record<string, string>;
}

interface Upload {
  key: string;
  initiated: Date;
  contentType: string;
  metadata: Record<string, string>;
  parts: Map<number, Part>;
}

interface Bucket {
  created: Date;
  objects: Map<string, StoredObject>;
  uploads: Map<string, Upload>;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Request bodies: aws-chunked decoding, MD5 and the checksums S3 verifies
// ---------------------------------------------------------------------------------------------

/** The checksums this sink can verify; others (CRC32C, CRC64NVME) are recorded as sent. */
const verifiable = ['crc32', 'sha1', 'sha256'] as const;
type Verifiable = (typeof verifiable)[number];

interface Digest {
  update(chunk: Buffer): void;
  /** Base64, as S3's x-amz-checksum-* headers carry it. */
  base64(): string;
}

function digestFor(algorithm: Verifiable): Digest {
  if (algorithm === 'crc32') {
    let value = 0;
    return {
      update: (chunk) => (value = crc32(chunk, value)),
      base64: () => {
        const out = Buffer.alloc(4);
        out.writeUInt32BE(value >>> 0);
        return out.toString('base64');
      },
    };
  }
  const hash: Hash = createHash(algorithm);
  return { update: (chunk) => hash.update(chunk), base64: () => hash.digest('base64') };
}

/**
 * Decodes `Content-Encoding: aws-chunked` bodies as they arrive: `<hex size>[;chunk-signature=...]\r\n<data>\r\n`
 * repeated, a zero-size chunk, then trailer lines (`x-amz-checksum-crc32:...`) and an empty line.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 */
export class AwsChunkedDecoder {
  private state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';
  private line = '';
  private left = 0;
  readonly trailers: Record<string, string> = {};

  /** Feeds raw bytes; calls `onData` with the decoded payload in them. */
  feed(input: Buffer, onData: (chunk: Buffer) => void): void {
    let at = 0;
    while (at < input.length) {
      if (this.state === 'data') {
        const take = Math.min(this.left, input.length - at);
        onData(input.subarray(at, at + take));
        at += take;
        this.left -= take;
        if (this.left === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'done') throw new S3Error(400, 'IncompleteBody', 'Bytes after the end of the aws-chunked body.');
      const newline = input.indexOf(0x0a, at);
      const end = newline === -1 ? input.length : newline + 1;
      this.line += input.toString('latin1', at, end);
      at = end;
      if (newline === -1) {
        if (this.line.length > 8192) throw new S3Error(400, 'InvalidRequest', 'An aws-chunked line is too long.');
        continue;
      }
      const line = this.line.replace(/\r?\n$/, '');
      this.line = '';
      this.takeLine(line);
    }
  }

  get finished(): boolean {
    return this.state === 'done';
  }

  private takeLine(line: string): void {
    if (this.state === 'data-end') {
      if (line !== '') throw new S3Error(400, 'InvalidRequest', 'An aws-chunked chunk does not end with CRLF.');
      this.state = 'size';
    } else if (this.state === 'size') {
      const size = /^([0-9a-fA-F]+)(;.*)?$/.exec(line)?.[1];
      if (size === undefined) throw new S3Error(400, 'InvalidRequest', `Malformed aws-chunked size line ${JSON.stringify(line.slice(0, 40))}.`);
      this.left = parseInt(size, 16);
      this.state = this.left === 0 ? 'trailer' : 'data';
    } else if (this.state === 'trailer') {
      if (line === '') {
        this.state = 'done';
        return;
      }
      const colon = line.indexOf(':');
      if (colon > 0) this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
}

interface ReceivedBody {
  size: number;
  md5: Buffer;
  /** The x-amz-checksum-* values sent (headers or trailers), by algorithm. */
  checksums: Record<string, string>;
  body?: Buffer;
}

const isAwsChunked = (req: IncomingMessage) =>
  /(^|,)\s*aws-chunked\s*(,|$)/i.test(req.headers['content-encoding'] ?? '') || /^STREAMING-/.test(String(req.headers['x-amz-content-sha256'] ?? ''));

/** The algorithms whose checksum comes with the request: in a header, or announced in x-amz-trailer. */
function announcedChecksums(req: IncomingMessage): string[] {
  const named = Object.keys(req.headers)
    .map((name) => /^x-amz-checksum-(.+)$/.exec(name)?.[1])
    .filter((a): a is string => a !== undefined && a !== 'algorithm' && a !== 'type');
  const trailer = String(req.headers['x-amz-trailer'] ?? '')
    .split(',')
    .map((name) => /^x-amz-checksum-(.+)$/.exec(name.trim().toLowerCase())?.[1])
    .filter((a): a is string => a !== undefined);
  return [...new Set([...named, ...trailer])];
}

/** Reads a request body: MD5 of every byte, the announced checksums verified, the bytes kept if small. */
async function receiveBody(req: IncomingMessage, keepBytes: number): Promise<ReceivedBody> {
  const md5 = createHash('md5');
  const algorithms = announcedChecksums(req);
  const digests = new Map(algorithms.filter((a): a is Verifiable => (verifiable as readonly string[]).includes(a)).map((a) => [a, digestFor(a)]));
  const kept: Buffer[] = [];
  let size = 0;
  const take = (chunk: Buffer) => {
    md5.update(chunk);
    for (const digest of digests.values()) digest.update(chunk);
    size += chunk.length;
    if (size <= keepBytes) kept.push(chunk);
  };
  const decoder = isAwsChunked(req) ? new AwsChunkedDecoder() : undefined;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (decoder) decoder.feed(chunk, take);
    else take(chunk);
  }
  if (decoder && !decoder.finished) throw new S3Error(400, 'IncompleteBody', 'The aws-chunked body ended before its last chunk.');
  const decodedLength = String(req.headers['x-amz-decoded-content-length'] ?? '');
  if (decoder && decodedLength !== '' && Number(decodedLength) !== size) {
    throw new S3Error(400, 'IncompleteBody', `x-amz-decoded-content-length is ${decodedLength} but the body has ${size} bytes.`);
  }
  const digest = md5.digest();
  const contentMd5 = req.headers['content-md5'];
  if (contentMd5 !== undefined && contentMd5 !== digest.toString('base64'))
    throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
  const checksums: Record<string, string> = {};
  for (const algorithm of algorithms) {
    const name = `x-amz-checksum-${algorithm}`;
    const sent = decoder?.trailers[name] ?? req.headers[name];
    if (typeof sent !== 'string') throw new S3Error(400, 'InvalidRequest', `${name} was announced but not sent.`);
    const computed = digests.get(algorithm as Verifiable)?.base64();
    if (computed !== undefined && computed !== sent) {
      throw new S3Error(400, 'BadDigest', `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`);
    }
    checksums[algorithm] = sent;
  }
  return { size, md5: digest, checksums, ...(size <= keepBytes ? { body: Buffer.concat(kept) } : {}) };
}

async function receiveSmall(req: IncomingMessage): Promise<string> {
  const received = await receiveBody(req, MiB);
  if (received.body === undefined) throw new S3Error(400, 'MaxMessageLengthExceeded', 'The request body is too large.');
  return received.body.toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');

type XmlValue = string | number | boolean | Date | XmlNode | XmlNode[] | undefined;
interface XmlNode {
  [element: string]: XmlValue;
}

function xml(node: XmlNode): string {
  return Object.entries(node)
    .map(([name, value]) => {
      if (value === undefined) return '';
      if (Array.isArray(value)) return value.map((item) => `<${name}>${xml(item)}</${name}>`).join('');
      if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
      if (typeof value === 'object') return `<${name}>${xml(value)}</${name}>`;
      return `<${name}>${escapeXml(String(value))}</${name}>`;
    })
    .join('');
}

function document(root: string, node: XmlNode): string {
  return `${xmlHeader}<${root} xmlns="${s3Namespace}">${xml(node)}</${root}>`;
}

/** The text of every `<name>` element in a (small, flat) XML body. */
const elements = (body: string, name: string) => [...body.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1]!);

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

const quote = (hex: string) => `"${hex}"`;
const unquote = (etag: string) =>
  etag
    .trim()
    .replace(/^"|"$/g, '')
    .replace(/^&quot;|&quot;$/g, '');

/** The multipart ETag: MD5 of the parts' binary MD5s, then `-` and the part count. */
export function multipartEtag(partMd5s: readonly Buffer[]): string {
  return quote(`${createHash('md5').update(Buffer.concat(partMd5s)).digest('hex')}-${partMd5s.length}`);
}

function userMetadata(req: IncomingMessage): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice('x-amz-meta-'.length)] = value;
  }
  return metadata;
}

const checksumHeaders = (checksums: Record<string, string>) => Object.fromEntries(Object.entries(checksums).map(([a, v]) => [`x-amz-checksum-${a}`, v]));

/** Keys in ListObjectsV2 with encoding-type=url: percent-encoded, `/` kept (as S3 does). */
const urlEncodeKey = (key: string) => encodeURIComponent(key).replace(/%2F/g, '/');

/** A sink's state and request handling; `handle` is the server's request listener. */
export class S3SinkState {
  readonly buckets = new Map<string, Bucket>();
  private requestCount = 0;
  private readonly keepBytes: number;

  constructor(options: S3SinkOptions = {}) {
    this.keepBytes = options.keepBytes ?? MiB;
  }

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = `sink-${++this.requestCount}`;
    res.setHeader('x-amz-request-id', requestId);
    res.setHeader('server', 'modelplane-bench-sink');
    this.route(req, res).catch((error: unknown) => {
      const known = error instanceof S3Error ? error : new S3Error(500, 'InternalError', error instanceof Error ? error.message : String(error));
      // Whatever of the body is left is read and dropped, so that the client sees the answer.
      req.resume();
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (req.method === 'HEAD') {
        res.writeHead(known.status).end();
        return;
      }
      const path = new URL(req.url ?? '/', 'http://sink').pathname;
      res.writeHead(known.status, { 'content-type': 'application/xml' });
      res.end(`${xmlHeader}<Error>${xml({ Code: known.code, Message: known.message, Resource: path, RequestId: requestId })}</Error>`);
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sink');
    const [, bucketName = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const q = url.searchParams;
    // The SDK adds `x-id=<Operation>` to some requests; S3 ignores it.
    const noSubresource = [...q.keys()].every((name) => name === 'x-id');
    const method = req.method ?? 'GET';
    if (bucketName === '') {
      if (method === 'GET') return this.listBuckets(res);
      throw notImplemented(method, url);
    }
    const name = decodeURIComponent(bucketName);
    if (key === '') {
      if (method === 'PUT' && noSubresource) return this.createBucket(req, res, name);
      const bucket = this.bucket(name);
      if (method === 'HEAD') return void res.writeHead(200, { 'x-amz-bucket-region': 'us-east-1' }).end();
      if (method === 'DELETE') return this.deleteBucket(res, name, bucket);
      if (method === 'GET' && q.has('location')) return send(res, 200, document('LocationConstraint', {}));
      if (method === 'GET' && q.get('list-type') === '2') return this.listObjectsV2(res, name, bucket, q);
      if (method === 'GET' && q.has('uploads')) return this.listUploads(res, name, bucket, q);
      if (method === 'POST' && q.has('delete')) return this.deleteObjects(req, res, bucket);
      throw notImplemented(method, url);
    }
    const bucket = this.bucket(name);
    if (req.headers['x-amz-copy-source'] !== undefined) throw notImplemented(method, url);
    const uploadId = q.get('uploadId');
    if (method === 'POST' && q.has('uploads')) return this.createUpload(req, res, name, key, bucket);
    if (uploadId !== null) {
      const upload = bucket.uploads.get(uploadId);
      if (!upload || upload.key !== key) {
        throw new S3Error(
          404,
          'NoSuchUpload',
          'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
        );
      }
      if (method === 'PUT' && q.has('partNumber')) return this.uploadPart(req, res, upload, q.get('partNumber')!);
      if (method === 'POST') return this.completeUpload(req, res, name, key, bucket, uploadId, upload);
      if (method === 'DELETE') {
        bucket.uploads.delete(uploadId);
        return void res.writeHead(204).end();
      }
      if (method === 'GET') return this.listParts(res, name, key, uploadId, upload, q);
      throw notImplemented(method, url);
    }
    if (method === 'PUT' && noSubresource) return this.putObject(req, res, key, bucket);
    if (method === 'HEAD' || method === 'GET') return this.getObject(req, res, key, bucket);
    if (method === 'DELETE') {
      bucket.objects.delete(key);
      return void res.writeHead(204).end();
    }
    throw notImplemented(method, url);
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    return bucket;
  }

  private listBuckets(res: ServerResponse): void {
    const buckets = [...this.buckets].map(([name, b]) => ({ Name: name, CreationDate: b.created }));
    send(res, 200, document('ListAllMyBucketsResult', { Owner: { ID: 'sink', DisplayName: 'sink' }, Buckets: { Bucket: buckets } }));
  }

  private async createBucket(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    await receiveSmall(req);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) throw new S3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.');
    if (this.buckets.has(name))
      throw new S3Error(409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.');
    this.buckets.set(name, { created: new Date(), objects: new Map(), uploads: new Map() });
    res.writeHead(200, { location: `/${name}` }).end();
  }

  private deleteBucket(res: ServerResponse, name: string, bucket: Bucket): void {
    if (bucket.objects.size > 0 || bucket.uploads.size > 0) throw new S3Error(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty');
    this.buckets.delete(name);
    res.writeHead(204).end();
  }

  private listObjectsV2(res: ServerResponse, name: string, bucket: Bucket, q: URLSearchParams): void {
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const maxKeys = Math.min(1000, Number(q.get('max-keys') ?? 1000));
    const after = q.get('continuation-token') ?? q.get('start-after') ?? '';
    const encode = q.get('encoding-type') === 'url' ? urlEncodeKey : (key: string) => key;
    const keys = [...bucket.objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const contents: XmlNode[] = [];
    const prefixes = new Set<string>();
    let last: string | undefined;
    let truncated = false;
    for (const key of keys) {
      if (contents.length + prefixes.size >= maxKeys) {
        truncated = true;
        break;
      }
      const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
      if (cut >= 0) {
        const common = key.slice(0, cut + delimiter.length);
        if (!prefixes.has(common)) prefixes.add(common);
      } else {
        const object = bucket.objects.get(key)!;
        contents.push({ Key: encode(key), LastModified: object.lastModified, ETag: object.etag, Size: object.size, StorageClass: 'STANDARD' });
      }
      last = key;
    }
    send(
      res,
      200,
      document('ListBucketResult', {
        Name: name,
        Prefix: encode(prefix),
        ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
        MaxKeys: maxKeys,
        ...(q.get('encoding-type') === 'url' ? { EncodingType: 'url' } : {}),
        KeyCount: contents.length + prefixes.size,
        IsTruncated: truncated,
        ...(q.has('continuation-token') ? { ContinuationToken: q.get('continuation-token')! } : {}),
        ...(truncated && last !== undefined ? { NextContinuationToken: last } : {}),
        Contents: contents,
        CommonPrefixes: [...prefixes].map((p) => ({ Prefix: encode(p) })),
      }),
    );
  }

  private listUploads(res: ServerResponse, name: string, bucket: Bucket, q: URLSearchParams): void {
    const prefix = q.get('prefix') ?? '';
    const uploads = [...bucket.uploads]
      .filter(([, u]) => u.key.startsWith(prefix))
      .sort(([, a], [, b]) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(([id, u]) => ({ Key: u.key, UploadId: id, Initiated: u.initiated, StorageClass: 'STANDARD' }));
    send(res, 200, document('ListMultipartUploadsResult', { Bucket: name, Prefix: prefix, MaxUploads: 1000, IsTruncated: false, Upload: uploads }));
  }

  private async deleteObjects(req: IncomingMessage, res: ServerResponse, bucket: Bucket): Promise<void> {
    const body = await receiveSmall(req);
    const keys = elements(body, 'Key').map(unescapeXml);
    if (keys.length === 0 || keys.length > 1000)
      throw new S3Error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    const quiet = elements(body, 'Quiet')[0]?.trim() === 'true';
    for (const key of keys) bucket.objects.delete(key);
    send(res, 200, document('DeleteResult', { Deleted: quiet ? [] : keys.map((k) => ({ Key: k })) }));
  }

  private async putObject(req: IncomingMessage, res: ServerResponse, key: string, bucket: Bucket): Promise<void> {
    const received = await receiveBody(req, this.keepBytes);
    const etag = quote(received.md5.toString('hex'));
    bucket.objects.set(key, {
      size: received.size,
      etag,
      lastModified: new Date(),
      contentType: req.headers['content-type'] ?? 'binary/octet-stream',
      metadata: userMetadata(req),
      checksums: received.checksums,
      ...(received.body ? { body: received.body } : {}),
    });
    res.writeHead(200, { etag, ...checksumHeaders(received.checksums) }).end();
  }

  private getObject(req: IncomingMessage, res: ServerResponse, key: string, bucket: Bucket): void {
    const object = bucket.objects.get(key);
    if (!object) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    const headers: Record<string, string | number> = {
      'content-type': object.contentType,
      'content-length': object.size,
      etag: object.etag,
      'last-modified': object.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
      ...Object.fromEntries(Object.entries(object.metadata).map(([n, v]) => [`x-amz-meta-${n}`, v])),
    };
    if (req.method === 'HEAD') return void res.writeHead(200, headers).end();
    if (object.body === undefined) {
      throw new S3Error(501, 'NotImplemented', `The sink kept only the size and MD5 of ${key} (${object.size} bytes), not its bytes.`);
    }
    res.writeHead(200, headers).end(object.body);
  }

  private createUpload(req: IncomingMessage, res: ServerResponse, name: string, key: string, bucket: Bucket): void {
    req.resume();
    const uploadId = randomUUID();
    bucket.uploads.set(uploadId, {
      key,
      initiated: new Date(),
      contentType: req.headers['content-type'] ?? 'binary/octet-stream',
      metadata: userMetadata(req),
      parts: new Map(),
    });
    send(res, 200, document('InitiateMultipartUploadResult', { Bucket: name, Key: key, UploadId: uploadId }));
  }

  private async uploadPart(req: IncomingMessage, res: ServerResponse, upload: Upload, partNumberText: string): Promise<void> {
    const partNumber = Number(partNumberText);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > maxPartNumber) {
      throw new S3Error(400, 'InvalidArgument', `Part number must be an integer between 1 and ${maxPartNumber}, inclusive`);
    }
    const received = await receiveBody(req, 0);
    const etag = quote(received.md5.toString('hex'));
    upload.parts.set(partNumber, { size: received.size, md5: received.md5, etag, lastModified: new Date(), checksums: received.checksums });
    res.writeHead(200, { etag, ...checksumHeaders(received.checksums) }).end();
  }

  private listParts(res: ServerResponse, name: string, key: string, uploadId: string, upload: Upload, q: URLSearchParams): void {
    const marker = Number(q.get('part-number-marker') ?? 0);
    const maxParts = Math.min(1000, Number(q.get('max-parts') ?? 1000));
    const numbers = [...upload.parts.keys()].filter((n) => n > marker).sort((a, b) => a - b);
    const page = numbers.slice(0, maxParts);
    const truncated = numbers.length > page.length;
    send(
      res,
      200,
      document('ListPartsResult', {
        Bucket: name,
        Key: key,
        UploadId: uploadId,
        PartNumberMarker: marker,
        ...(page.length ? { NextPartNumberMarker: page[page.length - 1]! } : {}),
        MaxParts: maxParts,
        IsTruncated: truncated,
        StorageClass: 'STANDARD',
        Part: page.map((n) => {
          const part = upload.parts.get(n)!;
          return { PartNumber: n, LastModified: part.lastModified, ETag: part.etag, Size: part.size };
        }),
      }),
    );
  }

  /** Checks the listed parts as S3 does, then records the object with the multipart ETag. */
  private async completeUpload(
    req: IncomingMessage,
    res: ServerResponse,
    name: string,
    key: string,
    bucket: Bucket,
    uploadId: string,
    upload: Upload,
  ): Promise<void> {
    const body = await receiveSmall(req);
    const listed = elements(body, 'Part').map((part) => ({
      number: Number(elements(part, 'PartNumber')[0]),
      etag: unescapeXml(elements(part, 'ETag')[0] ?? ''),
    }));
    if (listed.length === 0)
      throw new S3Error(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    const parts: Part[] = [];
    listed.forEach((entry, i) => {
      if (i > 0 && entry.number <= listed[i - 1]!.number)
        throw new S3Error(400, 'InvalidPartOrder', 'The list of parts was not in ascending order. The parts list must be specified in order by part number.');
      const part = upload.parts.get(entry.number);
      if (!part || unquote(part.etag) !== unquote(entry.etag)) {
        throw new S3Error(
          400,
          'InvalidPart',
          "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        );
      }
      parts.push(part);
    });
    parts.slice(0, -1).forEach((part) => {
      if (part.size < minPartBytes) throw new S3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.');
    });
    const etag = multipartEtag(parts.map((p) => p.md5));
    bucket.objects.set(key, {
      size: parts.reduce((sum, p) => sum + p.size, 0),
      etag,
      lastModified: new Date(),
      contentType: upload.contentType,
      metadata: upload.metadata,
      checksums: {},
    });
    bucket.uploads.delete(uploadId);
    send(res, 200, document('CompleteMultipartUploadResult', { Location: `/${name}/${key}`, Bucket: name, Key: key, ETag: etag }));
  }
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body);
}

function notImplemented(method: string, url: URL): S3Error {
  return new S3Error(501, 'NotImplemented', `The sink does not implement ${method} ${url.pathname}${url.search}.`);
}

export interface S3Sink {
  endpoint: string;
  state: S3SinkState;
  server: Server;
  close(): Promise<void>;
}

/** Starts a sink on 127.0.0.1 (a free port unless given). */
export async function startS3Sink(options: S3SinkOptions & { port?: number } = {}): Promise<S3Sink> {
  const state = new S3SinkState(options);
  const server = createServer({ keepAliveTimeout: 60_000, requestTimeout: 0 }, state.handle);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    state,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const portIndex = process.argv.indexOf('--port');
  const sink = await startS3Sink(portIndex > 0 ? { port: Number(process.argv[portIndex + 1]) } : {});
  process.stdout.write(`READY ${JSON.stringify({ endpoint: sink.endpoint })}\n`);
  // Exit with the parent.
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}
