import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand, type S3Client } from '@aws-sdk/client-s3';
import type { NewObject, ObjectLocation, ObjectStore } from './ports.js';

/** ObjectStore over S3: each method is one SDK command. */
export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3Client) {}

  async putObject(object: NewObject & { body: Uint8Array }, signal?: AbortSignal): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: object.bucket, Key: object.key, Body: object.body, ContentLength: object.body.length, ContentType: object.contentType, Metadata: object.metadata }),
      { abortSignal: signal },
    );
  }

  async createMultipartUpload(object: NewObject): Promise<string> {
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: object.bucket, Key: object.key, ContentType: object.contentType, Metadata: object.metadata }));
    if (!UploadId) throw new Error(`CreateMultipartUpload for ${object.key} returned no UploadId`);
    return UploadId;
  }

  async uploadPart(part: ObjectLocation & { uploadId: string; partNumber: number; body: Uint8Array }, signal?: AbortSignal): Promise<string> {
    const { ETag } = await this.client.send(
      new UploadPartCommand({ Bucket: part.bucket, Key: part.key, UploadId: part.uploadId, PartNumber: part.partNumber, Body: part.body, ContentLength: part.body.length }),
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
