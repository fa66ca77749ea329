import { ListModelPackagesCommand, SageMakerClient, SageMakerServiceException } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../../lambdas/shared/http/api-handler.js';
import { ConflictError, NotFoundError } from '../../../../lambdas/shared/errors.js';
import type { IdempotencyStore, StoredResponse } from '../../../../lambdas/shared/idempotency.js';
import { lambdaContext, proxyEvent } from '../../../support/events.js';

const problemOf = (result: { body: string }) => JSON.parse(result.body) as Record<string, any>;

describe('createApiHandler', () => {
  const handler = createApiHandler({
    getModel: async ({ path, tenant }) => {
      if (path.modelName === 'boom') throw new Error('secret internals');
      if (path.modelName === 'missing') throw new NotFoundError('Model missing does not exist.', 'ModelNotFound');
      return {
        status: 200,
        body: { name: path.modelName, labels: { tenant }, aliases: {}, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
      };
    },
    listModels: async ({ query }) => ({ status: 200, body: { items: [], ...(query.limit === 20 ? {} : { nextToken: String(query.limit) }) } }),
  });
  const getModel = (name: string, tenant?: string | null) =>
    handler(
      proxyEvent({ method: 'GET', resource: '/v1/models/{modelName}', pathParameters: { modelName: name }, ...(tenant === undefined ? {} : { tenant }) }),
      lambdaContext,
    );

  it('routes by resource and method and passes the tenant', async () => {
    const result = await getModel('llama');
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ name: 'llama', labels: { tenant: 'team-a' } });
  });

  it('applies query defaults from the spec', async () => {
    const result = await handler(proxyEvent({ method: 'GET', resource: '/v1/models' }), lambdaContext);
    expect(JSON.parse(result.body)).toEqual({ items: [] });
  });

  it('maps a typed error to its problem', async () => {
    const result = await getModel('missing');
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['Content-Type']).toBe('application/problem+json');
    expect(problemOf(result)).toMatchObject({
      status: 404,
      code: 'ModelNotFound',
      title: 'Not Found',
      requestId: 'req-1',
      type: 'urn:modelplane:problem:ModelNotFound',
    });
  });

  it('hides an unknown error behind a 500 that carries only the request id', async () => {
    const result = await getModel('boom');
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('secret internals');
    expect(problemOf(result)).toMatchObject({ code: 'InternalError', requestId: 'req-1' });
  });

  it('rejects a caller without a tenant with 401', async () => {
    const result = await getModel('llama', null);
    expect(result.statusCode).toBe(401);
    expect(problemOf(result).code).toBe('MissingTenant');
  });

  it('rejects invalid path parameters with every problem', async () => {
    const result = await getModel('-x-');
    expect(result.statusCode).toBe(400);
    expect(problemOf(result).errors).toEqual([{ path: '/path/modelName', message: expect.stringContaining('pattern') }]);
  });

  it('answers 404 for an operation this handler does not serve', async () => {
    const result = await handler(proxyEvent({ method: 'DELETE', resource: '/v1/models/{modelName}', pathParameters: { modelName: 'x' } }), lambdaContext);
    expect(result.statusCode).toBe(404);
    expect(problemOf(result).code).toBe('RouteNotFound');
  });

  // The emulator never throttles: aws-sdk-client-mock produces AWS's ThrottlingException.
  it('maps AWS throttling to a 429 problem', async () => {
    const sagemaker = mockClient(SageMakerClient);
    sagemaker
      .on(ListModelPackagesCommand)
      .rejects(new SageMakerServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: {}, message: 'Rate exceeded' }));
    const throttled = createApiHandler({
      listModelVersions: async () => {
        await new SageMakerClient({ region: 'us-east-1' }).send(new ListModelPackagesCommand({}));
        return { status: 200, body: { items: [] } };
      },
    });
    const result = await throttled(
      proxyEvent({ method: 'GET', resource: '/v1/models/{modelName}/versions', pathParameters: { modelName: 'm' } }),
      lambdaContext,
    );
    sagemaker.restore();
    expect(result.statusCode).toBe(429);
    expect(problemOf(result).code).toBe('Throttled');
  });
});

class MemoryIdempotency implements IdempotencyStore {
  readonly records = new Map<string, { digest: string; response?: StoredResponse }>();
  async start(scope: { tenant: string; operationId: string; key: string }, digest: string) {
    const id = `${scope.tenant}/${scope.operationId}/${scope.key}`;
    const record = this.records.get(id);
    if (!record) {
      this.records.set(id, { digest });
      return { state: 'started' as const };
    }
    if (record.digest !== digest) throw new ConflictError('IdempotencyKeyReused', 'reused');
    if (!record.response) throw new ConflictError('IdempotencyKeyInProgress', 'in progress');
    return { state: 'replay' as const, response: record.response };
  }
  async complete(scope: { tenant: string; operationId: string; key: string }, response: StoredResponse) {
    this.records.get(`${scope.tenant}/${scope.operationId}/${scope.key}`)!.response = response;
  }
  async release(scope: { tenant: string; operationId: string; key: string }) {
    this.records.delete(`${scope.tenant}/${scope.operationId}/${scope.key}`);
  }
}

describe('createApiHandler with Idempotency-Key', () => {
  it('runs once, replays, and frees the key when the operation fails', async () => {
    const store = new MemoryIdempotency();
    let calls = 0;
    const handler = createApiHandler(
      {
        createModel: async ({ body }) => {
          calls += 1;
          if (body.name === 'fails') throw new ConflictError('ModelAlreadyExists', 'exists');
          return {
            status: 201,
            body: { name: body.name, labels: {}, aliases: {}, createdAt: 'x', updatedAt: 'x' },
            headers: { Location: `/v1/models/${body.name}` },
          };
        },
      },
      { idempotency: () => store },
    );
    const post = (name: string, key: string) =>
      handler(proxyEvent({ method: 'POST', resource: '/v1/models', body: { name }, headers: { 'Idempotency-Key': key } }), lambdaContext);
    const first = await post('llama', 'k1');
    const second = await post('llama', 'k1');
    expect(calls).toBe(1);
    expect(second.statusCode).toBe(201);
    expect(second.body).toBe(first.body);
    expect(second.headers?.Location).toBe('/v1/models/llama');
    expect((await post('other', 'k1')).statusCode).toBe(409);
    expect((await post('fails', 'k2')).statusCode).toBe(409);
    expect(store.records.has('team-a/createModel/k2')).toBe(false);
  });
});

describe('createApiHandler with IAM auth and CORS', () => {
  it('lets a signed IAM caller act as the deployment tenant and adds CORS headers for allowed origins', async () => {
    process.env.MODELPLANE_IAM_TENANT = 'solo';
    process.env.MODELPLANE_ALLOWED_ORIGINS = 'https://console.example.com';
    try {
      const handler = createApiHandler({
        getModel: async ({ tenant }) => ({ status: 200, body: { name: tenant, labels: {}, aliases: {}, createdAt: 'x', updatedAt: 'x' } }),
      });
      const event = proxyEvent({
        method: 'GET',
        resource: '/v1/models/{modelName}',
        pathParameters: { modelName: 'm' },
        tenant: null,
        headers: { Origin: 'https://console.example.com' },
      });
      event.requestContext = { ...event.requestContext, identity: { userArn: 'arn:aws-test:iam::123456789012:user/ci' } as never };
      const result = await handler(event, lambdaContext);
      expect(JSON.parse(result.body).name).toBe('solo');
      expect(result.headers?.['Access-Control-Allow-Origin']).toBe('https://console.example.com');
      expect(result.headers?.['Access-Control-Expose-Headers']).toBe('Location, Retry-After, Idempotent-Replayed');
      const other = await handler({ ...event, headers: { Origin: 'https://evil.example.com' } }, lambdaContext);
      expect(other.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
      const unsigned = await handler({ ...event, requestContext: { ...event.requestContext, identity: {} as never } }, lambdaContext);
      expect(unsigned.statusCode).toBe(401);
      expect(unsigned.headers?.['Access-Control-Allow-Origin']).toBe('https://console.example.com');
    } finally {
      delete process.env.MODELPLANE_IAM_TENANT;
      delete process.env.MODELPLANE_ALLOWED_ORIGINS;
    }
  });
});
