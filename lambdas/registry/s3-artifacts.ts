import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { ValidationError } from '../shared/errors.js';
import type { ArtifactInspector, ArtifactSummary } from './ports.js';

/** Files that hold weights, by format; when several formats are present the first one listed counts. */
const weightFormats: readonly RegExp[] = [/\.safetensors$/, /\.bin$/, /\.(pt|pth)$/, /\.gguf$/];

/** Reading more shard headers than this costs more than the parameter count is worth. */
const maxHeaderReads = 64;

function parseS3Uri(uri: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match) throw new ValidationError([{ path: '/body/modelDataUri', message: 'must be an s3:// URI' }]);
  return { bucket: match[1] ?? '', prefix: match[2] ?? '' };
}

/** The number of elements of every tensor in a safetensors header (https://huggingface.co/docs/safetensors). */
export function countParameters(header: Record<string, unknown>): number {
  let total = 0;
  for (const [name, tensor] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const shape = (tensor as { shape?: unknown }).shape;
    if (Array.isArray(shape)) total += shape.reduce((product: number, dim) => product * Number(dim), 1);
  }
  return total;
}

/** Reads what an artifact prefix in S3 holds: weight bytes, config.json, parameter count. */
export class S3ArtifactInspector implements ArtifactInspector {
  constructor(private readonly client: S3Client) {}

  private async range(bucket: string, key: string, start: number, end: number): Promise<Buffer> {
    const result = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end}` }));
    return Buffer.from(await result.Body!.transformToByteArray());
  }

  private async safetensorsParameters(bucket: string, keys: string[]): Promise<number | undefined> {
    if (keys.length === 0 || keys.length > maxHeaderReads) return undefined;
    let total = 0;
    for (const key of keys) {
      // The file starts with the header's length (u64, little-endian), then the JSON header.
      const length = Number((await this.range(bucket, key, 0, 7)).readBigUInt64LE(0));
      if (length <= 0 || length > 100 * 1024 * 1024) return undefined;
      const header = JSON.parse((await this.range(bucket, key, 8, 8 + length - 1)).toString('utf8')) as Record<string, unknown>;
      total += countParameters(header);
    }
    return total;
  }

  async inspect(modelDataUri: string): Promise<ArtifactSummary> {
    const { bucket, prefix } = parseS3Uri(modelDataUri);
    const objects: { key: string; size: number }[] = [];
    try {
      for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: bucket, Prefix: prefix })) {
        for (const object of page.Contents ?? []) if (object.Key) objects.push({ key: object.Key, size: object.Size ?? 0 });
      }
    } catch (error) {
      if (error instanceof Error && (error.name === 'NoSuchBucket' || error.name === 'AccessDenied')) {
        throw new ValidationError([{ path: '/body/modelDataUri', message: `cannot be read (${error.name})` }]);
      }
      throw error;
    }
    if (objects.length === 0) {
      throw new ValidationError([{ path: '/body/modelDataUri', message: `has no objects under it: upload the weights first, or package them with a packaging job` }]);
    }
    const weights = weightFormats.map((format) => objects.filter((o) => format.test(o.key))).find((files) => files.length > 0) ?? [];
    const counted = weights.length > 0 ? weights : objects;
    const configObject = objects.find((o) => o.key === `${prefix}config.json`);
    let config: ArtifactSummary['config'];
    if (configObject) {
      const result = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: configObject.key }));
      try {
        config = JSON.parse(await result.Body!.transformToString()) as ArtifactSummary['config'];
      } catch {
        throw new ValidationError([{ path: '/body/modelDataUri', message: 'has a config.json that is not valid JSON' }]);
      }
    }
    const safetensors = weights.filter((o) => o.key.endsWith('.safetensors')).map((o) => o.key);
    const parameters = await this.safetensorsParameters(bucket, safetensors);
    return {
      weightBytes: counted.reduce((sum, o) => sum + o.size, 0),
      fileCount: objects.length,
      ...(config ? { config } : {}),
      ...(parameters ? { parameters } : {}),
    };
  }
}
