import { SubmitJobCommand, TerminateJobCommand, type BatchClient } from '@aws-sdk/client-batch';
import type { BatchJobs, BatchSubmission } from './ports.js';

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
}
