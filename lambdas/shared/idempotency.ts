import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from './errors.js';
import { TableKeys } from '../../core/env-names.js';

/** A successful response kept for replay. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface IdempotencyScope {
  tenant: string;
  operationId: string;
  key: string;
}

export type IdempotencyStart = { state: 'started' } | { state: 'replay'; response: StoredResponse };

/**
 * Port: remembers Idempotency-Key headers. `start` claims a key (or returns the stored
 * response for the same request, waiting a bounded time for a concurrent twin to store it, or
 * refuses the key for another request); `complete` stores
 * the response; `release` frees a claimed key when the request failed, so a retry can run.
 */
export interface IdempotencyStore {
  start(scope: IdempotencyScope, fingerprint: string): Promise<IdempotencyStart>;
  complete(scope: IdempotencyScope, response: StoredResponse): Promise<void>;
  release(scope: IdempotencyScope): Promise<void>;
}

/** A stable digest of what makes two requests "the same": the operation, its path parameters and body. */
export function fingerprint(parts: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(parts)))
    .digest('hex');
}

export interface DynamoIdempotencyStoreOptions {
  /** How long a completed key is remembered. @default 24 hours */
  retentionSeconds?: number;
  /** How long an unfinished claim blocks the key (a crashed request frees it after this). @default 60 */
  lockSeconds?: number;
  /**
   * How long a request that finds its key claimed by a concurrent twin waits for the twin's
   * answer before giving up with `409 IdempotencyKeyInProgress`. @default 10 000 ms (well
   * under API Gateway's 29 s limit)
   */
  waitMs?: number;
  /** The first pause between looks at a claimed key; it doubles up to 500 ms. @default 25 ms */
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** DynamoDB implementation of the port, on the service's single table (TTL frees old keys). */
export class DynamoIdempotencyStore implements IdempotencyStore {
  private readonly retentionSeconds: number;
  private readonly lockSeconds: number;
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoIdempotencyStoreOptions = {},
  ) {
    this.retentionSeconds = options.retentionSeconds ?? 24 * 3600;
    this.lockSeconds = options.lockSeconds ?? 60;
    this.waitMs = options.waitMs ?? 10_000;
    this.pollMs = options.pollMs ?? 25;
    this.now = options.now ?? (() => Date.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  private key(scope: IdempotencyScope): Record<string, string> {
    return {
      [TableKeys.partitionKey]: `IDEMPOTENCY#${scope.tenant}#${scope.operationId}#${scope.key}`,
      [TableKeys.sortKey]: 'IDEMPOTENCY',
    };
  }

  /**
   * Claims the key with a conditional put before any work runs, so of concurrent twins exactly
   * one does the work. The others wait for its stored answer and replay it (or, if it failed and
   * released the key, claim the key themselves), so every twin gets the same answer.
   */
  async start(scope: IdempotencyScope, digest: string): Promise<IdempotencyStart> {
    const deadline = this.now() + this.waitMs;
    let pause = this.pollMs;
    for (;;) {
      if (await this.claim(scope, digest)) return { state: 'started' };
      const { Item: item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: this.key(scope), ConsistentRead: true }));
      // Released (the twin failed) or expired between the put and the get: try to claim it again.
      if (!item) continue;
      if (item.fingerprint !== digest) {
        throw new ConflictError(
          'IdempotencyKeyReused',
          `Idempotency-Key ${scope.key} was already used for a different ${scope.operationId} request; use a new key for a new request.`,
        );
      }
      if (item.state === 'completed') return { state: 'replay', response: item.response as StoredResponse };
      if (this.now() >= deadline) {
        throw new ConflictError('IdempotencyKeyInProgress', `A request with Idempotency-Key ${scope.key} is still in progress; retry in a few seconds.`);
      }
      await this.sleep(Math.min(pause, Math.max(0, deadline - this.now())));
      pause = Math.min(pause * 2, 500);
    }
  }

  /** The conditional put: true when this request now holds the key. */
  private async claim(scope: IdempotencyScope, digest: string): Promise<boolean> {
    const nowSeconds = Math.floor(this.now() / 1000);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...this.key(scope),
            fingerprint: digest,
            state: 'inProgress',
            lockedUntil: nowSeconds + this.lockSeconds,
            [TableKeys.timeToLive]: nowSeconds + this.retentionSeconds,
          },
          ConditionExpression: 'attribute_not_exists(#pk) OR (#state = :inProgress AND lockedUntil < :now) OR #ttl < :now',
          ExpressionAttributeNames: { '#pk': TableKeys.partitionKey, '#state': 'state', '#ttl': TableKeys.timeToLive },
          ExpressionAttributeValues: { ':inProgress': 'inProgress', ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(scope),
        UpdateExpression: 'SET #state = :completed, #response = :response',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':completed': 'completed', ':response': response },
      }),
    );
  }

  async release(scope: IdempotencyScope): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: this.key(scope) }));
  }
}
