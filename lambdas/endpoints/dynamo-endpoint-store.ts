import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TableKeys } from '../../core/env-names.js';
import { ConflictError } from '../shared/errors.js';
import { queryTenantIndex } from '../shared/tenant-index.js';
import { NameTakenError } from '../shared/ports.js';
import type { EndpointRecord, EndpointStore } from './ports.js';

const { partitionKey: pk, sortKey: sk, gsi1 } = TableKeys;
const key = (name: string) => ({ [pk]: `ENDPOINT#${name}`, [sk]: 'ENDPOINT' });
const tenantEndpoints = (tenant: string) => `TENANT#${tenant}#ENDPOINTS`;

function toRecord(item: Record<string, unknown>): EndpointRecord {
  const { [pk]: _pk, [sk]: _sk, [gsi1.partitionKey]: _g1, [gsi1.sortKey]: _g2, ...rest } = item;
  return { configs: [], alarms: [], ...rest } as unknown as EndpointRecord;
}

/** Endpoint records on the single table, listed per tenant through gsi1. */
export class DynamoEndpointStore implements EndpointStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private item(record: EndpointRecord): Record<string, unknown> {
    return { ...key(record.name), [gsi1.partitionKey]: tenantEndpoints(record.tenant), [gsi1.sortKey]: record.name, ...record };
  }

  async create(record: EndpointRecord): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(record),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': pk },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new NameTakenError((await this.get(record.name))?.tenant ?? 'unknown');
    }
  }

  async get(name: string): Promise<EndpointRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key(name), ConsistentRead: true }));
    return Item ? toRecord(Item) : undefined;
  }

  async list(tenant: string, limit: number, cursor?: string): Promise<{ items: EndpointRecord[]; next?: string }> {
    const page = await queryTenantIndex(this.client, this.tableName, tenantEndpoints(tenant), limit, cursor);
    return { items: page.items.map(toRecord), ...(page.next ? { next: page.next } : {}) };
  }

  async put(record: EndpointRecord, expectedUpdatedAt: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(record),
          ConditionExpression: 'attribute_exists(#pk) AND #updatedAt = :expected',
          ExpressionAttributeNames: { '#pk': pk, '#updatedAt': 'updatedAt' },
          ExpressionAttributeValues: { ':expected': expectedUpdatedAt },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ConflictError('EndpointChanged', `Endpoint ${record.name} changed while this request ran; read it again and retry.`, {}, { cause: error });
      }
      throw error;
    }
  }

  async listAll(cursor?: string): Promise<{ items: EndpointRecord[]; next?: string }> {
    // A scan, filtered to endpoint records: the sweep runs every few minutes, off the request path.
    const result = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        FilterExpression: 'begins_with(#pk, :prefix) AND #sk = :sk',
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk },
        ExpressionAttributeValues: { ':prefix': 'ENDPOINT#', ':sk': 'ENDPOINT' },
        ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) as Record<string, unknown> } : {}),
      }),
    );
    return { items: (result.Items ?? []).map(toRecord), ...(result.LastEvaluatedKey ? { next: JSON.stringify(result.LastEvaluatedKey) } : {}) };
  }

  async delete(name: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key(name) }));
  }
}
