/**
 * One packaging job from its configuration to an exit code: wire the Hub client and S3, package,
 * and log the outcome as JSON lines. main.ts adds the process around it (the environment read
 * once into a PackagerConfig, signals, exit code).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { findSeries } from '../../core/catalog/series.js';
import type { PackagerConfig } from './config.js';
import { PackagingError } from './errors.js';
import { HubClient, defaultHubEndpoint, type HubClientOptions } from './hub-client.js';
import { JsonLogger } from './json-logger.js';
import { defaultConnections, ModelPackager, type PackagerOptions } from './package-model.js';
import type { ProgressReporter } from './ports.js';
import { JobRecordWriter } from './job-record.js';
import { createPackagerS3Client, S3ObjectStore } from './s3-object-store.js';
import { s3Source } from './s3-source.js';
import { buildModelImage } from './serving-image.js';
import { stockImage } from './serving-images.js';

/** The token is the secret's string, or its `token`/`HF_TOKEN` field when the secret is JSON. */
async function readTokenSecret(arn: string): Promise<string> {
  const client = new SecretsManagerClient({});
  try {
    const secret = (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString ?? '';
    try {
      const parsed = JSON.parse(secret) as Record<string, unknown>;
      const token = parsed.token ?? parsed.HF_TOKEN;
      if (typeof token === 'string') return token;
    } catch {
      // not JSON: the whole string is the token
    }
    return secret.trim();
  } finally {
    client.destroy();
  }
}

export interface JobIo {
  /** Where log lines go (stdout in the container). */
  write: (line: string) => void;
  /** Fires when the job must stop (SIGTERM from Batch). */
  signal?: AbortSignal;
  /** Where phase and progress go; by default the log. */
  progress?: ProgressReporter;
  hub?: Omit<HubClientOptions, 'endpoint' | 'token'>;
  packager?: PackagerOptions;
}

/** Returns the process exit code: 0 when the model was packaged, 1 otherwise. */
export async function runJob(given: PackagerConfig, io: JobIo): Promise<number> {
  let config = given;
  if (config.tokenSecretArn) {
    try {
      config = { ...config, hubToken: await readTokenSecret(config.tokenSecretArn) };
    } catch (error) {
      new JsonLogger(io.write, { jobId: config.jobId }).error('packaging job failed', {
        failure: { code: 'TokenUnavailable', message: `The Hub token secret cannot be read: ${error instanceof Error ? error.name : 'error'}` },
      });
      return 1;
    }
  }
  const logger = new JsonLogger(io.write, { jobId: config.jobId }, config.hubToken ? [config.hubToken] : []);
  // With the control plane's table, phase, progress and outcome go to the job record.
  const { tableName } = config;
  const dynamo = tableName ? new DynamoDBClient({}) : undefined;
  const record =
    dynamo && tableName
      ? new JobRecordWriter(DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }), tableName, config.jobId)
      : undefined;
  const progress: ProgressReporter = io.progress ??
    record ?? {
      phase: (phase) => Promise.resolve(logger.info('phase', { phase })),
      progress: (figures) => Promise.resolve(logger.info('progress', { progress: figures })),
    };
  // The SDK reads AWS_ENDPOINT_URL itself; passing it on also turns on path-style buckets.
  const s3 = createPackagerS3Client(config.awsEndpointUrl);
  // A fine-tuned model in S3 is read through the same port as the Hub.
  const hub = config.sourceUri
    ? s3Source(s3, config.sourceUri)
    : new HubClient({ ...io.hub, endpoint: config.hubEndpoint ?? defaultHubEndpoint, token: config.hubToken });
  // The job definition's connection count, unless the caller (a benchmark, a test) sets its own.
  const options: PackagerOptions = { ...(config.connections === undefined ? {} : { connections: config.connections }), ...io.packager };
  const packager = new ModelPackager({ hub, store: new S3ObjectStore(s3), progress, logger, options });

  logger.info('packaging job started', {
    source: {
      modelId: config.modelId,
      revision: config.revision,
      hubEndpoint: hub instanceof HubClient ? hub.endpoint : config.sourceUri,
      token: config.hubToken ? 'given' : 'none',
    },
    bucket: config.bucket,
    prefix: config.prefix,
    ...(config.series ? { series: config.series } : {}),
    connections: options.connections ?? defaultConnections,
  });
  try {
    const result = await packager.package(
      {
        jobId: config.jobId,
        modelId: config.modelId,
        revision: config.revision,
        bucket: config.bucket,
        prefix: config.prefix,
        ...(config.series ? { series: config.series } : {}),
      },
      io.signal,
    );
    const { region } = config;
    let imageUri: string;
    if (!config.image.build) {
      imageUri = stockImage(result.serving, region, config.image.baseImages);
    } else {
      await progress.phase('buildingImage');
      imageUri = await buildModelImage(
        {
          serving: result.serving,
          modelId: result.modelId,
          resolvedRevision: result.resolvedRevision,
          // LMI reads `option.X` as `OPTION_X` too: the environment in the image config is the serving configuration.
          files: { 'serving.json': `${JSON.stringify({ serving: result.serving, series: result.series, environment: result.environment }, null, 2)}\n` },
          environment: result.environment,
          region,
          ...(io.signal ? { signal: io.signal } : {}),
        },
        config.image,
      );
    }
    await record?.write({
      resolvedRevision: result.resolvedRevision,
      series: result.series,
      artifacts: { ...result.artifacts, imageUri },
      environment: result.environment,
      sizing: result.sizing,
    });
    logger.info('packaging job succeeded', { result: { ...result, imageUri, files: result.files.length, serving: findSeries(result.series)?.serving } });
    return 0;
  } catch (error) {
    if (error instanceof PackagingError) {
      await record?.write({ failure: { code: error.code, message: error.message } }).catch(() => false);
      logger.error('packaging job failed', { failure: { code: error.code, message: error.message } });
    } else {
      logger.error('packaging job failed', {
        failure: { code: 'InternalError', message: 'An unexpected error stopped the job.' },
        error: error instanceof Error ? error.stack : String(error),
      });
    }
    return 1;
  } finally {
    if ('close' in hub) hub.close();
    s3.destroy();
    dynamo?.destroy();
  }
}
