/** `package` and `jobs`: packaging a Hub model or S3 weights into a registered version. */
import { Command, Option } from 'commander';
import type { CreatePackagingJobRequest, PackagingJob } from '@modelplane/sdk';
import { contextOf, type Context } from '../context.js';
import { CliError, exitCodes } from '../errors.js';
import { formatBytes, formatFields, formatTable, formatTime, printJson, printText } from '../output.js';
import { watch } from '../progress.js';

const waitOption = () => new Option('--wait', 'wait until the job succeeds, showing bytes and files on stderr');

export function packageCommand(): Command {
  return new Command('package')
    .description('Package a Hub model (org/name) or fine-tuned weights (s3://bucket/prefix/ or s3://bucket/path/model.tar.gz) and register it as a version')
    .argument('<source>', 'a Hugging Face Hub model id, an S3 prefix, or an S3 model.tar.gz (a SageMaker training output)')
    .requiredOption('--model <model>', 'the existing model to register the result into')
    .option('--revision <revision>', 'Hub branch, tag or commit (default main)')
    .option('--token-secret-arn <arn>', 'a Secrets Manager secret holding a Hub token, for gated models')
    .option('--series <series>', 'the model series (default: detected from config.json)')
    .option('--no-build-image', "use the series' stock serving image instead of building one")
    .addOption(waitOption())
    .action(async (source: string, options: PackageOptions, command: Command) => {
      const context = contextOf(command);
      const job = await context.client.packagingJobs.create(packagingRequest(source, options));
      if (options.wait) return showJob(context, await done(context, job.jobId));
      showJob(context, job);
      if (context.output === 'table') printText(`Follow it with: ${context.command(`jobs get ${job.jobId} --wait`)}`);
    });
}

interface PackageOptions {
  model: string;
  revision?: string;
  tokenSecretArn?: string;
  series?: string;
  buildImage: boolean;
  wait?: boolean;
}

function packagingRequest(source: string, options: PackageOptions): CreatePackagingJobRequest {
  const fromS3 = source.startsWith('s3://');
  if (fromS3 && (options.revision !== undefined || options.tokenSecretArn !== undefined)) {
    throw new CliError('--revision and --token-secret-arn are for Hub models, not S3 prefixes.', exitCodes.usage);
  }
  return {
    source: fromS3
      ? // A prefix ends in '/': add it rather than refuse `s3://bucket/my-finetune`; an archive (model.tar.gz) goes as it is.
        { type: 's3', uri: source.endsWith('/') || /\.(tar\.gz|tgz|tar)$/.test(source) ? source : `${source}/` }
      : {
          type: 'huggingface',
          modelId: source,
          ...(options.revision !== undefined ? { revision: options.revision } : {}),
          ...(options.tokenSecretArn !== undefined ? { tokenSecretArn: options.tokenSecretArn } : {}),
        },
    model: options.model,
    buildImage: options.buildImage,
    ...(options.series !== undefined ? { series: options.series } : {}),
  };
}

export function jobsCommand(): Command {
  const jobs = new Command('jobs').description('Packaging jobs');

  jobs
    .command('list')
    .description('List packaging jobs, newest first (every page)')
    .addOption(new Option('--status <status>', 'only jobs in this status').choices(['queued', 'running', 'succeeded', 'failed', 'cancelled']))
    .option('--model <model>', 'only jobs that register into this model')
    .action(async (options: { status?: PackagingJob['status']; model?: string }, command: Command) => {
      const context = contextOf(command);
      const items = await context.client.packagingJobs.list({ limit: 100, ...options }).toArray();
      if (context.output === 'json') return printJson(items);
      printText(
        formatTable(
          ['JOB', 'STATUS', 'PHASE', 'SOURCE', 'MODEL', 'VERSION', 'PROGRESS', 'CREATED'],
          items.map((j) => [j.jobId, j.status, j.phase, sourceText(j), j.model, j.version, progressText(j), formatTime(j.createdAt)]),
        ),
      );
    });

  jobs
    .command('get <job-id>')
    .description('Show a packaging job (--wait: until it succeeds)')
    .addOption(waitOption())
    .action(async (jobId: string, options: { wait?: boolean }, command: Command) => {
      const context = contextOf(command);
      showJob(context, options.wait ? await done(context, jobId) : await context.client.packagingJobs.get(jobId));
    });

  jobs
    .command('cancel <job-id>')
    .description('Cancel a queued or running job (uploads are aborted)')
    .action(async (jobId: string, _options: object, command: Command) => {
      const context = contextOf(command);
      showJob(context, await context.client.packagingJobs.cancel(jobId));
    });

  return jobs;
}

/** Waits until the job succeeds, with bytes and files as progress. */
function done(context: Context, jobId: string): Promise<PackagingJob> {
  return watch({
    what: `packaging job ${jobId}`,
    resume: context.command(`jobs get ${jobId} --wait`),
    pollIntervalMs: context.pollIntervalMs,
    view: (job: PackagingJob) => ({
      value: job.progress.bytesDone,
      total: job.progress.bytesTotal,
      text: `${job.phase ? `${job.status} (${job.phase})` : job.status}, ${progressText(job)}`,
    }),
    failure: (job) =>
      `Packaging job ${jobId} is ${job?.status ?? 'unfinished'}${job?.failure ? `: ${job.failure.code}: ${job.failure.message.replace(/\.$/, '')}` : ''}.`,
    wait: (o) => context.client.packagingJobs.waitUntilDone(jobId, o),
  });
}

function progressText(job: PackagingJob): string {
  const { bytesDone, bytesTotal, filesDone, filesTotal } = job.progress;
  return `${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}, files ${filesDone}/${filesTotal}`;
}

function sourceText(job: PackagingJob): string {
  return job.source.type === 's3' ? job.source.uri : `${job.source.modelId}${job.source.revision ? `@${job.source.revision}` : ''}`;
}

function showJob(context: Context, job: PackagingJob): void {
  if (context.output === 'json') return printJson(job);
  printText(
    formatFields([
      ['JOB', job.jobId],
      ['STATUS', job.phase ? `${job.status} (${job.phase})` : job.status],
      ['SOURCE', sourceText(job)],
      ['REVISION', job.resolvedRevision],
      ['SERIES', job.series],
      ['MODEL', job.model],
      ['VERSION', job.version],
      ['PROGRESS', progressText(job)],
      ['IMAGE', job.buildImage ? (job.artifacts?.imageUri ?? 'built by the job') : "the series' stock image"],
      ['MODEL DATA', job.artifacts?.modelDataUri],
      ['FAILURE', job.failure ? `${job.failure.code}: ${job.failure.message}` : undefined],
      ['LOGS', job.links.logs],
      ['CREATED', formatTime(job.createdAt)],
    ]),
  );
}
