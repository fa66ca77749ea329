import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TableKeys } from './env-names.js';

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
): Promise<{ items: Item[]; next?: string }> {
  const { gsi1 } = TableKeys;
  const result = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: gsi1.indexName,
      KeyConditionExpression: '#gpk = :gpk',
      ExpressionAttributeNames: { '#gpk': gsi1.partitionKey },
      ExpressionAttributeValues: { ':gpk': partition },
      Limit: limit,
      ...(cursor ? { ExclusiveStartKey: JSON.parse(cursor) as Item } : {}),
    }),
  );
  return { items: result.Items ?? [], ...(result.LastEvaluatedKey ? { next: JSON.stringify(result.LastEvaluatedKey) } : {}) };
}
