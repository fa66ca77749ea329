import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { packagingJobKey, type JobRecord } from '../../core/job-record.js';
import type { PackagingPhase, PackagingProgress, ProgressReporter } from './ports.js';

/**
 * The packager's side of the job record (lambdas/packaging): it marks the job running, reports
 * phase and progress, and records what it made or why it failed. Every write holds only while
 * the job is queued or running, so a cancelled job stays cancelled; the final status is the
 * Batch state-change event's to set.
 */
export class JobRecordWriter implements ProgressReporter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly jobId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes `changes` while the job is active; false when it no longer is (cancelled, or gone). */
  async write(changes: Partial<JobRecord>): Promise<boolean> {
    const entries = Object.entries({ ...changes, updatedAt: this.now().toISOString() }).filter(([, value]) => value !== undefined);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: packagingJobKey(this.jobId),
          UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ConditionExpression: '#status IN (:queued, :running)',
          ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])) },
          ExpressionAttributeValues: { ':queued': 'queued', ':running': 'running', ...Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async phase(phase: PackagingPhase): Promise<void> {
    await this.write({ status: 'running', phase });
  }

  async progress(progress: PackagingProgress): Promise<void> {
    await this.write({ progress });
  }
}
