import { servingStacks, type Serving } from '../../core/catalog/series.js';
import { EnvNames } from '../../core/env-names.js';
import { baseImageEnv, PackagerEnv } from '../../core/packager-env.js';
import { s3ModelId } from './s3-source.js';

/** How the job makes its serving image. */
export interface ImageSettings {
  /** False keeps the series' stock image (the configuration then travels as the model's environment). */
  build: boolean;
  /** `<registry host>/<repository>` the built image goes to. */
  servingRepository?: string;
  /** Set (locally) when no registry can take images: the reason and what to do. */
  unavailable?: string;
  /** Base images a deployment pinned instead of the stock ones, by serving stack. */
  baseImages: Partial<Record<Serving, string>>;
}

/** Everything the packaging job reads from its environment, read once in main.ts. */
export interface PackagerConfig {
  jobId: string;
  /** The S3 prefix of a fine-tuned model, when the source is S3 (modelId is then derived from it). */
  sourceUri?: string;
  modelId: string;
  revision: string;
  bucket: string;
  prefix: string;
  series?: string;
  hubEndpoint?: string;
  hubToken?: string;
  /** A Secrets Manager secret holding the Hub token, read at the job's start. */
  tokenSecretArn?: string;
  /** The control plane's table: with it, phase, progress and outcome go to the job record. */
  tableName?: string;
  /** An AWS endpoint other than AWS's own (the emulator, locally). */
  awsEndpointUrl?: string;
  region: string;
  image: ImageSettings;
  /** Range requests open at once for large files (MODELPLANE_DOWNLOAD_CONNECTIONS); the packager's default when unset. */
  connections?: number;
}

/** The most range requests a job may keep open (MODELPLANE_DOWNLOAD_CONNECTIONS). */
export const maxDownloadConnections = 64;

export class PackagerConfigError extends Error {}

/** Reads and checks the job's parameters; fails naming every variable that is missing. */
export function readPackagerConfig(env: Readonly<Record<string, string | undefined>>): PackagerConfig {
  const optional = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const fromS3 = optional(PackagerEnv.sourceType) === 's3';
  const missing = [PackagerEnv.jobId, fromS3 ? PackagerEnv.sourceUri : PackagerEnv.modelId, PackagerEnv.artifactBucket].filter(
    (name) => optional(name) === undefined,
  );
  if (missing.length > 0) {
    throw new PackagerConfigError(
      `Environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set; the job definition (or the local executor) must set ${missing.length > 1 ? 'them' : 'it'}.`,
    );
  }
  const sourceUri = fromS3 ? optional(PackagerEnv.sourceUri) : undefined;
  const connections = optional(PackagerEnv.downloadConnections);
  if (connections !== undefined && !(/^\d+$/.test(connections) && Number(connections) >= 1 && Number(connections) <= maxDownloadConnections)) {
    throw new PackagerConfigError(
      `${PackagerEnv.downloadConnections} is ${JSON.stringify(connections)}; it must be a whole number of connections from 1 to ${maxDownloadConnections}.`,
    );
  }
  const settings = {
    series: optional(PackagerEnv.series),
    hubEndpoint: optional(PackagerEnv.hubEndpoint),
    hubToken: optional(PackagerEnv.hubToken),
    tokenSecretArn: optional(PackagerEnv.tokenSecretArn),
    tableName: optional(EnvNames.tableName),
    awsEndpointUrl: optional('AWS_ENDPOINT_URL'),
  };
  const image = {
    servingRepository: optional(PackagerEnv.servingRepository),
    unavailable: optional(PackagerEnv.imageBuildUnavailable),
  };
  const baseImages: Partial<Record<Serving, string>> = {};
  for (const serving of servingStacks) {
    const pinned = optional(baseImageEnv(serving));
    if (pinned !== undefined) baseImages[serving] = pinned;
  }
  return {
    jobId: optional(PackagerEnv.jobId)!,
    modelId: sourceUri ? s3ModelId(sourceUri) : optional(PackagerEnv.modelId)!,
    ...(sourceUri ? { sourceUri } : {}),
    revision: optional(PackagerEnv.revision) ?? 'main',
    bucket: optional(PackagerEnv.artifactBucket)!,
    prefix: optional(PackagerEnv.artifactPrefix) ?? 'models',
    ...defined(settings),
    region: optional('AWS_REGION') ?? optional('AWS_DEFAULT_REGION') ?? 'us-east-1',
    image: { build: optional(PackagerEnv.buildImage) !== 'false', ...defined(image), baseImages },
    ...(connections === undefined ? {} : { connections: Number(connections) }),
  };
}

function defined<T extends Record<string, string | undefined>>(values: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: string };
}
