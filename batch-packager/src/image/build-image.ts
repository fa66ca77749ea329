/**
 * Builds a serving image without a daemon: the base image's manifest, config and layers are
 * read, one deterministic layer with our files is added, and a new config and manifest are
 * pushed to the target repository (DEVELOPERS.md, "Packaging: who does what", Images).
 *
 * Base layers the target does not have are copied once (a mount when both repositories are on
 * the same registry, else streamed from the base registry in chunks); later builds find them
 * by digest with a HEAD. The result is pinned by digest, and the same inputs give the same
 * digest: our layer is deterministic, the config's `created` is fixed unless given, and JSON is
 * written in a fixed key order.
 */
import { runLimited } from '../async.js';
import { PackagingError } from '../errors.js';
import { ImageBuildError } from './errors.js';
import { checkReference, checkRepository, isDigest, tagPattern } from './image-ref.js';
import { buildLayer, sha256Digest, type Layer, type LayerFile } from './layer.js';
import {
  families,
  isImageConfig,
  mediaTypes,
  type Descriptor,
  type ImageConfig,
  type ImageManifest,
  type ImageManifestMediaType,
  type Platform,
} from './manifest.js';
import type { FetchedManifest, OciClient } from './oci-client/index.js';

export interface BaseImage {
  registry: OciClient;
  repository: string;
  /** A tag or a digest. An index (multi-platform image) is resolved to `platform`. */
  reference: string;
}

export interface TargetImage {
  registry: OciClient;
  repository: string;
  /**
   * A tag, or a function that makes one from the manifest's digest: a content-addressed tag,
   * which a rebuild with other content never moves away from an image still in use.
   */
  tag: string | ((manifestDigest: string) => string);
}

const invalidTag = (tag: string) => `The target tag "${tag}" is not a tag (letters, digits, _ . -, up to 128, not starting with . or -).`;

/** What a build reports as it goes. */
export type ImageBuildEvent =
  /** The base was read: its manifest digest, layer count and compressed size. */
  | { type: 'base'; digest: string; layers: number; bytes: number }
  /**
   * A blob is in the target: `present` (found by digest), `mounted` (from the base repository,
   * same registry), `copied` (streamed from the base registry) or `uploaded` (ours: layer, config).
   */
  | { type: 'blob'; digest: string; size: number; outcome: 'present' | 'mounted' | 'copied' | 'uploaded' | 'skipped' }
  /** Bytes of a blob copy sent so far. */
  | { type: 'bytes'; digest: string; sent: number; size: number }
  /** The manifest was put: the build is done. */
  | { type: 'manifest'; digest: string; imageUri: string };

export interface BuildServingImageInput {
  base: BaseImage;
  target: TargetImage;
  /** Our layer's files: path inside the image (`/opt/ml/model/serving.properties`) to content. */
  files: Readonly<Record<string, LayerFile>>;
  /** Set in the config's Env (replacing a base variable of the same name). */
  env?: Readonly<Record<string, string>>;
  /** Merged into the config's Labels. */
  labels?: Readonly<Record<string, string>>;
  /**
   * The config's `created` and our history entry's time (RFC 3339). Default
   * 1970-01-01T00:00:00Z, so identical inputs give identical image digests.
   */
  created?: string;
  /** Our history entry's `created_by`. */
  createdBy?: string;
  /** The platform picked from a multi-platform base. Default linux/amd64. */
  platform?: Platform;
  /** Base layers copied at a time. Default 3. */
  concurrency?: number;
  onProgress?: (event: ImageBuildEvent) => void;
  signal?: AbortSignal;
}

export interface BuiltImage {
  /** `<host>/<repository>@sha256:...`: the image pinned by digest. */
  imageUri: string;
  /** The manifest's digest. */
  digest: string;
  manifestMediaType: ImageManifestMediaType;
  /** `<host>/<repository>:<tag>`. */
  taggedUri: string;
  configDigest: string;
  /** Our layer. */
  layer: { digest: string; diffId: string; size: number };
  /** The base image manifest built upon, and the index it was picked from, if any. */
  base: { digest: string; indexDigest?: string };
}

const defaultCreated = '1970-01-01T00:00:00Z';
const defaultCreatedBy = 'modelplane: serving files';
/** Image configs are small (a long history is ~100 KB). */
const maxConfigBytes = 16 * 1024 * 1024;
const copyAttempts = 3;

export async function buildServingImage(input: BuildServingImageInput): Promise<BuiltImage> {
  const { base, target } = input;
  checkInput(input);
  const report = input.onProgress ?? (() => undefined);
  const created = input.created ?? defaultCreated;

  const baseManifest = await readBaseManifest(input);
  const family = families[baseManifest.mediaType];
  report({
    type: 'base',
    digest: baseManifest.digest,
    layers: baseManifest.manifest.layers.length,
    bytes: baseManifest.manifest.layers.reduce((sum, layer) => sum + layer.size, 0),
  });
  const baseConfig = await readBaseConfig(input, baseManifest);
  const layer = buildLayer(input.files);

  // Copy what the target lacks; the first failure aborts the copies under way.
  const stop = new AbortController();
  const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal;
  await runLimited(
    baseManifest.manifest.layers,
    input.concurrency ?? 3,
    async (descriptor) =>
      report({ type: 'blob', digest: descriptor.digest, size: descriptor.size, outcome: await placeBaseLayer(input, descriptor, signal, report) }),
    () => stop.abort(),
  );
  report({ type: 'blob', digest: layer.digest, size: layer.size, outcome: await pushBlob(target, layer.digest, layer.compressed, input.signal) });

  const config = newConfig(baseConfig, layer, input, created);
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = sha256Digest(configBytes);
  report({ type: 'blob', digest: configDigest, size: configBytes.length, outcome: await pushBlob(target, configDigest, configBytes, input.signal) });

  const manifest = newManifest(baseManifest, family, { digest: configDigest, size: configBytes.length }, layer, base);
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const tag = typeof target.tag === 'string' ? target.tag : target.tag(sha256Digest(manifestBytes));
  if (!tagPattern.test(tag)) throw new ImageBuildError('InvalidInput', `Cannot build the image: ${invalidTag(tag)}`);
  const digest = await target.registry.putManifest(target.repository, tag, baseManifest.mediaType, manifestBytes, input.signal);
  const imageUri = `${target.registry.host}/${target.repository}@${digest}`;
  report({ type: 'manifest', digest, imageUri });
  return {
    imageUri,
    digest,
    manifestMediaType: baseManifest.mediaType,
    taggedUri: `${target.registry.host}/${target.repository}:${tag}`,
    configDigest,
    layer: { digest: layer.digest, diffId: layer.diffId, size: layer.size },
    base: { digest: baseManifest.digest, ...(baseManifest.index ? { indexDigest: baseManifest.index.digest } : {}) },
  };
}

/** Every problem with the input at once, before any request. */
function checkInput(input: BuildServingImageInput): void {
  const problems: string[] = [];
  const check = (test: () => void) => {
    try {
      test();
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  };
  check(() => checkRepository(input.base.repository));
  check(() => checkReference(input.base.reference));
  check(() => checkRepository(input.target.repository));
  if (typeof input.target.tag === 'string' && !tagPattern.test(input.target.tag)) problems.push(invalidTag(input.target.tag));
  if (Object.keys(input.files).length === 0) problems.push('files is empty: the image would add nothing to its base.');
  for (const key of Object.keys(input.env ?? {})) {
    if (!key || key.includes('=') || key.includes('\0')) problems.push(`"${key}" is not an environment variable name.`);
  }
  const created = input.created ?? defaultCreated;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(created) || Number.isNaN(Date.parse(created))) {
    problems.push(`created must be an RFC 3339 time such as 2026-01-31T12:00:00Z, got "${created}".`);
  }
  if (input.concurrency !== undefined && !(Number.isInteger(input.concurrency) && input.concurrency >= 1))
    problems.push(`concurrency must be a whole number, 1 or more, got ${input.concurrency}.`);
  if (problems.length) throw new ImageBuildError('InvalidInput', `Cannot build the image: ${problems.join(' ')}`);
}

async function readBaseManifest(input: BuildServingImageInput): Promise<FetchedManifest> {
  const { base } = input;
  const name = `${base.registry.host}/${base.repository}${isDigest(base.reference) ? '@' : ':'}${base.reference}`;
  try {
    return await base.registry.getManifest(base.repository, base.reference, {
      ...(input.platform ? { platform: input.platform } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
    });
  } catch (error) {
    if (error instanceof ImageBuildError && error.code === 'NotFound') {
      throw new ImageBuildError('BaseImageNotFound', `The base image ${name} does not exist: check the repository and the tag or digest (${error.message})`, {
        cause: error,
        status: 404,
      });
    }
    throw error;
  }
}

async function readBaseConfig(input: BuildServingImageInput, manifest: FetchedManifest): Promise<ImageConfig> {
  const { base } = input;
  const bytes = await base.registry.readBlob(base.repository, manifest.manifest.config.digest, maxConfigBytes, input.signal);
  let config: unknown;
  try {
    config = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new ImageBuildError('UnsupportedImage', `The config of ${base.registry.host}/${base.repository}@${manifest.digest} is not JSON.`, { cause: error });
  }
  if (!isImageConfig(config))
    throw new ImageBuildError('UnsupportedImage', `The config of ${base.registry.host}/${base.repository}@${manifest.digest} has no valid rootfs.diff_ids.`);
  if (config.rootfs.diff_ids.length !== manifest.manifest.layers.length) {
    throw new ImageBuildError(
      'UnsupportedImage',
      `${base.registry.host}/${base.repository}@${manifest.digest} lists ${manifest.manifest.layers.length} layers but its config ${config.rootfs.diff_ids.length} diff_ids.`,
    );
  }
  return config;
}

/** Makes sure the target has a base layer: found by digest, mounted, or copied. */
async function placeBaseLayer(
  input: BuildServingImageInput,
  layer: Descriptor,
  signal: AbortSignal,
  report: (event: ImageBuildEvent) => void,
): Promise<'present' | 'mounted' | 'copied' | 'skipped'> {
  const { base, target } = input;
  // Foreign (Windows) and non-distributable layers are fetched from their `urls`, never pushed.
  if (layer.urls?.length && /foreign|nondistributable/.test(layer.mediaType)) return 'skipped';
  if (await target.registry.hasBlob(target.repository, layer.digest, signal)) return 'present';
  const sameRegistry = base.registry.origin === target.registry.origin;
  for (let attempt = 1; ; attempt++) {
    try {
      // A generator runs only when read: when the mount works, the base blob is never fetched.
      const content = (async function* () {
        const blob = await base.registry.openBlob(base.repository, layer.digest, signal);
        yield* blob.chunks;
      })();
      const outcome = await target.registry.uploadBlob(
        target.repository,
        { digest: layer.digest, size: layer.size, content },
        {
          ...(sameRegistry ? { mountFrom: base.repository } : {}),
          signal,
          onBytes: (sent) => report({ type: 'bytes', digest: layer.digest, sent, size: layer.size }),
        },
      );
      return outcome === 'mounted' ? 'mounted' : 'copied';
    } catch (error) {
      if (error instanceof PackagingError || !(error instanceof ImageBuildError) || !error.retryable || attempt >= copyAttempts) throw error;
    }
  }
}

async function pushBlob(target: TargetImage, digest: string, bytes: Buffer, signal: AbortSignal | undefined): Promise<'present' | 'uploaded'> {
  if (await target.registry.hasBlob(target.repository, digest, signal)) return 'present';
  await target.registry.uploadBlob(target.repository, { digest, size: bytes.length, content: bytes }, signal ? { signal } : {});
  return 'uploaded';
}

const byKey = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : a > b ? 1 : 0);

function newConfig(base: ImageConfig, layer: Layer, input: BuildServingImageInput, created: string): ImageConfig {
  const runtime = { ...(base.config ?? {}) };
  const env = Object.entries(input.env ?? {}).sort(byKey);
  if (env.length) {
    const merged = [...(runtime.Env ?? [])];
    for (const [key, value] of env) {
      const at = merged.findIndex((entry) => entry === key || entry.startsWith(`${key}=`));
      if (at === -1) merged.push(`${key}=${value}`);
      else merged[at] = `${key}=${value}`;
    }
    runtime.Env = merged;
  }
  const labels = Object.entries(input.labels ?? {}).sort(byKey);
  if (labels.length) runtime.Labels = { ...(runtime.Labels ?? {}), ...Object.fromEntries(labels) };
  return {
    ...base,
    created,
    config: runtime,
    rootfs: { type: 'layers', diff_ids: [...base.rootfs.diff_ids, layer.diffId] },
    // History pairs its non-empty entries with the layers, so add ours only where the base keeps one.
    ...(base.history ? { history: [...base.history, { created, created_by: input.createdBy ?? defaultCreatedBy }] } : {}),
  };
}

function newManifest(
  base: FetchedManifest,
  family: (typeof families)[ImageManifestMediaType],
  config: { digest: string; size: number },
  layer: Layer,
  baseImage: BaseImage,
): ImageManifest {
  const layers: Descriptor[] = [...base.manifest.layers, { mediaType: family.layer, digest: layer.digest, size: layer.size }];
  const configDescriptor: Descriptor = { mediaType: base.manifest.config.mediaType || family.config, digest: config.digest, size: config.size };
  if (base.mediaType === mediaTypes.dockerManifest) {
    return { schemaVersion: 2, mediaType: base.mediaType, config: configDescriptor, layers };
  }
  // Annotations the OCI spec defines for the image a build started from.
  const annotations: Record<string, string> = { 'org.opencontainers.image.base.digest': base.index?.digest ?? base.digest };
  if (!isDigest(baseImage.reference))
    annotations['org.opencontainers.image.base.name'] = `${baseImage.registry.host}/${baseImage.repository}:${baseImage.reference}`;
  return { schemaVersion: 2, mediaType: base.mediaType, config: configDescriptor, layers, annotations };
}
