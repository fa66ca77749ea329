import { EnvNames } from '../../core/env-names.js';

/** Configuration of the handlers, read once per cold start, failing fast with the variable's name. */
export interface HandlerConfig {
  tableName: string;
  artifactBucket: string;
  sagemakerRoleArn: string;
  /** Lambda sets AWS_REGION; so does the local runtime. */
  region: string;
  /** The deployment whose endpoints carry its tag (EnvNames.deployment), when set. */
  deployment?: string;
}

export class ConfigError extends Error {}

export function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConfigError(`Environment variable ${name} is not set; the stack (lib/) or the local runtime (local/) must set it.`);
  }
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): HandlerConfig {
  return {
    tableName: required(env, EnvNames.tableName),
    artifactBucket: required(env, EnvNames.artifactBucket),
    sagemakerRoleArn: required(env, EnvNames.sagemakerRoleArn),
    region: required(env, 'AWS_REGION'),
    ...(env[EnvNames.deployment] ? { deployment: env[EnvNames.deployment] } : {}),
  };
}
