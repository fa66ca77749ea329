import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoIdempotencyStore } from '../../../lambdas/shared/idempotency.js';

const scope = { tenant: 't1', operationId: 'createModel', key: 'k1' };
const taken = () => new ConditionalCheckFailedException({ message: 'taken', $metadata: {} });
const stored = { status: 201, headers: { 'Content-Type': 'application/json' }, body: '{"name":"m"}' };

/** The store's waiting on a claimed key, on a mocked table and a fake clock (no real time passes). */
describe('DynamoIdempotencyStore.start', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  let clock: number;
  const store = () => new DynamoIdempotencyStore(client, 'table', { waitMs: 1000, pollMs: 100, now: () => clock, sleep: async (ms) => void (clock += ms) });

  beforeEach(() => {
    dynamo.reset();
    clock = 1_700_000_000_000;
  });

  it('claims a free key', async () => {
    dynamo.on(PutCommand).resolves({});
    expect(await store().start(scope, 'fp')).toEqual({ state: 'started' });
  });

  it('waits for a concurrent twin and replays its answer', async () => {
    dynamo.on(PutCommand).rejects(taken());
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: { fingerprint: 'fp', state: 'inProgress' } })
      .resolvesOnce({ Item: { fingerprint: 'fp', state: 'inProgress' } })
      .resolves({ Item: { fingerprint: 'fp', state: 'completed', response: stored } });
    expect(await store().start(scope, 'fp')).toEqual({ state: 'replay', response: stored });
  });

  it('claims the key itself when the twin failed and released it', async () => {
    dynamo.on(PutCommand).rejectsOnce(taken()).resolves({});
    dynamo.on(GetCommand).resolves({});
    expect(await store().start(scope, 'fp')).toEqual({ state: 'started' });
  });

  it('refuses another body at once, without waiting', async () => {
    dynamo.on(PutCommand).rejects(taken());
    dynamo.on(GetCommand).resolves({ Item: { fingerprint: 'other', state: 'inProgress' } });
    await expect(store().start(scope, 'fp')).rejects.toMatchObject({ status: 409, code: 'IdempotencyKeyReused' });
    expect(clock).toBe(1_700_000_000_000);
  });

  it('gives up with IdempotencyKeyInProgress when the twin outlasts the wait', async () => {
    dynamo.on(PutCommand).rejects(taken());
    dynamo.on(GetCommand).resolves({ Item: { fingerprint: 'fp', state: 'inProgress' } });
    await expect(store().start(scope, 'fp')).rejects.toMatchObject({ status: 409, code: 'IdempotencyKeyInProgress' });
    expect(clock).toBe(1_700_000_001_000);
  });
});
