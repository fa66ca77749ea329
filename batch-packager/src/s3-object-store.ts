import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type S3ClientConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-s3';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import type { NewObject, ObjectLocation, ObjectStore } from './ports.js';

/**
 * The packager's S3 client. `endpoint` is the local emulator (path-style buckets there, as it
 * cannot serve virtual-hosted ones); `overrides` is for benchmarks trying other settings.
 */
export function createPackagerS3Client(endpoint?: string, overrides: Partial<S3ClientConfig> = {}): S3Client {
  const client = new S3Client({
    forcePathStyle: endpoint !== undefined,
    ...(endpoint !== undefined ? { endpoint } : {}),
    // Without a socket timeout a stalled UploadPart would hold the job forever; the SDK retries it.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
    ...overrides,
  });
  // Between the retry loop and the signer: every attempt is signed after this ran.
  client.middlewareStack.addRelativeTo(unsignedPayload, { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: unsignedPayloadMiddleware });
  return client;
}

/** The name of the middleware below in the client's stack. */
export const unsignedPayloadMiddleware = 'modelplaneUnsignedPayload';

/** The commands that carry weight bytes. */
const bodyCommands = new Set(['UploadPartCommand', 'PutObjectCommand']);

/**
 * Sends part and object bodies as UNSIGNED-PAYLOAD instead of signing their SHA-256, when the
 * request carries a checksum of the body. The SDK would otherwise hash every byte a second time
 * (the packager already hashes each file for the Hub's checksum); the body stays covered by the
 * CRC32 the SDK adds (its header is signed, and S3 verifies it) and by TLS. The AWS CLI does the
 * same over HTTPS. Without a checksum (a client configured not to send one) the payload stays
 * signed. The signer keeps an `x-amz-content-sha256` header that is already set.
 */
const unsignedPayload: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => {
  return (args) => {
    const headers = (args.request as { headers?: Record<string, string> } | undefined)?.headers;
    const hasChecksum = headers !== undefined && Object.keys(headers).some((name) => /^x-amz-checksum-(?!algorithm$|type$)/i.test(name));
    if (context.commandName !== undefined && bodyCommands.has(context.commandName) && hasChecksum) {
      headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    }
    return next(args);
  };
};

/** ObjectStore over S3: each method is one SDK command. */
export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3Client) {}

  async putObject(object: NewObject & { body: Uint8Array }, signal?: AbortSignal): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: object.bucket,
        Key: object.key,
        Body: object.body,
        ContentLength: object.body.length,
        ContentType: object.contentType,
        Metadata: object.metadata,
      }),
      { abortSignal: signal },
    );
  }

  async createMultipartUpload(object: NewObject): Promise<string> {
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: object.bucket, Key: object.key, ContentType: object.contentType, Metadata: object.metadata }),
    );
    if (!UploadId) throw new Error(`CreateMultipartUpload for ${object.key} returned no UploadId`);
    return UploadId;
  }

  async uploadPart(part: ObjectLocation & { uploadId: string; partNumber: number; body: Uint8Array }, signal?: AbortSignal): Promise<string> {
    const { ETag } = await this.client.send(
      new UploadPartCommand({
        Bucket: part.bucket,
        Key: part.key,
        UploadId: part.uploadId,
        PartNumber: part.partNumber,
        Body: part.body,
        ContentLength: part.body.length,
      }),
      { abortSignal: signal },
    );
    if (!ETag) throw new Error(`UploadPart ${part.partNumber} of ${part.key} returned no ETag`);
    return ETag;
  }

  async completeMultipartUpload(upload: ObjectLocation & { uploadId: string; parts: readonly { partNumber: number; etag: string }[] }): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: upload.bucket,
        Key: upload.key,
        UploadId: upload.uploadId,
        MultipartUpload: { Parts: upload.parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
      }),
    );
  }

  async abortMultipartUpload(upload: ObjectLocation & { uploadId: string }): Promise<void> {
    await this.client.send(new AbortMultipartUploadCommand({ Bucket: upload.bucket, Key: upload.key, UploadId: upload.uploadId }));
  }
}
