import { EnvNames } from './env-names.js';

/**
 * The packaging job's parameters, which the Batch job definition (and the local executor) pass
 * as environment variables. The Hub token arrives as HF_TOKEN, or is read from the Secrets Manager
 * secret the API names, never as a plain job parameter. The API (lambdas/packaging), the stack
 * (lib/packaging-jobs.ts) and the local runtime take the names from here.
 */
export const PackagerEnv = {
  jobId: 'MODELPLANE_JOB_ID',
  /** `huggingface` (default) or `s3`: a fine-tuned model under MODELPLANE_SOURCE_URI. */
  sourceType: 'MODELPLANE_SOURCE_TYPE',
  sourceUri: 'MODELPLANE_SOURCE_URI',
  modelId: 'MODELPLANE_SOURCE_MODEL_ID',
  revision: 'MODELPLANE_SOURCE_REVISION',
  artifactBucket: EnvNames.artifactBucket,
  /** Optional: the series to serve the model as, instead of detecting it. */
  series: 'MODELPLANE_SERIES',
  /** Optional: the key prefix under which models go (default `models`). */
  artifactPrefix: 'MODELPLANE_ARTIFACT_PREFIX',
  /** Optional: the Hub's base URL (a mirror, or the fixture Hub in tests); the Hub's own name for it. */
  hubEndpoint: 'HF_ENDPOINT',
  /** Optional: the Hub token for gated and private models. */
  hubToken: 'HF_TOKEN',
  /** Optional: a Secrets Manager secret holding the Hub token (set per job by the API). */
  tokenSecretArn: 'MODELPLANE_HF_TOKEN_SECRET_ARN',
  /** `false` keeps the series' stock image (the configuration then travels as the model's environment). */
  buildImage: 'MODELPLANE_BUILD_IMAGE',
  /** Where serving images go: `<registry host>/<repository>` (the stack's ECR repository; a local registry locally). */
  servingRepository: 'MODELPLANE_SERVING_REPOSITORY',
  /** Set (locally) when no registry can take images, with the reason and what to do. */
  imageBuildUnavailable: 'MODELPLANE_IMAGE_BUILD_UNAVAILABLE',
  /** Optional: range requests the job keeps open at once to read large files (1-64; the packager's default is 8). */
  downloadConnections: 'MODELPLANE_DOWNLOAD_CONNECTIONS',
} as const;

/** The variable that pins a serving stack's base image instead of the stock one (MODELPLANE_BASE_IMAGE_HF_INFERENCE, ...). */
export function baseImageEnv(serving: string): string {
  return `MODELPLANE_BASE_IMAGE_${serving.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}
