import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TableKeys } from '../../core/env-names.js';
import { NotFoundError } from '../shared/errors.js';
import { queryTenantIndex } from '../shared/tenant-index.js';
import { NameTakenError, type Page } from '../shared/ports.js';
import type { ModelChanges, ModelRecord, ModelStore, VersionRecord } from './ports.js';

const { partitionKey: pk, sortKey: sk, gsi1 } = TableKeys;

const modelKey = (name: string) => ({ [pk]: `MODEL#${name}`, [sk]: 'MODEL' });
// Zero-padded so versions sort numerically within the model's partition.
const versionKey = (model: string, version: number) => ({ [pk]: `MODEL#${model}`, [sk]: `VERSION#${String(version).padStart(8, '0')}` });
const tenantModels = (tenant: string) => `TENANT#${tenant}#MODELS`;

type Item = Record<string, unknown>;

function toModel(item: Item): ModelRecord {
  return {
    name: item.name as string,
    tenant: item.tenant as string,
    ...(item.description === undefined ? {} : { description: item.description as string }),
    labels: (item.labels as Record<string, string> | undefined) ?? {},
    aliases: (item.aliases as Record<string, number> | undefined) ?? {},
    ...(item.latestVersion === undefined ? {} : { latestVersion: item.latestVersion as number }),
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

function toVersion(item: Item): VersionRecord {
  const { [pk]: _pk, [sk]: _sk, ...rest } = item;
  return { labels: {}, environment: {}, ...rest } as VersionRecord;
}

/** Model and version records on the single table: one partition per model, a GSI per tenant for listing. */
export class DynamoModelStore implements ModelStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createModel(record: ModelRecord): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...modelKey(record.name), [gsi1.partitionKey]: tenantModels(record.tenant), [gsi1.sortKey]: record.name, ...record },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': pk },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.getModel(record.name);
      throw new NameTakenError(existing?.tenant ?? 'unknown');
    }
  }

  async getModel(name: string): Promise<ModelRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: modelKey(name), ConsistentRead: true }));
    return Item ? toModel(Item) : undefined;
  }

  async listModels(tenant: string, limit: number, cursor?: string): Promise<Page<ModelRecord>> {
    const page = await queryTenantIndex(this.client, this.tableName, tenantModels(tenant), limit, cursor);
    return { items: page.items.map(toModel), ...(page.next ? { next: page.next } : {}) };
  }

  private async update(key: Item, set: Record<string, unknown>, remove: string[] = []): Promise<Item> {
    const names: Record<string, string> = { '#pk': pk };
    const values: Record<string, unknown> = {};
    const sets = Object.entries(set).map(([field, value], i) => {
      const [top, nested] = field.split('.') as [string, string | undefined];
      names[`#f${i}`] = top;
      values[`:v${i}`] = value;
      if (nested === undefined) return `#f${i} = :v${i}`;
      names[`#n${i}`] = nested;
      return `#f${i}.#n${i} = :v${i}`;
    });
    const removes = remove.map((field, i) => {
      const [top, nested] = field.split('.') as [string, string | undefined];
      names[`#r${i}`] = top;
      if (nested === undefined) return `#r${i}`;
      names[`#rn${i}`] = nested;
      return `#r${i}.#rn${i}`;
    });
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ?? {};
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('The record was deleted meanwhile.', 'NotFound', { cause: error });
      throw error;
    }
  }

  async updateModel(name: string, changes: ModelChanges, updatedAt: string): Promise<ModelRecord> {
    const set = Object.fromEntries(Object.entries({ ...changes, updatedAt }).filter(([, v]) => v !== undefined && v !== null));
    return toModel(await this.update(modelKey(name), set, changes.latestVersion === null ? ['latestVersion'] : []));
  }

  async setAlias(name: string, alias: string, version: number | undefined, updatedAt: string): Promise<ModelRecord> {
    const item =
      version === undefined
        ? await this.update(modelKey(name), { updatedAt }, [`aliases.${alias}`])
        : await this.update(modelKey(name), { [`aliases.${alias}`]: version, updatedAt });
    return toModel(item);
  }

  async deleteModel(name: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: modelKey(name) }));
  }

  async putVersion(record: VersionRecord): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...versionKey(record.model, record.version), ...record } }));
  }

  async getVersion(model: string, version: number): Promise<VersionRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: versionKey(model, version), ConsistentRead: true }));
    return Item ? toVersion(Item) : undefined;
  }

  async getVersions(model: string, versions: readonly number[]): Promise<Map<number, VersionRecord>> {
    const found = new Map<number, VersionRecord>();
    // BatchGetItem takes at most 100 keys and may return some of them as unprocessed: ask again for those.
    for (let start = 0; start < versions.length; start += 100) {
      let keys: Item[] = versions.slice(start, start + 100).map((v) => versionKey(model, v));
      for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
        const result = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of result.Responses?.[this.tableName] ?? []) {
          const record = toVersion(item);
          found.set(record.version, record);
        }
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Item[];
      }
    }
    return found;
  }

  async updateVersion(model: string, version: number, changes: Partial<Pick<VersionRecord, 'description' | 'labels' | 'updatedAt'>>): Promise<void> {
    await this.update(versionKey(model, version), Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
  }

  async deleteVersion(model: string, version: number): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: versionKey(model, version) }));
  }
}
