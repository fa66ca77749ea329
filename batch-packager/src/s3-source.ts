import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { isArchiveKey, parseSourceUri } from '../../core/source-buckets.js';
import { PackagingError } from './errors.js';
import type { HubFile, HubRevision, HubSource } from './ports.js';
import { S3ArchiveSource } from './s3-archive-source.js';

/** The S3 source a URI names: an archive (`model.tar.gz`, read entry by entry) or a prefix of files. */
export function s3Source(client: S3Client, uri: string): S3ModelSource | S3ArchiveSource {
  return isArchiveKey(parseSourceUri(uri).key) ? new S3ArchiveSource(client, uri) : new S3ModelSource(client, uri);
}

/** `s3://bucket/prefix/` as bucket and prefix. */
export function parseS3Prefix(uri: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match) throw new PackagingError('InvalidModel', `${uri} is not an s3:// prefix.`);
  const prefix = match[2] ?? '';
  return { bucket: match[1] ?? '', prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/` };
}

/** The name a model from S3 goes under in the artifact bucket (in place of a Hub id): `s3/{bucket}/{prefix or archive key}`. */
export function s3ModelId(uri: string): string {
  const { bucket, key } = parseSourceUri(uri);
  const path = isArchiveKey(key) ? key : parseS3Prefix(uri).prefix;
  return `s3/${bucket}/${path.replace(/\/$/, '')}`.replace(/[^A-Za-z0-9._/-]+/g, '-');
}

/**
 * A fine-tuned model in S3, read the way the Hub is: the "revision" is a digest of the
 * listing (keys, sizes, ETags), and every read is pinned to the ETag listed, so a prefix that
 * changes while the job runs fails instead of mixing versions. Weights written by our own
 * packager carry their sha256 (`x-amz-meta-sha256`) and are verified against it.
 */
export class S3ModelSource implements HubSource {
  private readonly etags = new Map<string, string>();

  constructor(
    private readonly client: S3Client,
    private readonly uri: string,
  ) {}

  private location() {
    return parseS3Prefix(this.uri);
  }

  async resolveRevision(modelId: string, revision: string): Promise<HubRevision> {
    const files = await this.list();
    if (files.length === 0) throw new PackagingError('ModelNotFound', `${this.uri} holds no objects.`);
    const digest = createHash('sha256');
    for (const file of files.sort((a, b) => a.path.localeCompare(b.path))) digest.update(`${file.path}\t${file.size}\t${file.etag}\n`);
    return { modelId, revision, sha: digest.digest('hex').slice(0, 40) };
  }

  private async list(): Promise<(HubFile & { etag: string })[]> {
    const { bucket, prefix } = this.location();
    const files: (HubFile & { etag: string })[] = [];
    try {
      for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: bucket, Prefix: prefix })) {
        for (const object of page.Contents ?? []) {
          if (!object.Key || object.Key.endsWith('/')) continue;
          const path = object.Key.slice(prefix.length);
          this.etags.set(path, object.ETag ?? '');
          files.push({ path, size: object.Size ?? 0, etag: object.ETag ?? '' });
        }
      }
    } catch (error) {
      if (error instanceof Error && (error.name === 'NoSuchBucket' || error.name === 'AccessDenied')) {
        throw new PackagingError('ModelNotFound', `${this.uri} cannot be read (${error.name}); the packaging job's role must be allowed to read it.`, {
          cause: error,
        });
      }
      throw error;
    }
    return files;
  }

  async listFiles(): Promise<HubFile[]> {
    const { bucket, prefix } = this.location();
    const files = await this.list();
    return Promise.all(
      files.map(async ({ path, size }) => {
        if (!/\.(safetensors|bin|pt|pth|gguf)$/.test(path)) return { path, size };
        const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: `${prefix}${path}` }));
        const sha256 = head.Metadata?.sha256;
        return sha256 ? { path, size, sha256 } : { path, size };
      }),
    );
  }

  async download(_modelId: string, _sha: string, path: string, offset: number, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const { bucket, prefix } = this.location();
    const etag = this.etags.get(path);
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: `${prefix}${path}`,
          ...(offset > 0 ? { Range: `bytes=${offset}-` } : {}),
          ...(etag ? { IfMatch: etag } : {}),
        }),
        signal ? { abortSignal: signal } : {},
      );
      return object.Body as AsyncIterable<Uint8Array>;
    } catch (error) {
      if (error instanceof Error && error.name === 'PreconditionFailed') {
        throw new PackagingError('InvalidModel', `${path} changed in ${this.uri} while the job ran; submit again.`, { cause: error });
      }
      throw new PackagingError('DownloadFailed', `Reading ${path} from ${this.uri} failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
        retryable: true,
      });
    }
  }
}
