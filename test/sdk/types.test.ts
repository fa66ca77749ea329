/**
 * Type tests: the SDK's methods take and give the spec's types, so a wrong body does not
 * compile. The `@ts-expect-error` lines are checked by `npm run typecheck` (this file is in
 * the root tsconfig); the calls never run (the client's fetch would refuse them).
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  createModelplaneClient,
  isProblem,
  ModelplaneProblem,
  type components,
  type Endpoint,
  type Model,
  type Paginated,
  type ProblemCode,
} from '@modelplane/sdk';

const client = createModelplaneClient({ baseUrl: 'http://api.test', fetch: () => Promise.reject(new Error('type test: not sent')) });

/** Type-checks the calls without running them. */
function compileOnly(_calls: () => unknown): void {}

describe('SDK types', () => {
  it('types requests and answers from the generated schema', () => {
    expectTypeOf(client.models.get).returns.resolves.toEqualTypeOf<components['schemas']['Model']>();
    expectTypeOf(client.models.create).parameter(0).toEqualTypeOf<components['schemas']['CreateModelRequest']>();
    expectTypeOf(client.endpoints.update).parameter(1).toEqualTypeOf<components['schemas']['UpdateEndpointRequest']>();
    expectTypeOf(client.models.list()).toEqualTypeOf<Paginated<Model>>();
    expectTypeOf(client.endpoints.waitUntilSettled).returns.resolves.toEqualTypeOf<Endpoint>();
    expectTypeOf<ModelplaneProblem['code']>().toEqualTypeOf<ProblemCode | 'UnexpectedResponse'>();
  });

  it('refuses wrong bodies, queries and codes at compile time', () => {
    compileOnly(() => [
      // @ts-expect-error name is required
      client.models.create({ description: 'no name' }),
      // @ts-expect-error labels are strings
      client.models.create({ name: 'm', labels: { team: 7 } }),
      // @ts-expect-error instanceCount is a number
      client.endpoints.update('e', { instanceCount: '2' }),
      // @ts-expect-error a version needs imageUri with modelDataUri (or a packaging job)
      client.versions.create('m', { modelDataUri: 's3://b/p/' }),
      // @ts-expect-error versions are numbered
      client.versions.get('m', '1'),
      // @ts-expect-error not a packaging job status
      client.packagingJobs.list({ status: 'done' }),
      // @ts-expect-error not a metric
      client.metrics.get('e', { metrics: ['gpuTemperature'] }),
      // @ts-expect-error a source needs its type
      client.packagingJobs.create({ source: { modelId: 'org/model' } }),
    ]);
  });

  it('narrows problems by the spec’s codes', () => {
    const error: unknown = new Error('x');
    if (error instanceof ModelplaneProblem) {
      // @ts-expect-error no such code in the spec (a typo)
      void (error.code === 'ModelNotFund');
      if (error.is('EndpointBusy')) expectTypeOf(error.code).toEqualTypeOf<'EndpointBusy'>();
    }
    if (isProblem(error, 'ModelNotFound', 'VersionNotFound')) expectTypeOf(error.code).toEqualTypeOf<'ModelNotFound' | 'VersionNotFound'>();
    // @ts-expect-error not a code of the spec
    isProblem(error, 'NoSuchCode');
  });
});
