import { ECRClient } from '@aws-sdk/client-ecr';
import type { Serving } from '../../core/catalog/series.js';
import { PackagerEnv } from '../../core/packager-env.js';
import type { ImageSettings } from './config.js';
import { PackagingError } from './errors.js';
import { buildServingImage } from './image/build-image.js';
import { ecrCredentials } from './image/ecr-auth.js';
import { ImageBuildError } from './image/errors.js';
import { parseImageUri } from './image/image-ref.js';
import { OciClient, type OciCredentials } from './image/oci-client/index.js';
import { stockImage } from './serving-images.js';

/** Where the serving configuration sits in the image (SageMaker mounts the weights over /opt/ml/model). */
export const servingConfigDir = '/opt/modelplane';

export interface ServingImageRequest {
  serving: Serving;
  modelId: string;
  resolvedRevision: string;
  /** The serving configuration files (serving.properties, ...). */
  files: Record<string, string>;
  /** The serving environment, baked into the image config. */
  environment: Record<string, string>;
  region: string;
  signal?: AbortSignal;
}

/**
 * `{model}-{revision}-{digest}` (12 hex digits each): readable in the console, and unique per
 * image content. Repackaging a revision with another serving configuration or base adds a tag
 * and leaves the earlier image tagged, so the repository's untagged-image expiry never removes
 * an image a registered version still points at.
 */
export function servingImageTag(modelId: string, resolvedRevision: string): (manifestDigest: string) => string {
  const suffix = `-${resolvedRevision.slice(0, 12)}`;
  const model = modelId
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128 - suffix.length - 13);
  return (manifestDigest) => `${model}${suffix}-${manifestDigest.replace(/^sha256:/, '').slice(0, 12)}`;
}

const isEcr = (host: string) => /\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host);
const isLoopback = (host: string) => /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host);

/**
 * Builds the serving image of a packaged model without a Docker daemon: the series' stock image
 * (an AWS Deep Learning Container) plus one layer with our serving configuration and the
 * environment in the image config, pushed to the serving repository and pinned by digest.
 */
export async function buildModelImage(request: ServingImageRequest, settings: ImageSettings): Promise<string> {
  if (settings.unavailable) throw new PackagingError('ImageBuildFailed', settings.unavailable);
  const target = settings.servingRepository;
  if (!target) {
    throw new PackagingError(
      'ImageBuildFailed',
      `${PackagerEnv.servingRepository} is not set: the job definition must name the serving repository (or submit with buildImage false).`,
    );
  }
  const base = parseImageUri(stockImage(request.serving, request.region, settings.baseImages));
  const slash = target.indexOf('/');
  const targetHost = target.slice(0, slash);
  const targetRepository = target.slice(slash + 1);
  let ecrCredential: OciCredentials | undefined;
  const credentialsFor = async (host: string): Promise<OciCredentials | undefined> => {
    if (!isEcr(host)) return undefined;
    // One ECR token opens every registry of the Region the job's role may use (ours and the DLC accounts').
    ecrCredential ??= await ecrCredentials(new ECRClient({}), request.signal);
    return ecrCredential;
  };
  const client = async (host: string) => {
    const credentials = await credentialsFor(host);
    return new OciClient({ url: `${isLoopback(host) ? 'http' : 'https'}://${host}`, ...(credentials ? { credentials } : {}) });
  };
  const tag = servingImageTag(request.modelId, request.resolvedRevision);
  try {
    const built = await buildServingImage({
      base: { registry: await client(base.registry), repository: base.repository, reference: base.reference },
      target: { registry: await client(targetHost), repository: targetRepository, tag },
      files: Object.fromEntries(Object.entries(request.files).map(([name, content]) => [`${servingConfigDir}/${name}`, content])),
      env: request.environment,
      labels: { 'modelplane.model-id': request.modelId, 'modelplane.revision': request.resolvedRevision, 'modelplane.serving': request.serving },
      ...(request.signal ? { signal: request.signal } : {}),
    });
    return built.imageUri;
  } catch (error) {
    if (error instanceof ImageBuildError)
      throw new PackagingError('ImageBuildFailed', `Building the serving image failed (${error.code}): ${error.message}`, { cause: error });
    throw error;
  }
}
