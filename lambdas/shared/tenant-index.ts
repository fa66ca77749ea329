import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TableKeys } from '../../core/env-names.js';

type Item = Record<string, unknown>;

/**
 * One page of a tenant's items of one kind through gsi1 (partition `TENANT#{tenant}#{KIND}`,
 * sorted by name). The continuation is DynamoDB's LastEvaluatedKey as JSON; callers wrap it in
 * an opaque cursor (lambdas/shared/cursor.ts).
 */
export async function queryTenantIndex(
  client: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  limit: number,
  cursor?: string,
  options: { newestFirst?: boolean; filter?: Record<string, string> } = {},
): Promise<{ items: Item[]; next?: string }> {
  const { gsi1 } = TableKeys;
  // Filters apply after Limit (DynamoDB's rule): a filtered page may be short; nextToken goes on.
  const filters = Object.entries(options.filter ?? {});
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: gsi1.indexName,
      KeyConditionExpression: '#gpk = :gpk',
      ExpressionAttributeNames: { '#gpk': gsi1.partitionKey, ...Object.fromEntries(filters.map(([name], i) => [`#f${i}`, name])) },
      ExpressionAttributeValues: { ':gpk': partition, ...Object.fromEntries(filters.map(([, value], i) => [`:f${i}`, value])) },
      ...(filters.length > 0 ? { FilterExpression: filters.map((_, i) => `#f${i} = :f${i}`).join(' AND ') } : {}),
      ...(options.newestFirst ? { ScanIndexForward: false } : {}),
      Limit: limit,
      ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) as Item } : {}),
    }),
  );
  return { items: result.Items ?? [], ...(result.LastEvaluatedKey ? { next: JSON.stringify(result.LastEvaluatedKey) } : {}) };
}
