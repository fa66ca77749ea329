import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TableKeys } from '../shared/env-names.js';
import type { PackagedArtifact, PackagingJobs } from './ports.js';

/** The key of a packaging job's record on the single table (written by the packaging area). */
export const packagingJobKey = (jobId: string) => ({ [TableKeys.partitionKey]: `JOB#${jobId}`, [TableKeys.sortKey]: 'JOB' });

/** Reads packaging job records, so a version can be made from a finished job. */
export class DynamoPackagingJobs implements PackagingJobs {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(jobId: string): Promise<PackagedArtifact | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: packagingJobKey(jobId), ConsistentRead: true }));
    return Item as PackagedArtifact | undefined;
  }
}
