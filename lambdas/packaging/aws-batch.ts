import { DescribeJobsCommand, SubmitJobCommand, TerminateJobCommand, type BatchClient } from '@aws-sdk/client-batch';
import type { BatchJobs, BatchJobState, BatchSubmission } from './ports.js';

/** DescribeJobs takes at most 100 job ids a call. */
const describeBatchSize = 100;

/** Thin gateway over AWS Batch: one job per packaging job, parameters as environment overrides. */
export class AwsBatchJobs implements BatchJobs {
  constructor(
    private readonly client: BatchClient,
    private readonly jobQueue: string,
    private readonly jobDefinition: string,
  ) {}

  async submit(job: BatchSubmission): Promise<string> {
    const result = await this.client.send(
      new SubmitJobCommand({
        jobName: job.jobName,
        jobQueue: this.jobQueue,
        jobDefinition: this.jobDefinition,
        containerOverrides: { environment: Object.entries(job.environment).map(([name, value]) => ({ name, value })) },
        tags: job.tags,
        propagateTags: true,
      }),
    );
    if (!result.jobId) throw new Error('SubmitJob returned no jobId');
    return result.jobId;
  }

  async terminate(batchJobId: string, reason: string): Promise<void> {
    // TerminateJob stops a job in any state, RUNNING included (CancelJob only stops queued ones).
    await this.client.send(new TerminateJobCommand({ jobId: batchJobId, reason }));
  }

  async describe(batchJobIds: readonly string[]): Promise<BatchJobState[]> {
    const states: BatchJobState[] = [];
    for (let start = 0; start < batchJobIds.length; start += describeBatchSize) {
      const { jobs } = await this.client.send(new DescribeJobsCommand({ jobs: batchJobIds.slice(start, start + describeBatchSize) }));
      for (const job of jobs ?? []) {
        if (!job.jobId || !job.jobName || !job.status) continue;
        states.push({
          batchJobId: job.jobId,
          jobName: job.jobName,
          status: job.status,
          ...(job.statusReason ? { statusReason: job.statusReason } : {}),
          ...(job.container?.logStreamName ? { logStreamName: job.container.logStreamName } : {}),
        });
      }
    }
    return states;
  }
}
