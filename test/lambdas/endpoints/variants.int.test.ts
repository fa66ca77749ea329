import { DescribeEndpointCommand, DescribeEndpointConfigCommand } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { configureEmulator, recordedCalls } from '../../../local/emulator.js';
import { emulatorClients } from '../../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../../support/control-plane.js';
import { servedModel, waitForEndpoint } from '../../support/endpoints.js';

const type = 'ml.g5.2xlarge';

/**
 * A/B and shadow tests through the API on the emulator: every answer is checked against the spec
 * (startTestControlPlane), and the emulator's call record tells which SageMaker calls were made.
 */
describe('endpoint variants API', () => {
  const endpoint = inject('emulatorEndpoint');
  const { s3, sagemaker } = emulatorClients();
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  const waitFor = (name: string, status: string) => waitForEndpoint(call, name, status);
  let model: string;

  beforeAll(async () => {
    await configureEmulator(endpoint, { endpointTransitionSeconds: 0.4 });
    api = await startTestControlPlane({ watchIntervalMs: 100 });
    model = await servedModel(call, s3, 'ab');
  });
  afterAll(async () => {
    await api.close();
  });

  /** The endpoint configs and updates SageMaker was asked for, for this endpoint. */
  async function sagemakerCalls(name: string): Promise<{ configs: string[]; updates: number; weights: unknown[] }> {
    const configs = ((await recordedCalls(endpoint, 'CreateEndpointConfig')) as { EndpointConfigName?: string }[])
      .map((c) => c.EndpointConfigName ?? '')
      .filter((c) => c.startsWith(`${name}-`));
    const updates = ((await recordedCalls(endpoint, 'UpdateEndpoint')) as { EndpointName?: string }[]).filter((c) => c.EndpointName === name).length;
    const weights = (
      (await recordedCalls(endpoint, 'UpdateEndpointWeightsAndCapacities')) as { EndpointName?: string; DesiredWeightsAndCapacities?: unknown[] }[]
    )
      .filter((c) => c.EndpointName === name)
      .map((c) => c.DesiredWeightsAndCapacities);
    return { configs, updates, weights };
  }

  it('serves versions 1 and 2 at 90/10, shifts to 50/50 with no new config, and promotes version 2', async () => {
    const name = uniqueName('ab');
    const created = await call({
      method: 'POST',
      path: '/v1/endpoints',
      body: {
        name,
        model,
        variants: [
          { name: 'blue', version: 1, instanceType: type, instanceCount: 1, weight: 90 },
          { name: 'green', version: 2, instanceType: type, instanceCount: 1, weight: 10 },
        ],
      },
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'creating', version: 1, instanceType: type });
    const ready = await waitFor(name, 'running');
    expect(ready.body.variants).toEqual([
      { name: 'blue', version: 1, instanceType: type, instanceCount: { current: 1, desired: 1 }, weight: { current: 90, desired: 90 } },
      { name: 'green', version: 2, instanceType: type, instanceCount: { current: 1, desired: 1 }, weight: { current: 10, desired: 10 } },
    ]);
    const before = await sagemakerCalls(name);
    expect(before.configs).toHaveLength(1);

    // Weights only: in place, the same config.
    await configureEmulator(endpoint, { endpointTransitionSeconds: 2 });
    let shifted: ApiAnswer;
    try {
      shifted = await call({
        method: 'PATCH',
        path: `/v1/endpoints/${name}`,
        body: {
          variants: [
            { name: 'blue', weight: 50 },
            { name: 'green', weight: 50 },
          ],
        },
      });
    } finally {
      await configureEmulator(endpoint, { endpointTransitionSeconds: 0.4 });
    }
    expect(shifted.status).toBe(202);
    expect(shifted.body.status).toBe('updating');
    expect(shifted.body.variants.map((v: { weight: unknown }) => v.weight)).toEqual([
      { current: 90, desired: 50 },
      { current: 10, desired: 50 },
    ]);
    const half = await waitFor(name, 'running');
    expect(half.body.variants.map((v: { weight: unknown }) => v.weight)).toEqual([
      { current: 50, desired: 50 },
      { current: 50, desired: 50 },
    ]);
    const after = await sagemakerCalls(name);
    expect(after.configs).toEqual(before.configs);
    expect(after.updates).toBe(0);
    expect(after.weights).toEqual([
      [
        { VariantName: 'blue', DesiredWeight: 50 },
        { VariantName: 'green', DesiredWeight: 50 },
      ],
    ]);
    const listed = await call({ method: 'GET', path: '/v1/endpoints?limit=100' });
    expect(listed.body.items.find((e: { name: string }) => e.name === name).variants).toHaveLength(2);

    // B won: one call.
    const promoted = await call({ method: 'POST', path: `/v1/endpoints/${name}/promote`, body: { variant: 'green' } });
    expect(promoted.status).toBe(202);
    const done = await waitFor(name, 'running');
    expect(done.body).toMatchObject({ version: 2, variants: [{ name: 'green', version: 2, weight: { current: 1, desired: 1 } }] });
    const described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
    expect(described.ProductionVariants?.map((v) => v.VariantName)).toEqual(['green']);
    const promotion = await sagemakerCalls(name);
    expect(promotion.configs).toHaveLength(2);
    // A change of the variant set goes without traffic shifting (SageMaker's guardrails need the same names).
    const updates = ((await recordedCalls(endpoint, 'UpdateEndpoint')) as { EndpointName?: string; DeploymentConfig?: unknown }[]).filter(
      (c) => c.EndpointName === name,
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]!.DeploymentConfig).toBeUndefined();
  });

  it('adds a shadow, changes its sampling in place, drops it, and promotes a shadow to production', async () => {
    const name = uniqueName('shadow');
    expect((await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 2, instanceType: type } })).status).toBe(202);
    await waitFor(name, 'running');
    const shadowBody = { shadow: { name: 'candidate', version: 1, instanceType: type, samplingPercent: 20 } };
    expect((await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: shadowBody })).status).toBe(202);
    const shadowed = await waitFor(name, 'running');
    expect(shadowed.body.shadow).toEqual({ name: 'candidate', version: 1, instanceType: type, instanceCount: { current: 1, desired: 1 }, samplingPercent: 20 });
    expect(shadowed.body.variants.map((v: { name: string }) => v.name)).toEqual(['main']);
    const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: (await sagemakerCalls(name)).configs.at(-1)! }));
    expect(config.ShadowProductionVariants).toMatchObject([{ VariantName: 'candidate', ModelName: `${model}-v1`, InitialVariantWeight: 0.2 }]);

    // A version a shadow serves is in use.
    const refused = await call({ method: 'DELETE', path: `/v1/models/${model}/versions/1` });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'VersionInUse' });
    expect(refused.body.endpoints).toContain(name);

    const configs = (await sagemakerCalls(name)).configs;
    expect((await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { shadow: { samplingPercent: 50 } } })).status).toBe(202);
    expect((await waitFor(name, 'running')).body.shadow).toMatchObject({ samplingPercent: 50 });
    expect((await sagemakerCalls(name)).configs).toEqual(configs);

    expect((await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { shadow: null } })).status).toBe(202);
    const dropped = await waitFor(name, 'running');
    expect(dropped.body.shadow).toBeUndefined();
    expect((await sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }))).ShadowProductionVariants).toBeUndefined();

    expect((await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: shadowBody })).status).toBe(202);
    await waitFor(name, 'running');
    expect((await call({ method: 'POST', path: `/v1/endpoints/${name}/promote`, body: { variant: 'candidate' } })).status).toBe(202);
    const promoted = await waitFor(name, 'running');
    expect(promoted.body).toMatchObject({ version: 1, variants: [{ name: 'candidate', version: 1 }] });
    expect(promoted.body.shadow).toBeUndefined();
  });

  it('refuses impossible combinations with 400s that point at the field', async () => {
    const name = uniqueName('bad');
    const duplicate = await call({
      method: 'POST',
      path: '/v1/endpoints',
      body: {
        name,
        model,
        variants: [
          { name: 'a', version: 1, instanceType: type },
          { name: 'a', version: 2, instanceType: type },
        ],
      },
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.errors).toEqual([{ path: '/body/variants/1/name', message: 'variant name a is used twice; names are unique' }]);
    const crowded = await call({
      method: 'POST',
      path: '/v1/endpoints',
      body: {
        name,
        model,
        variants: [
          { name: 'a', version: 1, instanceType: type },
          { name: 'b', version: 2, instanceType: type },
        ],
        shadow: { version: 1, instanceType: type, samplingPercent: 10 },
      },
    });
    expect(crowded.status).toBe(400);
    expect(crowded.body.errors.map((e: { path: string }) => e.path)).toEqual(['/body/shadow']);

    expect((await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: type } })).status).toBe(202);
    await waitFor(name, 'running');
    const canary = await call({
      method: 'PATCH',
      path: `/v1/endpoints/${name}`,
      body: { variants: [{ name: 'main' }, { name: 'b', version: 2, instanceType: type }], deployment: { strategy: 'canary' } },
    });
    expect(canary.status).toBe(400);
    expect(canary.body.errors.map((e: { path: string }) => e.path)).toEqual(['/body/deployment/strategy']);
    const unknown = await call({ method: 'POST', path: `/v1/endpoints/${name}/promote`, body: { variant: 'nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: '/body/variant', message: `endpoint ${name} has no variant nope; its variants are main` }]);
    expect((await sagemakerCalls(name)).configs).toHaveLength(1);
  });
});
