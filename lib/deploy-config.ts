/**
 * The deploy configuration of the CDK app, read from CDK context (`-c key=value` or the
 * `context` block of cdk.json) and validated, not cast: every problem is reported at once,
 * named by its context key, the way CDK constructs report validation errors.
 */

import { tenantPattern } from '../lambdas/shared/http/tenant.js';
import { bucketNameProblem, normalisePrefix, prefixProblem } from '../core/source-buckets.js';

/** The context keys the app reads. */
export const DeployContextKeys = {
  stage: 'stage',
  namePrefix: 'namePrefix',
  auth: 'auth',
  allowedOrigins: 'allowedOrigins',
  iamTenant: 'iamTenant',
  usagePlans: 'usagePlans',
  sourceBuckets: 'sourceBuckets',
  invocationLimits: 'invocationLimits',
} as const;

/**
 * Limits on the inference routes (`invokeEndpoint`, `createChatCompletion`), separate from the
 * control routes: `ratePerSecond` steady-state requests per second with bursts of `burst`. On
 * AWS they are the stage's method throttle of those routes (all callers together) and, with
 * usage plans, each plan's per-method throttle (per client key); locally a token bucket per
 * tenant (local/throttle.ts).
 */
export interface InvocationLimits {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** A quota's period, as API Gateway usage plans count it. */
export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';
export const quotaPeriods: readonly QuotaPeriod[] = ['DAY', 'WEEK', 'MONTH'];

/**
 * One client's usage plan: an API key of its own, throttled at `rate` requests per second with
 * bursts of `burst` (under the stage's limits), and optionally capped at `quota` requests a period.
 */
export interface UsagePlanConfig {
  readonly name: string;
  readonly rate: number;
  readonly burst: number;
  readonly quota?: { readonly limit: number; readonly period: QuotaPeriod };
}

/**
 * A bucket (or a prefix of one) packaging may read S3 sources from, beside the artifact
 * bucket's `uploads/`: a SageMaker training output bucket, say. The packaging job role can read
 * exactly these; the API refuses a source outside them.
 */
export interface SourceBucketConfig {
  readonly bucket: string;
  /** '' for the whole bucket, else a key prefix ending in '/'. */
  readonly prefix: string;
  /** The KMS key the objects are encrypted with (SSE-KMS), for kms:Decrypt on that key only. */
  readonly kmsKeyArn?: string;
}

export type AuthMode = 'cognito' | 'iam';
export const authModes: readonly AuthMode[] = ['cognito', 'iam'];

export interface DeployConfig {
  /** The deployment's stage (`dev`, `prod`, ...): part of the stack name. `prod` turns on deletion protection. */
  readonly stage: string;
  /**
   * Prefix of the stack name, the API name and the ECR repositories serving images are
   * pulled from. Lower-case because ECR repository names and S3 keys derived from it must be.
   */
  readonly namePrefix: string;
  /** How callers authenticate: a Cognito user pool ID token, or SigV4-signed requests (IAM). */
  readonly auth: AuthMode;
  /** Browser origins allowed by CORS; empty turns CORS off. */
  readonly allowedOrigins: readonly string[];
  /** With `auth=iam`: the tenant every signed caller acts as (IAM requests carry none). */
  readonly iamTenant: string;
  /**
   * Usage plans, one API key each; absent for none. With any, every operation requires an API
   * key (`x-api-key`) besides the caller's authentication, so each client is throttled by its plan.
   */
  readonly usagePlans?: readonly UsagePlanConfig[];
  /** Where packaging may read S3 sources besides the artifact bucket's `uploads/`; absent for nowhere else. */
  readonly sourceBuckets?: readonly SourceBucketConfig[];
  /** Limits on the inference routes, separate from the control routes' (see InvocationLimits). */
  readonly invocationLimits: InvocationLimits;
}

export const deployConfigDefaults = {
  stage: 'dev',
  namePrefix: 'modelplane',
  auth: 'cognito',
  iamTenant: 'default',
  invocationLimits: { ratePerSecond: 20, burst: 40 },
} as const satisfies Partial<DeployConfig>;

/** Stage names end up in the stack name (`{namePrefix}-{stage}`), so keep them short and plain. */
const stagePattern = /^[a-z][a-z0-9-]{0,15}$/;
/**
 * SageMaker's name rule (`[a-zA-Z0-9](-*[a-zA-Z0-9])*`) in lower case, because ECR repository
 * names must be lower case; 24 characters leave room for the suffixes added to it.
 */
const namePrefixPattern = /^[a-z0-9](-*[a-z0-9])*$/;
const namePrefixMaxLength = 24;
/** An origin is scheme, host and optional port: no path, no trailing slash. Plain http only for local development. */
const originPattern = /^(https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|http:\/\/(localhost|127\.0\.0\.1))(:[0-9]{1,5})?$/;

export class DeployConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid deploy configuration (CDK context), ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSet context values with `-c key=value` or in the "context" block of cdk.json (see docs/deploy.md).',
    );
    this.name = 'DeployConfigError';
  }
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function optionalString(context: Readonly<Record<string, unknown>>, key: string, problems: string[]): string | undefined {
  const value = context[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    problems.push(`${key}: must be a string (got ${show(value)})`);
    return undefined;
  }
  return value;
}

/** `allowedOrigins` arrives as a JSON array from cdk.json and as a comma-separated string from `-c`. */
function readOrigins(context: Readonly<Record<string, unknown>>, problems: string[]): string[] {
  const key = DeployContextKeys.allowedOrigins;
  const value = context[key];
  if (value === undefined || value === '') return [];
  let origins: unknown[];
  if (typeof value === 'string') origins = value.split(',').map((o) => o.trim());
  else if (Array.isArray(value)) origins = value;
  else {
    problems.push(`${key}: must be a list of origins or a comma-separated string (got ${show(value)})`);
    return [];
  }
  const valid: string[] = [];
  origins.forEach((origin, i) => {
    if (typeof origin !== 'string' || (origin !== '*' && !originPattern.test(origin))) {
      problems.push(
        `${key}[${i}]: must be "*" or an origin such as "https://console.example.com" (https, no path or trailing slash; http only for localhost) (got ${show(origin)})`,
      );
    } else valid.push(origin);
  });
  if (valid.includes('*') && origins.length > 1) problems.push(`${key}: "*" allows every origin and cannot be combined with others`);
  return valid;
}

/** Usage plan names end up in plan and API key names: short and plain. */
const usagePlanNamePattern = /^[a-z][a-z0-9-]{0,31}$/;

/** `usagePlans` arrives as a JSON array from cdk.json and as a JSON string from `-c`. */
function readUsagePlans(context: Readonly<Record<string, unknown>>, problems: string[]): UsagePlanConfig[] {
  const key = DeployContextKeys.usagePlans;
  let value = context[key];
  if (value === undefined || value === '') return [];
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      problems.push(`${key}: must be a JSON list such as [{"name":"ci","rate":5,"burst":10}] (got ${show(value)})`);
      return [];
    }
  }
  if (!Array.isArray(value)) {
    problems.push(`${key}: must be a list of {name, rate, burst, quota?} (got ${show(value)})`);
    return [];
  }
  const plans: UsagePlanConfig[] = [];
  const names = new Set<string>();
  value.forEach((entry: unknown, i) => {
    const at = `${key}[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at}: must be an object {name, rate, burst, quota?} (got ${show(entry)})`);
      return;
    }
    const { name, rate, burst, quota } = entry as Record<string, unknown>;
    const before = problems.length;
    if (typeof name !== 'string' || !usagePlanNamePattern.test(name))
      problems.push(`${at}.name: must be 1 to 32 lower-case letters, digits and hyphens, starting with a letter (got ${show(name)})`);
    else if (names.has(name)) problems.push(`${at}.name: ${name} is used by another plan`);
    else names.add(name);
    if (typeof rate !== 'number' || !(rate > 0)) problems.push(`${at}.rate: must be a number of requests per second above 0 (got ${show(rate)})`);
    if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1)
      problems.push(`${at}.burst: must be a whole number of requests from 1 (got ${show(burst)})`);
    let parsedQuota: UsagePlanConfig['quota'];
    if (quota !== undefined) {
      const { limit, period } = (typeof quota === 'object' && quota !== null ? quota : {}) as Record<string, unknown>;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
        problems.push(`${at}.quota.limit: must be a whole number of requests from 1 (got ${show(limit)})`);
      if (!(quotaPeriods as readonly unknown[]).includes(period))
        problems.push(`${at}.quota.period: must be one of ${quotaPeriods.join(', ')} (got ${show(period)})`);
      parsedQuota = { limit: limit as number, period: period as QuotaPeriod };
    }
    if (problems.length === before)
      plans.push({ name: name as string, rate: rate as number, burst: burst as number, ...(parsedQuota ? { quota: parsedQuota } : {}) });
  });
  return plans;
}

/** A KMS key ARN (not an alias: kms:Decrypt is granted on the key itself). */
const kmsKeyArnPattern = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key\/(mrk-)?[0-9a-f-]{32,36}$/;

/**
 * `sourceBuckets` arrives as a JSON array from cdk.json and as a JSON string from `-c`. Each
 * entry is `"bucket"`, `"bucket/prefix/"` or `{ "bucket", "prefix"?, "kmsKeyArn"? }`.
 */
function readSourceBuckets(context: Readonly<Record<string, unknown>>, problems: string[]): SourceBucketConfig[] {
  const key = DeployContextKeys.sourceBuckets;
  let value = context[key];
  if (value === undefined || value === '') return [];
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      problems.push(`${key}: must be a JSON list such as ["training-output/jobs/", {"bucket":"b","kmsKeyArn":"arn:..."}] (got ${show(value)})`);
      return [];
    }
  }
  if (!Array.isArray(value)) {
    problems.push(`${key}: must be a list of "bucket", "bucket/prefix/" or {bucket, prefix?, kmsKeyArn?} (got ${show(value)})`);
    return [];
  }
  const sources: SourceBucketConfig[] = [];
  const seen = new Set<string>();
  value.forEach((entry: unknown, i) => {
    const at = `${key}[${i}]`;
    let fields: Record<string, unknown>;
    if (typeof entry === 'string') {
      const slash = entry.indexOf('/');
      fields = slash < 0 ? { bucket: entry } : { bucket: entry.slice(0, slash), prefix: entry.slice(slash + 1) };
    } else if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) fields = entry as Record<string, unknown>;
    else {
      problems.push(`${at}: must be "bucket", "bucket/prefix/" or {bucket, prefix?, kmsKeyArn?} (got ${show(entry)})`);
      return;
    }
    const { bucket, prefix = '', kmsKeyArn } = fields;
    const before = problems.length;
    const bucketProblem = typeof bucket === 'string' ? bucketNameProblem(bucket) : 'must be a string';
    if (bucketProblem !== undefined) problems.push(`${at}.bucket: ${bucketProblem} (S3's bucket naming rules) (got ${show(bucket)})`);
    const prefixIssue = typeof prefix === 'string' ? prefixProblem(prefix) : 'must be a string';
    if (prefixIssue !== undefined) problems.push(`${at}.prefix: ${prefixIssue} (got ${show(prefix)})`);
    if (kmsKeyArn !== undefined && (typeof kmsKeyArn !== 'string' || !kmsKeyArnPattern.test(kmsKeyArn)))
      problems.push(`${at}.kmsKeyArn: must be a KMS key ARN, arn:aws:kms:{region}:{account}:key/{key id} (not an alias) (got ${show(kmsKeyArn)})`);
    const extra = Object.keys(fields).filter((name) => !['bucket', 'prefix', 'kmsKeyArn'].includes(name));
    if (extra.length > 0) problems.push(`${at}: unknown field${extra.length > 1 ? 's' : ''} ${extra.join(', ')} (bucket, prefix and kmsKeyArn are known)`);
    if (problems.length > before) return;
    const source = {
      bucket: bucket as string,
      prefix: normalisePrefix(prefix as string),
      ...(kmsKeyArn === undefined ? {} : { kmsKeyArn: kmsKeyArn as string }),
    };
    const id = `${source.bucket}/${source.prefix}`;
    if (seen.has(id)) problems.push(`${at}: ${id} is listed twice`);
    else {
      seen.add(id);
      sources.push(source);
    }
  });
  return sources;
}

/**
 * Validates the deploy configuration in `context` (the app's context values), applying the
 * defaults. Throws a `DeployConfigError` that lists every problem.
 */
export function parseDeployConfig(context: Readonly<Record<string, unknown>>): DeployConfig {
  const problems: string[] = [];

  const stage = optionalString(context, DeployContextKeys.stage, problems) ?? deployConfigDefaults.stage;
  if (!stagePattern.test(stage)) {
    problems.push(`${DeployContextKeys.stage}: must be 1 to 16 lower-case letters, digits and hyphens, starting with a letter (got ${show(stage)})`);
  }

  const namePrefix = optionalString(context, DeployContextKeys.namePrefix, problems) ?? deployConfigDefaults.namePrefix;
  if (!namePrefixPattern.test(namePrefix) || namePrefix.length > namePrefixMaxLength) {
    problems.push(
      `${DeployContextKeys.namePrefix}: must be 1 to ${namePrefixMaxLength} lower-case letters, digits and hyphens, starting and ending with a letter or digit (SageMaker's name rule, lower case for ECR) (got ${show(namePrefix)})`,
    );
  }

  const auth = optionalString(context, DeployContextKeys.auth, problems) ?? deployConfigDefaults.auth;
  if (!(authModes as readonly string[]).includes(auth)) {
    problems.push(`${DeployContextKeys.auth}: must be one of ${authModes.join(', ')} (got ${show(auth)})`);
  }

  const allowedOrigins = readOrigins(context, problems);

  const iamTenant = optionalString(context, DeployContextKeys.iamTenant, problems) ?? deployConfigDefaults.iamTenant;
  if (!tenantPattern.test(iamTenant)) {
    problems.push(
      `${DeployContextKeys.iamTenant}: must be 1 to 32 lower-case letters, digits and hyphens, starting with a letter or digit (got ${show(iamTenant)})`,
    );
  }

  const usagePlans = readUsagePlans(context, problems);
  const sourceBuckets = readSourceBuckets(context, problems);
  const invocationLimits = readInvocationLimits(context, problems);

  if (problems.length > 0) throw new DeployConfigError(problems);
  return {
    stage,
    namePrefix,
    auth: auth as AuthMode,
    allowedOrigins,
    iamTenant,
    ...(usagePlans.length > 0 ? { usagePlans } : {}),
    ...(sourceBuckets.length > 0 ? { sourceBuckets } : {}),
    invocationLimits,
  };
}

/** `invocationLimits` arrives as a JSON object from cdk.json and as a JSON string from `-c`. */
function readInvocationLimits(context: Readonly<Record<string, unknown>>, problems: string[]): InvocationLimits {
  const key = DeployContextKeys.invocationLimits;
  let value = context[key];
  if (value === undefined) return deployConfigDefaults.invocationLimits;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      problems.push(`${key}: must be a JSON object such as {"ratePerSecond":20,"burst":40} (got ${show(value)})`);
      return deployConfigDefaults.invocationLimits;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${key}: must be an object {ratePerSecond, burst} (got ${show(value)})`);
    return deployConfigDefaults.invocationLimits;
  }
  const { ratePerSecond, burst } = value as Record<string, unknown>;
  const before = problems.length;
  if (typeof ratePerSecond !== 'number' || !(ratePerSecond > 0))
    problems.push(`${key}.ratePerSecond: must be a number of requests per second above 0 (got ${show(ratePerSecond)})`);
  if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1)
    problems.push(`${key}.burst: must be a whole number of requests from 1 (got ${show(burst)})`);
  return problems.length > before ? deployConfigDefaults.invocationLimits : { ratePerSecond: ratePerSecond as number, burst: burst as number };
}

/** Reads the deploy configuration's keys from a construct node's context (the app's, in bin/). */
export function readDeployConfig(node: { tryGetContext(key: string): unknown }): DeployConfig {
  const context: Record<string, unknown> = {};
  for (const key of Object.values(DeployContextKeys)) context[key] = node.tryGetContext(key);
  return parseDeployConfig(context);
}
