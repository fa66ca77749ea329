/**
 * The image formats we read and write: OCI image manifests and indexes
 * (https://github.com/opencontainers/image-spec/blob/main/manifest.md) and their Docker
 * predecessors, image manifest v2 schema 2 and manifest lists
 * (https://distribution.github.io/distribution/spec/manifest-v2-2/). Schema 1 is refused.
 */

export const mediaTypes = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

export type ImageManifestMediaType = typeof mediaTypes.ociManifest | typeof mediaTypes.dockerManifest;
export type IndexMediaType = typeof mediaTypes.ociIndex | typeof mediaTypes.dockerManifestList;

/** The two families: a manifest, its config and its layers use one family's media types. */
export const families = {
  [mediaTypes.ociManifest]: { config: mediaTypes.ociConfig, layer: mediaTypes.ociLayerGzip },
  [mediaTypes.dockerManifest]: { config: mediaTypes.dockerConfig, layer: mediaTypes.dockerLayerGzip },
} as const satisfies Record<ImageManifestMediaType, { config: string; layer: string }>;

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: Platform;
  [key: string]: unknown;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  [key: string]: unknown;
}

/**
 * An image config (https://github.com/opencontainers/image-spec/blob/main/config.md): only the
 * fields we change are typed; every other field is carried over as it is.
 */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  created?: string;
  config?: { Env?: string[]; Labels?: Record<string, string> | null; [key: string]: unknown };
  rootfs: { type: 'layers'; diff_ids: string[] };
  history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean; [key: string]: unknown }[];
  [key: string]: unknown;
}

export const digestPattern = /^sha256:[a-f0-9]{64}$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function isDescriptor(value: unknown): value is Descriptor {
  return (
    isRecord(value) &&
    typeof value.mediaType === 'string' &&
    typeof value.digest === 'string' &&
    /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(value.digest) &&
    Number.isSafeInteger(value.size) &&
    (value.size as number) >= 0
  );
}

export function isImageManifest(value: unknown): value is ImageManifest {
  return isRecord(value) && value.schemaVersion === 2 && isDescriptor(value.config) && Array.isArray(value.layers) && value.layers.every(isDescriptor);
}

export function isImageIndex(value: unknown): value is ImageIndex {
  return isRecord(value) && value.schemaVersion === 2 && Array.isArray(value.manifests) && value.manifests.every(isDescriptor);
}

export function isImageConfig(value: unknown): value is ImageConfig {
  if (!isRecord(value) || !isRecord(value.rootfs)) return false;
  const { diff_ids: diffIds } = value.rootfs;
  if (value.rootfs.type !== 'layers' || !Array.isArray(diffIds) || !diffIds.every((id) => typeof id === 'string')) return false;
  if (value.config !== undefined && value.config !== null && !isRecord(value.config)) return false;
  return value.history === undefined || (Array.isArray(value.history) && value.history.every(isRecord));
}

export const isImageManifestMediaType = (mediaType: string): mediaType is ImageManifestMediaType =>
  mediaType === mediaTypes.ociManifest || mediaType === mediaTypes.dockerManifest;

export const isIndexMediaType = (mediaType: string): mediaType is IndexMediaType =>
  mediaType === mediaTypes.ociIndex || mediaType === mediaTypes.dockerManifestList;
