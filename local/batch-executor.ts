import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DescribeJobsCommand, ListJobsCommand } from '@aws-sdk/client-batch';
import { CreateRepositoryCommand, ECRClient, PutImageCommand, RepositoryAlreadyExistsException } from '@aws-sdk/client-ecr';
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import { localEvent } from './eventbridge-event.js';
import type { BatchJobStateChange } from '../lambdas/packaging/events-handler.js';
import { DynamoJobStore } from '../lambdas/packaging/dynamo-job-store.js';
import { awsClientDefaults, batchClient, dynamoDbClient, s3Client } from '../lambdas/shared/aws-clients.js';
import { readPackagerConfig } from '../batch-packager/src/config.js';
import { OutageLog } from './outage-log.js';

type EventsHandler = (event: EventBridgeEvent<'Batch Job State Change', BatchJobStateChange>) => Promise<void>;

const packagerMain = fileURLToPath(new URL('../batch-packager/src/main.ts', import.meta.url));

export interface BatchExecutorOptions {
  jobQueue: string;
  tableName: string;
  /** Called with the same event Batch's state-change rule delivers in AWS. */
  onJobEnded: EventsHandler;
  intervalMs?: number;
  /** Where the packager's output goes (one line at a time). @default console.log with a prefix */
  log?: (line: string) => void;
  /** Where an emulator that stopped answering is reported, once per outage. @default a log of its own */
  outages?: OutageLog;
}

/** One packager run: its child process, our job id, and where it uploads. */
interface Run {
  child: ChildProcess;
  jobId: string;
  done: Promise<void>;
  /** The artifact bucket and the key prefix under which this job's model goes. */
  uploads?: { bucket: string; prefix: string };
}

/**
 * The local stand-in for AWS Batch on Fargate. The emulator records submitted jobs but runs
 * nothing (DEVELOPERS.md, "The emulator"), so this picks up each new job on our queue, runs the same packager
 * program as a child process with the job's environment (the job definition's plus the
 * submit's overrides, as Batch merges them), and when it exits delivers a "Batch Job State
 * Change" event to the same handler EventBridge invokes in AWS. TerminateJob cannot reach it
 * through the emulator, so a job whose record turns `cancelled` is stopped with SIGTERM, as
 * Batch stops a container. A packager killed outright (SIGKILL, as Batch does after the stop
 * timeout or on running out of memory) cannot abort its multipart uploads: this aborts them
 * before delivering the FAILED event, as the bucket's lifecycle rule
 * (AbortIncompleteMultipartUpload, lib/storage.ts) does in AWS two days later.
 */
export class BatchExecutor {
  private readonly batch = batchClient();
  private readonly jobs: DynamoJobStore;
  private readonly dynamo = dynamoDbClient();
  private readonly ecr = new ECRClient(awsClientDefaults());
  private readonly s3 = s3Client();
  private readonly outages: OutageLog;
  private readonly seen = new Set<string>();
  private readonly running = new Map<string, Run>();
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;

  constructor(private readonly options: BatchExecutorOptions) {
    this.jobs = new DynamoJobStore(DynamoDBDocumentClient.from(this.dynamo), options.tableName);
    this.outages = options.outages ?? new OutageLog(process.env.AWS_ENDPOINT_URL ?? 'AWS');
  }

  start(): void {
    const loop = () => {
      const startedAt = Date.now();
      this.tick = this.poll()
        .then(
          () => this.outages.ok(),
          (error: unknown) => {
            if (!this.outages.failed('batch executor', error, startedAt)) console.error('batch executor:', error instanceof Error ? error.message : error);
          },
        )
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(loop, this.options.intervalMs ?? 500);
        });
    };
    this.timer = setTimeout(loop, this.options.intervalMs ?? 500);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.tick;
    for (const { child } of this.running.values()) child.kill('SIGTERM');
    await Promise.all([...this.running.values()].map((r) => r.done));
    this.batch.destroy();
    this.dynamo.destroy();
    this.ecr.destroy();
    this.s3.destroy();
  }

  private async poll(): Promise<void> {
    const fresh: string[] = [];
    // The emulator moves every job to SUCCEEDED inside SubmitJob; list every status to be safe.
    for (const jobStatus of ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const) {
      const listed = await this.batch.send(new ListJobsCommand({ jobQueue: this.options.jobQueue, jobStatus }));
      for (const job of listed.jobSummaryList ?? []) if (job.jobId && !this.seen.has(job.jobId)) fresh.push(job.jobId);
    }
    if (fresh.length > 0) {
      const described = await this.batch.send(new DescribeJobsCommand({ jobs: fresh }));
      for (const job of described.jobs ?? []) {
        if (!job.jobId || !job.jobName) continue;
        this.seen.add(job.jobId);
        const environment = Object.fromEntries((job.container?.environment ?? []).map((e) => [e.name ?? '', e.value ?? '']));
        this.run(job.jobId, job.jobName, environment);
      }
    }
    for (const [batchJobId, run] of this.running) {
      const record = await this.jobs.get(run.jobId);
      if (record?.status === 'cancelled' && run.child.exitCode === null && run.child.signalCode === null) {
        this.log(run.jobId, `cancelled: stopping the packager (${batchJobId})`);
        run.child.kill('SIGTERM');
      }
    }
  }

  /**
   * The emulator's ECR holds metadata only (DEVELOPERS.md, "The emulator"): record the image the packager pushed
   * to the local registry there too (PutImage with the manifest and its digest), as a push to
   * ECR would have.
   */
  private async recordPush(jobId: string): Promise<void> {
    const imageUri = (await this.jobs.get(jobId))?.artifacts?.imageUri;
    const match = imageUri ? /^((?:127\.0\.0\.1|localhost):\d+)\/(.+)@(sha256:[0-9a-f]{64})$/.exec(imageUri) : null;
    if (!match) return;
    const [, host, repositoryName, digest] = match as unknown as [string, string, string, string];
    try {
      const response = await fetch(`http://${host}/v2/${repositoryName}/manifests/${digest}`, {
        headers: { Accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' },
      });
      const manifest = await response.text();
      try {
        await this.ecr.send(new CreateRepositoryCommand({ repositoryName }));
      } catch (error) {
        if (!(error instanceof RepositoryAlreadyExistsException)) throw error;
      }
      await this.ecr.send(
        new PutImageCommand({
          repositoryName,
          imageManifest: manifest,
          imageDigest: digest,
          imageManifestMediaType: response.headers.get('content-type') ?? undefined,
        }),
      );
    } catch (error) {
      this.log(jobId, `could not record the pushed image in the emulator's ECR: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private log(jobId: string, line: string): void {
    (this.options.log ?? ((l: string) => console.log(l)))(`[packager ${jobId}] ${line}`);
  }

  /**
   * Aborts the unfinished multipart uploads a killed packager left under its model's prefix
   * (`{prefix}/{modelId}/`, as batch-packager/src/package-model.ts lays keys out); never while
   * another job still runs on the same model, whose uploads they may be. (Not by their start
   * time: moto 5.2.1 lists every upload as initiated on 2010-11-10.)
   */
  private async abortUploads(run: Run): Promise<void> {
    if (!run.uploads) return;
    const { bucket, prefix } = run.uploads;
    const shared = [...this.running.values()].some((other) => other !== run && other.uploads?.bucket === bucket && other.uploads.prefix === prefix);
    if (shared) {
      this.log(run.jobId, `left the unfinished uploads under s3://${bucket}/${prefix}: another job packages the same model`);
      return;
    }
    let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
    let aborted = 0;
    for (;;) {
      const page = await this.s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, ...markers }));
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId) continue;
        await this.s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }));
        aborted += 1;
      }
      if (!page.IsTruncated) break;
      markers = {
        ...(page.NextKeyMarker ? { KeyMarker: page.NextKeyMarker } : {}),
        ...(page.NextUploadIdMarker ? { UploadIdMarker: page.NextUploadIdMarker } : {}),
      };
    }
    if (aborted > 0) this.log(run.jobId, `aborted ${aborted} unfinished multipart upload(s) under s3://${bucket}/${prefix}`);
  }

  private run(batchJobId: string, jobName: string, environment: Record<string, string>): void {
    const jobId = environment.MODELPLANE_JOB_ID ?? jobName;
    const env = { ...process.env, ...environment, AWS_BATCH_JOB_ID: batchJobId };
    const child = spawn(process.execPath, ['--import', 'tsx', packagerMain], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') this.log(jobId, line);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    const run: Run = { child, jobId, done: Promise.resolve(), ...uploadsOf(env) };
    run.done = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        const succeeded = code === 0;
        // Killed by a signal, the packager had no chance to abort its uploads (SIGTERM it handles, and exits 1).
        const cleaned = signal
          ? this.abortUploads(run).catch((error: unknown) =>
              this.log(jobId, `could not abort its unfinished uploads: ${error instanceof Error ? error.message : String(error)}`),
            )
          : Promise.resolve();
        const recorded = succeeded ? this.recordPush(jobId) : Promise.resolve();
        const detail: BatchJobStateChange = {
          jobName,
          jobId: batchJobId,
          status: succeeded ? 'SUCCEEDED' : 'FAILED',
          ...(succeeded ? {} : { statusReason: signal ? `Container stopped by ${signal}` : `Essential container in task exited (code ${code ?? 'unknown'})` }),
          container: { logStreamName: `modelplane-packager/default/${batchJobId}` },
        };
        void Promise.all([cleaned, recorded])
          .then(() => this.options.onJobEnded(localEvent('Batch Job State Change', 'aws.batch', batchJobId, detail)))
          .catch((error: unknown) => {
            if (!this.outages.failed('batch executor', error)) console.error(`batch executor: the events handler failed for ${jobId}:`, error);
          })
          .finally(() => {
            this.running.delete(batchJobId);
            resolve();
          });
      });
    });
    this.running.set(batchJobId, run);
  }
}

/** Where a job's packager puts its model: `{bucket}` and `{prefix}/{modelId}/`, from its environment (nothing when it cannot say). */
function uploadsOf(env: Readonly<Record<string, string | undefined>>): { uploads?: { bucket: string; prefix: string } } {
  try {
    const config = readPackagerConfig(env);
    const prefix = `${[config.prefix, config.modelId]
      .map((s) => s.replace(/^\/+|\/+$/g, ''))
      .filter((s) => s !== '')
      .join('/')}/`;
    return { uploads: { bucket: config.bucket, prefix } };
  } catch {
    return {};
  }
}
