import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TableKeys } from '../../core/env-names.js';
import { queryTenantIndex } from '../shared/tenant-index.js';
import { packagingJobKey } from '../../core/job-record.js';
import type { JobRecord, JobStatus } from '../../core/job-record.js';
import type { JobStore } from './ports.js';

const { partitionKey: pk, sortKey: sk, gsi1 } = TableKeys;
const tenantJobs = (tenant: string) => `TENANT#${tenant}#JOBS`;

function toRecord(item: Record<string, unknown>): JobRecord {
  const { [pk]: _pk, [sk]: _sk, [gsi1.partitionKey]: _g1, [gsi1.sortKey]: _g2, ...rest } = item;
  return rest as unknown as JobRecord;
}

/** Packaging job records on the single table, listed per tenant newest first through gsi1. */
export class DynamoJobStore implements JobStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: JobRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...packagingJobKey(record.jobId),
          [gsi1.partitionKey]: tenantJobs(record.tenant),
          [gsi1.sortKey]: `${record.createdAt}#${record.jobId}`,
          ...record,
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': pk },
      }),
    );
  }

  async get(jobId: string): Promise<JobRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: packagingJobKey(jobId), ConsistentRead: true }));
    return Item ? toRecord(Item) : undefined;
  }

  async list(tenant: string, limit: number, filters: { status?: JobStatus; model?: string }, cursor?: string): Promise<{ items: JobRecord[]; next?: string }> {
    const filter = Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const page = await queryTenantIndex(this.client, this.tableName, tenantJobs(tenant), limit, cursor, { newestFirst: true, filter });
    return { items: page.items.map(toRecord), ...(page.next ? { next: page.next } : {}) };
  }

  async listActive(cursor?: string): Promise<{ items: JobRecord[]; next?: string }> {
    // A scan filtered to unfinished job records: the sweep runs every few minutes, off the request path.
    const result = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        FilterExpression: 'begins_with(#pk, :prefix) AND #sk = :sk AND #status IN (:queued, :running)',
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk, '#status': 'status' },
        ExpressionAttributeValues: { ':prefix': 'JOB#', ':sk': 'JOB', ':queued': 'queued', ':running': 'running' },
        ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) as Record<string, unknown> } : {}),
      }),
    );
    return { items: (result.Items ?? []).map(toRecord), ...(result.LastEvaluatedKey ? { next: JSON.stringify(result.LastEvaluatedKey) } : {}) };
  }

  async update(jobId: string, changes: Partial<JobRecord>, whileStatus: readonly JobStatus[]): Promise<JobRecord | undefined> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = Object.fromEntries(whileStatus.map((status, i) => [`:w${i}`, status]));
    const sets = entries.map(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: packagingJobKey(jobId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `#status IN (${whileStatus.map((_, i) => `:w${i}`).join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toRecord(Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
