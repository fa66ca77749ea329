/** Synthetic base images, built from scratch in a registry under test: layers, config, manifest. */
import { createCipheriv } from 'node:crypto';
import { buildLayer, sha256Digest, type Layer, type LayerFile } from '../../../../batch-packager/src/image/layer.js';
import { mediaTypes, type ImageConfig } from '../../../../batch-packager/src/image/manifest.js';
import type { OciClient } from '../../../../batch-packager/src/image/oci-client/index.js';

export const MiB = 1024 * 1024;

export interface PushedImage {
  digest: string;
  /** Bytes of the manifest. */
  size: number;
  mediaType: string;
  layers: Layer[];
  config: ImageConfig;
  configDigest: string;
}

/** `size` bytes that look random but are the same on every run (AES-CTR of zeros under a fixed key). */
export function deterministicBytes(size: number, seed = 0): Buffer {
  const key = Buffer.alloc(16, seed);
  return createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

/** Pushes an image whose layers hold `layers`' files; OCI or Docker v2 schema 2. */
export async function pushImage(
  client: OciClient,
  repository: string,
  tag: string,
  options: { layers: Record<string, LayerFile>[]; format: 'oci' | 'docker'; architecture?: string },
): Promise<PushedImage> {
  const layers = options.layers.map((files) => buildLayer(files));
  const oci = options.format === 'oci';
  const config: ImageConfig = {
    architecture: options.architecture ?? 'amd64',
    os: 'linux',
    created: '2026-01-01T00:00:00Z',
    config: {
      Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'SERVING_PORT=8080'],
      Labels: { 'com.example.base': 'serving-base' },
      Entrypoint: ['/usr/local/bin/serve'],
    },
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
    history: layers.map((_, i) => ({ created: '2026-01-01T00:00:00Z', created_by: `base layer ${i + 1}` })),
  };
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = sha256Digest(configBytes);
  for (const layer of layers) await client.uploadBlob(repository, { digest: layer.digest, size: layer.size, content: layer.compressed });
  await client.uploadBlob(repository, { digest: configDigest, size: configBytes.length, content: configBytes });
  const mediaType = oci ? mediaTypes.ociManifest : mediaTypes.dockerManifest;
  const manifest = {
    schemaVersion: 2,
    mediaType,
    config: { mediaType: oci ? mediaTypes.ociConfig : mediaTypes.dockerConfig, digest: configDigest, size: configBytes.length },
    layers: layers.map((layer) => ({ mediaType: oci ? mediaTypes.ociLayerGzip : mediaTypes.dockerLayerGzip, digest: layer.digest, size: layer.size })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const digest = await client.putManifest(repository, tag, mediaType, manifestBytes);
  return { digest, size: manifestBytes.length, mediaType, layers, config, configDigest };
}

/** Pushes a multi-platform index over images already in `repository` (Docker manifest list or OCI index). */
export async function pushIndex(
  client: OciClient,
  repository: string,
  tag: string,
  entries: { image: PushedImage; architecture: string; variant?: string }[],
  format: 'oci' | 'docker',
): Promise<string> {
  const mediaType = format === 'oci' ? mediaTypes.ociIndex : mediaTypes.dockerManifestList;
  const index = {
    schemaVersion: 2,
    mediaType,
    manifests: entries.map(({ image, architecture, variant }) => ({
      mediaType: image.mediaType,
      digest: image.digest,
      size: image.size,
      platform: { architecture, os: 'linux', ...(variant ? { variant } : {}) },
    })),
  };
  return client.putManifest(repository, tag, mediaType, Buffer.from(JSON.stringify(index)));
}
