import type { Serving } from '../core/catalog/series.js';
import { buildLayer, sha256Digest } from '../batch-packager/src/image/layer.js';
import { mediaTypes, type ImageConfig } from '../batch-packager/src/image/manifest.js';
import { OciClient } from '../batch-packager/src/image/oci-client/index.js';
import { baseImageEnv } from '../core/packager-env.js';

const servings: readonly Serving[] = ['lmi', 'vllm', 'hfInference', 'tgi'];

/**
 * The AWS Deep Learning Containers cannot be pulled here, so the local registry gets a small
 * stand-in base per serving stack (one layer saying what it stands for). Local builds then run
 * the real daemonless build, base-layer copy included, and the images say they are stand-ins.
 */
export async function seedStandInBases(registryUrl: string): Promise<Record<string, string>> {
  const client = new OciClient({ url: registryUrl });
  const host = new URL(registryUrl).host;
  const env: Record<string, string> = {};
  for (const serving of servings) {
    const repository = `modelplane/base-${serving.toLowerCase()}`;
    const layer = buildLayer({ 'opt/stand-in/README': `Local stand-in for the ${serving} serving image (AWS Deep Learning Container); it serves nothing.\n` });
    const config: ImageConfig = {
      architecture: 'amd64',
      os: 'linux',
      created: '1970-01-01T00:00:00Z',
      config: { Env: ['PATH=/usr/local/bin:/usr/bin:/bin'], Labels: { 'modelplane.stand-in': serving } },
      rootfs: { type: 'layers', diff_ids: [layer.diffId] },
      history: [{ created: '1970-01-01T00:00:00Z', created_by: 'modelplane local stand-in base' }],
    };
    const configBytes = Buffer.from(JSON.stringify(config));
    const configDigest = sha256Digest(configBytes);
    await client.uploadBlob(repository, { digest: layer.digest, size: layer.size, content: layer.compressed });
    await client.uploadBlob(repository, { digest: configDigest, size: configBytes.length, content: configBytes });
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: mediaTypes.ociManifest,
        config: { mediaType: mediaTypes.ociConfig, digest: configDigest, size: configBytes.length },
        layers: [{ mediaType: mediaTypes.ociLayerGzip, digest: layer.digest, size: layer.size }],
      }),
    );
    await client.putManifest(repository, 'local', mediaTypes.ociManifest, manifest);
    env[baseImageEnv(serving)] = `${host}/${repository}:local`;
  }
  return env;
}
