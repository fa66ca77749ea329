import { PackagerEnv } from './env.js';
import { s3ModelId } from './s3-source.js';

export { PackagerEnv };


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
}

export class PackagerConfigError extends Error {}

export function readPackagerConfig(env: NodeJS.ProcessEnv): PackagerConfig {
  const optional = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const sourceUri = optional(PackagerEnv.sourceType) === 's3' ? optional(PackagerEnv.sourceUri) : undefined;
  const missing = [PackagerEnv.jobId, optional(PackagerEnv.sourceType) === 's3' ? PackagerEnv.sourceUri : PackagerEnv.modelId, PackagerEnv.artifactBucket].filter(
    (name) => optional(name) === undefined,
  );
  if (missing.length > 0) {
    throw new PackagerConfigError(`Environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set; the job definition (or the local executor) must set ${missing.length > 1 ? 'them' : 'it'}.`);
  }
  const series = optional(PackagerEnv.series);
  const hubEndpoint = optional(PackagerEnv.hubEndpoint);
  const hubToken = optional(PackagerEnv.hubToken);
  return {
    jobId: optional(PackagerEnv.jobId)!,
    modelId: sourceUri ? s3ModelId(sourceUri) : optional(PackagerEnv.modelId)!,
    ...(sourceUri ? { sourceUri } : {}),
    revision: optional(PackagerEnv.revision) ?? 'main',
    bucket: optional(PackagerEnv.artifactBucket)!,
    prefix: optional(PackagerEnv.artifactPrefix) ?? 'models',
    ...(series === undefined ? {} : { series }),
    ...(hubEndpoint === undefined ? {} : { hubEndpoint }),
    ...(hubToken === undefined ? {} : { hubToken }),
  };
}
