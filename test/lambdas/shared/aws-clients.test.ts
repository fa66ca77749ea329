import { createServer, type Server, type Socket } from 'node:net';
import { ListEndpointsCommand } from '@aws-sdk/client-sagemaker';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsCallTimeouts, documentClient, sageMakerClient } from '../../../lambdas/shared/aws-clients.js';
import { awsCallOf, fromAwsError, isUnreachable } from '../../../lambdas/shared/aws-errors.js';
import { UpstreamError } from '../../../lambdas/shared/errors.js';

/** A TCP server that accepts connections and never answers: what a frozen (SIGSTOPped) endpoint looks like. */
async function silentServer(): Promise<{ url: string; server: Server; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server, sockets };
}

/** A port nothing listens on (one a server just gave back). */
async function closedPort(): Promise<string> {
  const { url, server } = await silentServer();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

describe('the SDK clients of aws-clients.ts', () => {
  const saved = { AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL };
  let silent: Awaited<ReturnType<typeof silentServer>>;

  beforeAll(async () => {
    silent = await silentServer();
    Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  });
  afterEach(() => {
    process.env.AWS_ENDPOINT_URL = saved.AWS_ENDPOINT_URL;
    if (saved.AWS_ENDPOINT_URL === undefined) delete process.env.AWS_ENDPOINT_URL;
  });
  afterAll(async () => {
    for (const socket of silent.sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.server.close(() => resolve()));
  });

  it('give up on an endpoint that never answers after the request timeout, naming the call', async () => {
    process.env.AWS_ENDPOINT_URL = silent.url;
    const client = sageMakerClient();
    const started = Date.now();
    const error = await client.send(new ListEndpointsCommand({})).catch((e: unknown) => e);
    const took = Date.now() - started;
    client.destroy();
    expect(isUnreachable(error)).toBe(true);
    expect(awsCallOf(error)).toBe('SageMaker ListEndpoints');
    // One attempt here (AWS_MAX_ATTEMPTS=1 in tests): the request timeout, give or take.
    expect(took).toBeGreaterThanOrEqual(awsCallTimeouts.requestTimeoutMs - 100);
    expect(took).toBeLessThan(awsCallTimeouts.requestTimeoutMs + 2_000);
    expect(fromAwsError(error)).toBeInstanceOf(UpstreamError);
  }, 15_000);

  it('fail at once on a refused connection, naming the call (the DocumentClient’s too)', async () => {
    process.env.AWS_ENDPOINT_URL = await closedPort();
    const client = documentClient();
    const error = await client.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } })).catch((e: unknown) => e);
    client.destroy();
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(awsCallOf(error)).toBe('DynamoDB GetItem');
    expect((fromAwsError(error) as Error).message).toBe('DynamoDB could not be reached (ECONNREFUSED); retry in a few seconds.');
  });

  it('retry once by default, or as often as AWS_MAX_ATTEMPTS says', async () => {
    const configured = process.env.AWS_MAX_ATTEMPTS;
    try {
      delete process.env.AWS_MAX_ATTEMPTS;
      expect(await sageMakerClient().config.maxAttempts()).toBe(awsCallTimeouts.maxAttempts);
      process.env.AWS_MAX_ATTEMPTS = '4';
      expect(await sageMakerClient().config.maxAttempts()).toBe(4);
    } finally {
      if (configured === undefined) delete process.env.AWS_MAX_ATTEMPTS;
      else process.env.AWS_MAX_ATTEMPTS = configured;
    }
  });
});
