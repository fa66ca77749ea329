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

/** The format caps the header at 100 MB (https://huggingface.co/docs/safetensors). */
const maxHeaderBytes = 100_000_000;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * The number of elements of every tensor in a safetensors header, or why the header is not
 * one: each tensor needs a shape of non-negative integers and data offsets inside the file's
 * `dataBytes`, and the count must stay a safe integer (a shape such as [2^40, 2^40] would make
 * it Infinity or lose digits).
 */
export function countParameters(header: unknown, dataBytes: number): { parameters: number } | { problem: string } {
  if (header === null || typeof header !== 'object' || Array.isArray(header)) return { problem: 'its header is not a JSON object' };
  let total = 0;
  for (const [name, tensor] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { shape, data_offsets: offsets } = (tensor ?? {}) as { shape?: unknown; data_offsets?: unknown };
    if (!Array.isArray(shape) || !shape.every(isCount)) return { problem: `tensor ${name} has no shape of non-negative integers` };
    const elements = shape.reduce((product: number, dim: number) => product * dim, 1);
    if (!Number.isSafeInteger(elements)) return { problem: `tensor ${name} has a shape too large to be real (${shape.join(' x ')})` };
    const [begin, end] = Array.isArray(offsets) && offsets.length === 2 ? (offsets as unknown[]) : [];
    if (!isCount(begin) || !isCount(end) || begin > end) return { problem: `tensor ${name} has no data_offsets [begin, end]` };
    if (end > dataBytes) return { problem: `tensor ${name} ends at byte ${end} of the data, but the file holds ${dataBytes}: it is truncated` };
    total += elements;
    if (!Number.isSafeInteger(total)) return { problem: 'its tensors hold more elements than any model has' };
  }
  return { parameters: total };
}

/** Reads what an artifact prefix in S3 holds: weight bytes, config.json, parameter count. */
export class S3ArtifactInspector implements ArtifactInspector {
  constructor(private readonly client: S3Client) {}

  private async range(bucket: string, key: string, start: number, end: number): Promise<Buffer> {
    const result = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end}` }));
    return Buffer.from(await result.Body!.transformToByteArray());
  }

  /**
   * The parameter count over the safetensors files, reading each one's header. A file that is
   * not safetensors (empty, truncated, a bad header) is the caller's mistake: a 400 naming the
   * file and what is wrong with it, never a 500.
   */
  private async safetensorsParameters(bucket: string, prefix: string, files: readonly { key: string; size: number }[]): Promise<number | undefined> {
    if (files.length === 0 || files.length > maxHeaderReads) return undefined;
    let total = 0;
    for (const { key, size } of files) {
      const bad = (why: string) =>
        new ValidationError([{ path: '/body/modelDataUri', message: `has ${key.slice(prefix.length)}, which is not a valid safetensors file: ${why}` }]);
      // The file starts with the header's length (u64, little-endian), then the JSON header, then the data.
      if (size < 8) throw bad(`it is ${size} bytes long, too short to hold even the 8-byte header length`);
      const length = (await this.range(bucket, key, 0, 7)).readBigUInt64LE(0);
      if (length === 0n || length > BigInt(maxHeaderBytes)) throw bad(`its header length is ${length} bytes; it must be 1 to ${maxHeaderBytes}`);
      if (8n + length > BigInt(size)) throw bad(`its header length is ${length} bytes, but the file is only ${size} bytes long`);
      let header: unknown;
      try {
        header = JSON.parse((await this.range(bucket, key, 8, 8 + Number(length) - 1)).toString('utf8'));
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        throw bad('its header is not valid JSON');
      }
      const counted = countParameters(header, size - 8 - Number(length));
      if ('problem' in counted) throw bad(counted.problem);
      total += counted.parameters;
    }
    if (!Number.isSafeInteger(total))
      throw new ValidationError([{ path: '/body/modelDataUri', message: 'has safetensors files that hold more elements than any model has' }]);
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
      throw new ValidationError([
        { path: '/body/modelDataUri', message: `has no objects under it: upload the weights first, or package them with a packaging job` },
      ]);
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
    const safetensors = weights.filter((o) => o.key.endsWith('.safetensors'));
    const parameters = await this.safetensorsParameters(bucket, prefix, safetensors);
    return {
      weightBytes: counted.reduce((sum, o) => sum + o.size, 0),
      fileCount: objects.length,
      ...(config ? { config } : {}),
      ...(parameters ? { parameters } : {}),
    };
  }
}
