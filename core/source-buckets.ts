/**
 * Where packaging may read weights from: the artifact bucket's `uploads/` prefix and the
 * deployment's `sourceBuckets` (a SageMaker training output bucket, say), as bucket/prefix
 * pairs. The stack grants the packaging job role read access to exactly these, and the API
 * refuses an S3 source outside them; both take the rules from here. Pure: no AWS SDK, no I/O.
 */

/** The artifact bucket's prefix for fine-tuned weights uploaded to be packaged: always a source location. */
export const artifactUploadsPrefix = 'uploads/';

/** One place packaging may read from: a whole bucket (prefix '') or a prefix ending in '/'. */
export interface SourceLocation {
  readonly bucket: string;
  /** '' for the whole bucket, else a key prefix ending in '/' (so `data/` never covers `database/`). */
  readonly prefix: string;
}

/**
 * S3's bucket naming rules (general purpose buckets): 3 to 63 characters of lower-case letters,
 * digits, dots and hyphens, starting and ending with a letter or digit, no two adjacent dots,
 * not shaped like an IP address, and none of the reserved prefixes and suffixes.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function bucketNameProblem(bucket: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    return 'must be 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit';
  }
  if (bucket.includes('..')) return 'must not hold two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return 'must not be shaped like an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(bucket) || /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(bucket)) {
    return 'uses a prefix or suffix S3 reserves';
  }
  return undefined;
}

/**
 * A key prefix as configured: '' or `a/b` or `a/b/` (normalised to end in '/'). No leading '/',
 * no empty, `.` or `..` segments, no wildcards (IAM would read `*` and `?` as patterns).
 */
export function prefixProblem(prefix: string): string | undefined {
  if (prefix === '') return undefined;
  if (prefix.length > 1000) return 'must be at most 1000 characters';
  const segments = (prefix.endsWith('/') ? prefix.slice(0, -1) : prefix).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..'))
    return 'must be key segments separated by single "/", with no leading "/" and no "." or ".." segment';
  if (/[*?$\\]/.test(prefix)) return 'must not hold *, ?, $ or \\ (IAM reads them as patterns and variables)';
  return undefined;
}

/** `data` and `data/` are the same prefix: everything under the folder `data/`. */
export function normalisePrefix(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/** `s3://bucket/prefix/` of a location. */
export function locationUri(location: SourceLocation): string {
  return `s3://${location.bucket}/${location.prefix}`;
}

/** Reads `s3://bucket/prefix/` back (the environment's form); undefined when it is not one. */
export function parseLocationUri(uri: string): SourceLocation | undefined {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match) return undefined;
  const bucket = match[1] ?? '';
  const prefix = match[2] ?? '';
  if (bucketNameProblem(bucket) !== undefined || prefixProblem(prefix) !== undefined) return undefined;
  return { bucket, prefix: normalisePrefix(prefix) };
}

/** The packaging source locations as the API Lambda's environment carries them: comma-separated `s3://bucket/prefix/`. */
export function formatSourceLocations(locations: readonly SourceLocation[]): string {
  return locations.map(locationUri).join(',');
}

/** Parses formatSourceLocations' output; throws naming the entry that is not a location. */
export function parseSourceLocations(value: string): SourceLocation[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const location = parseLocationUri(entry);
      if (!location) throw new Error(`${entry} is not an s3://bucket/prefix/ location`);
      return location;
    });
}

/** An S3 source as a caller gives it: an `s3://` URI of a prefix or of one archive object. */
export interface SourceObject {
  readonly bucket: string;
  /** The prefix (ending in '/') or the archive's key. */
  readonly key: string;
}

/** An archive of a model (a SageMaker training job's `model.tar.gz`), rather than a prefix of files. */
export function isArchiveKey(key: string): boolean {
  return /\.(tar\.gz|tgz|tar)$/.test(key);
}

/**
 * Why `uri` cannot be an S3 source at all (not where it points): not `s3://bucket/key`, a key
 * that is neither a prefix ending in '/' nor an archive, or `.`/`..`/empty segments, which S3
 * keeps literally but HTTP clients and people read as navigation.
 */
export function sourceUriProblem(uri: string): string | undefined {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match) return 'must be s3://bucket/prefix/ or s3://bucket/path/model.tar.gz';
  const key = match[2] ?? '';
  if (key !== '' && !key.endsWith('/') && !isArchiveKey(key)) return 'must be a prefix ending in "/" or an archive ending in .tar.gz, .tgz or .tar';
  const segments = (key.endsWith('/') ? key.slice(0, -1) : key).split('/');
  if (key !== '' && segments.some((s) => s === '' || s === '.' || s === '..')) return 'must not hold empty, "." or ".." key segments';
  return undefined;
}

/** The bucket and key of a source URI that sourceUriProblem accepts. */
export function parseSourceUri(uri: string): SourceObject {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  return { bucket: match?.[1] ?? '', key: match?.[2] ?? '' };
}

/** Whether `source` lies inside `location`: the same bucket, and its key under the location's prefix (at a '/' boundary). */
export function isWithin(source: SourceObject, location: SourceLocation): boolean {
  return source.bucket === location.bucket && source.key.startsWith(location.prefix);
}

/** The location that admits `uri`, or undefined when none does (or `uri` is not a source URI). */
export function admittingLocation(uri: string, allowed: readonly SourceLocation[]): SourceLocation | undefined {
  if (sourceUriProblem(uri) !== undefined) return undefined;
  const source = parseSourceUri(uri);
  return allowed.find((location) => isWithin(source, location));
}
