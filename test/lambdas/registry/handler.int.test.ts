import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  DeleteEndpointCommand,
  DescribeEndpointCommand,
  DeleteEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localResources } from '../../../local/bootstrap.js';
import { emulatorClients, uploadTinyModel } from '../../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../../support/control-plane.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';

describe('registry API', () => {
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const { s3, sagemaker } = emulatorClients();
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  let artifact: Awaited<ReturnType<typeof uploadTinyModel>>;

  beforeAll(async () => {
    api = await startTestControlPlane();
    artifact = await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('weights')}/`);
  });
  afterAll(async () => {
    await api.close();
  });

  async function createModel(tenant?: string): Promise<string> {
    const name = uniqueName('m');
    const created = await call({ method: 'POST', path: '/v1/models', body: { name, description: 'test model' }, ...(tenant ? { tenant } : {}) });
    expect(created.status).toBe(201);
    return name;
  }

  async function createVersion(model: string, extra: Record<string, unknown> = {}): Promise<ApiAnswer> {
    return call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact.uri, imageUri: image, ...extra } });
  }

  describe('models', () => {
    it('creates a model and reads it back when the body is valid', async () => {
      const name = uniqueName('llama');
      const created = await call({ method: 'POST', path: '/v1/models', body: { name, description: 'Llama 3 8B', labels: { team: 'search' } } });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/v1/models/${name}`);
      expect(created.body).toMatchObject({ name, description: 'Llama 3 8B', labels: { team: 'search' }, aliases: {} });
      const read = await call({ method: 'GET', path: `/v1/models/${name}` });
      expect(read.body).toEqual(created.body);
    });

    it('rejects a bad body listing every problem at once', async () => {
      const bad = await call({ method: 'POST', path: '/v1/models', body: { name: '-bad_name-', labels: { team: 7 }, colour: 'blue' } });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(bad.body.code).toBe('ValidationFailed');
      const paths = (bad.body.errors as { path: string }[]).map((e) => e.path).sort();
      expect(paths).toEqual(['/body/colour', '/body/labels/team', '/body/name']);
    });

    it('rejects a body that is not JSON', async () => {
      const bad = await call({ method: 'POST', path: '/v1/models', body: '{"name": ' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ path: '/body', message: 'is not valid JSON' }]);
    });

    it('answers 404 problem when the model does not exist', async () => {
      const missing = await call({ method: 'GET', path: '/v1/models/no-such-model' });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ status: 404, code: 'ModelNotFound', instance: '/v1/models/no-such-model' });
    });

    it('rejects a duplicate name with 409', async () => {
      const name = await createModel();
      const again = await call({ method: 'POST', path: '/v1/models', body: { name } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ModelAlreadyExists');
    });

    it('hides a model from another tenant and refuses its name without saying whose it is', async () => {
      const name = await createModel('team-a');
      expect((await call({ method: 'GET', path: `/v1/models/${name}`, tenant: 'team-b' })).status).toBe(404);
      expect((await call({ method: 'DELETE', path: `/v1/models/${name}`, tenant: 'team-b' })).status).toBe(404);
      const taken = await call({ method: 'POST', path: '/v1/models', body: { name }, tenant: 'team-b' });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('ModelNameUnavailable');
      expect(JSON.stringify(taken.body)).not.toContain('team-a');
    });

    it('pages through models with limit and nextToken', async () => {
      const tenant = uniqueName('t').toLowerCase().slice(0, 30);
      const names = [await createModel(tenant), await createModel(tenant), await createModel(tenant)].sort();
      const first = await call({ method: 'GET', path: '/v1/models?limit=2', tenant });
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextToken).toEqual(expect.any(String));
      const second = await call({ method: 'GET', path: `/v1/models?limit=2&nextToken=${encodeURIComponent(first.body.nextToken)}`, tenant });
      expect(second.body.nextToken).toBeUndefined();
      const seen = [...first.body.items, ...second.body.items].map((m: { name: string }) => m.name).sort();
      expect(seen).toEqual(names);
    });

    it('rejects a limit out of range and a token from another list', async () => {
      const bad = await call({ method: 'GET', path: '/v1/models?limit=0' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('/query/limit');
      const tenant = uniqueName('t2').toLowerCase().slice(0, 30);
      await createModel(tenant);
      await createModel(tenant);
      const page = await call({ method: 'GET', path: '/v1/models?limit=1', tenant });
      const foreign = await call({ method: 'GET', path: `/v1/models?nextToken=${encodeURIComponent(page.body.nextToken)}` });
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors[0].path).toBe('/query/nextToken');
    });

    it('rejects an unknown query parameter', async () => {
      const bad = await call({ method: 'GET', path: '/v1/models?limt=5' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toEqual({ path: '/query/limt', message: 'is not a known property' });
    });

    it('updates description and labels', async () => {
      const name = await createModel();
      const patched = await call({ method: 'PATCH', path: `/v1/models/${name}`, body: { description: 'new', labels: { stage: 'beta' } } });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ description: 'new', labels: { stage: 'beta' } });
    });

    it('creates once and replays when the same Idempotency-Key and body come again', async () => {
      const name = uniqueName('idem');
      const key = uniqueName('key');
      const request = { method: 'POST', path: '/v1/models', body: { name }, headers: { 'Idempotency-Key': key } };
      const first = await call(request);
      const second = await call(request);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const reused = await call({ ...request, body: { name: `${name}-other` } });
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('IdempotencyKeyReused');
    });
  });

  describe('versions', () => {
    it('registers a version from S3 weights and an image, with sizing and a SageMaker model', async () => {
      const model = await createModel();
      const created = await createVersion(model, { environment: { OPTION_MAX_MODEL_LEN: '4096' } });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/v1/models/${model}/versions/1`);
      expect(created.body).toMatchObject({
        model,
        version: 1,
        modelDataUri: artifact.uri,
        imageUri: image,
        environment: { OPTION_MAX_MODEL_LEN: '4096' },
        series: 'llama',
        approval: 'approved',
        sizing: { parameters: artifact.parameters, dtype: 'bfloat16', weightBytes: artifact.weightBytes },
        sagemakerModelName: `${model}-v1`,
      });
      expect(created.body.sizing.fitsOn[0]).toBe('ml.g4dn.xlarge');
      const described = await sagemaker.send(new DescribeModelCommand({ ModelName: `${model}-v1` }));
      expect(described.PrimaryContainer?.ModelDataSource?.S3DataSource).toMatchObject({ S3Uri: artifact.uri, S3DataType: 'S3Prefix', CompressionType: 'None' });
      expect(described.PrimaryContainer?.Image).toBe(image);
      const pkg = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: created.body.modelPackageArn }));
      expect(pkg.ModelPackageGroupName).toBe(model);
    });

    it('numbers versions from 1 and pages through them newest first', async () => {
      const model = await createModel();
      for (let i = 0; i < 3; i++) expect((await createVersion(model)).status).toBe(201);
      const first = await call({ method: 'GET', path: `/v1/models/${model}/versions?limit=2` });
      expect(first.body.items.map((v: { version: number }) => v.version)).toEqual([3, 2]);
      const second = await call({ method: 'GET', path: `/v1/models/${model}/versions?limit=2&nextToken=${encodeURIComponent(first.body.nextToken)}` });
      expect(second.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
      expect(second.body.nextToken).toBeUndefined();
      expect((await call({ method: 'GET', path: `/v1/models/${model}` })).body.latestVersion).toBe(3);
    });

    it('keeps latestVersion at the highest version that exists as versions are deleted', async () => {
      const model = await createModel();
      for (let i = 0; i < 2; i++) expect((await createVersion(model)).status).toBe(201);
      expect((await call({ method: 'DELETE', path: `/v1/models/${model}/versions/2` })).status).toBe(204);
      expect((await call({ method: 'GET', path: `/v1/models/${model}` })).body.latestVersion).toBe(1);
      expect((await call({ method: 'DELETE', path: `/v1/models/${model}/versions/1` })).status).toBe(204);
      expect((await call({ method: 'GET', path: `/v1/models/${model}` })).body).not.toHaveProperty('latestVersion');
    });

    it('rejects weights outside the artifact bucket and an empty prefix', async () => {
      const model = await createModel();
      const elsewhere = await createVersion(model, { modelDataUri: 's3://someone-elses-bucket/llama/' });
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.body.errors[0].path).toBe('/body/modelDataUri');
      const empty = await createVersion(model, { modelDataUri: `s3://${localResources.artifactBucket}/nothing-here/` });
      expect(empty.status).toBe(400);
      expect(empty.body.errors[0].message).toMatch(/no objects/);
    });

    it('rejects a version from a packaging job that does not exist', async () => {
      const model = await createModel();
      const missing = await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { packagingJobId: 'no-such-job' } });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].path).toBe('/body/packagingJobId');
    });

    it('changes approval, description and labels but keeps the artifact', async () => {
      const model = await createModel();
      const created = await createVersion(model);
      const patched = await call({
        method: 'PATCH',
        path: `/v1/models/${model}/versions/1`,
        body: { approval: 'rejected', description: 'good', labels: { eval: 'passed' } },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ approval: 'rejected', description: 'good', labels: { eval: 'passed' }, modelDataUri: artifact.uri });
      const pkg = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: created.body.modelPackageArn }));
      expect(pkg.ModelApprovalStatus).toBe('Rejected');
      expect(pkg.InferenceSpecification?.Containers?.[0]?.Image).toBe(image);
      const immutable = await call({ method: 'PATCH', path: `/v1/models/${model}/versions/1`, body: { imageUri: image } });
      expect(immutable.status).toBe(400);
    });

    it('registers versions of a model whose name has capitals', async () => {
      const model = `Llama-${uniqueName('Caps')}`;
      expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
      expect((await createVersion(model)).status).toBe(201);
      expect((await call({ method: 'GET', path: `/v1/models/${model}/versions/1` })).status).toBe(200);
      expect((await call({ method: 'PATCH', path: `/v1/models/${model}/versions/1`, body: { approval: 'rejected' } })).body.approval).toBe('rejected');
      expect((await call({ method: 'DELETE', path: `/v1/models/${model}` })).status).toBe(204);
    });

    it('answers 404 for a version that does not exist', async () => {
      const model = await createModel();
      const missing = await call({ method: 'GET', path: `/v1/models/${model}/versions/7` });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('VersionNotFound');
    });
  });

  describe('aliases and deletes', () => {
    it('points an alias at a version and refuses to delete an aliased version', async () => {
      const model = await createModel();
      await createVersion(model);
      await createVersion(model);
      const set = await call({ method: 'PUT', path: `/v1/models/${model}/aliases/prod`, body: { version: 1 } });
      expect(set.status).toBe(200);
      expect(set.body.aliases).toEqual({ prod: 1 });
      expect((await call({ method: 'GET', path: `/v1/models/${model}/versions/1` })).body.aliases).toEqual(['prod']);
      const refused = await call({ method: 'DELETE', path: `/v1/models/${model}/versions/1` });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('VersionHasAliases');
      const moved = await call({ method: 'PUT', path: `/v1/models/${model}/aliases/prod`, body: { version: 2 } });
      expect(moved.body.aliases).toEqual({ prod: 2 });
      expect((await call({ method: 'DELETE', path: `/v1/models/${model}/versions/1` })).status).toBe(204);
      const unknown = await call({ method: 'PUT', path: `/v1/models/${model}/aliases/prod`, body: { version: 9 } });
      expect(unknown.status).toBe(400);
      expect((await call({ method: 'DELETE', path: `/v1/models/${model}/aliases/prod` })).status).toBe(204);
      expect((await call({ method: 'DELETE', path: `/v1/models/${model}/aliases/prod` })).status).toBe(404);
    });

    it('refuses to delete a version or model an endpoint serves, then deletes everything', async () => {
      const model = await createModel();
      await createVersion(model);
      const endpoint = uniqueName('ep');
      await sagemaker.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: endpoint,
          ProductionVariants: [{ VariantName: 'main', ModelName: `${model}-v1`, InstanceType: 'ml.g5.2xlarge', InitialInstanceCount: 1 }],
        }),
      );
      await sagemaker.send(new CreateEndpointCommand({ EndpointName: endpoint, EndpointConfigName: endpoint }));
      await expect
        .poll(async () => (await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint }))).EndpointStatus, { timeout: 10_000 })
        .toBe('InService');
      const version = await call({ method: 'DELETE', path: `/v1/models/${model}/versions/1` });
      expect(version.status).toBe(409);
      expect(version.body).toMatchObject({ code: 'VersionInUse', endpoints: [endpoint] });
      const whole = await call({ method: 'DELETE', path: `/v1/models/${model}` });
      expect(whole.status).toBe(409);
      expect(whole.body.code).toBe('ModelInUse');

      await sagemaker.send(new DeleteEndpointCommand({ EndpointName: endpoint }));
      await sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: endpoint }));
      expect((await call({ method: 'DELETE', path: `/v1/models/${model}` })).status).toBe(204);
      expect((await call({ method: 'GET', path: `/v1/models/${model}` })).status).toBe(404);
      await expect(sagemaker.send(new DescribeModelCommand({ ModelName: `${model}-v1` }))).rejects.toThrow();
      const again = await call({ method: 'POST', path: '/v1/models', body: { name: model } });
      expect(again.status).toBe(201);
    });
  });

  describe('routing', () => {
    it('answers 404 for an unknown path and 405 for an unknown method', async () => {
      expect((await call({ method: 'GET', path: '/v1/nothing' })).status).toBe(404);
      const wrong = await call({ method: 'PUT', path: '/v1/models' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toContain('POST');
    });

    it('serves the catalog', async () => {
      const types = await call({ method: 'GET', path: '/v1/instance-types' });
      expect(types.body.items).toContainEqual(expect.objectContaining({ name: 'ml.g5.2xlarge', gpus: 1, gpuMemoryGiB: 24 }));
      const series = await call({ method: 'GET', path: '/v1/series' });
      expect(series.body.items.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['llama', 'qwen', 't5']));
    });

    it('serves the docs page and the spec', async () => {
      const docs = await fetch(`${api.url}/docs`);
      expect(await docs.text()).toContain('swagger-ui-bundle.js');
      const asset = await fetch(`${api.url}/docs/assets/swagger-ui-bundle.js`);
      expect(asset.status).toBe(200);
      const spec = await fetch(`${api.url}/openapi.yaml`);
      expect(await spec.text()).toMatch(/^openapi: 3\.0\.3/m);
    });
  });
});
