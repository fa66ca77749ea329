import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  DeleteModelCommand,
  DeleteModelPackageCommand,
  DeleteModelPackageGroupCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  ListModelPackageGroupsCommand,
  ListModelPackagesCommand,
  ListTagsCommand,
  SageMakerClient,
  SageMakerServiceException,
  UpdateModelPackageCommand,
  type CreateModelPackageCommandInput,
  type ModelDataSource,
  type ProductionVariantInstanceType,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEmulator, startEmulator, type Emulator } from '../../local/emulator.js';

const launcher = fileURLToPath(new URL('../../local/emulator/launcher.py', import.meta.url));
// moto's fixed account; the partition is kept out of string literals (see eslint.config.js).
const partition = 'aws';
const arnPrefix = `arn:${partition}:sagemaker:us-east-1:123456789012`;
const roleArn = `arn:${partition}:iam::123456789012:role/modelplane-test`;
const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:test';
const weights: ModelDataSource = { S3DataSource: { S3Uri: 's3://modelplane-artifacts/llama/', S3DataType: 'S3Prefix', CompressionType: 'None' } };

let sequence = 0;
const uniqueName = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

/** The service error a call failed with; fails the test if the call succeeded. */
async function rejection(call: Promise<unknown>): Promise<SageMakerServiceException> {
  try {
    await call;
  } catch (error) {
    if (error instanceof SageMakerServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

describe('emulator', () => {
  let emulator: Emulator;
  let sagemaker: SageMakerClient;

  beforeAll(async () => {
    emulator = await startEmulator();
    sagemaker = new SageMakerClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    sagemaker?.destroy();
    await emulator?.stop();
  });

  async function createModel(name = uniqueName('model')): Promise<string> {
    await sagemaker.send(new CreateModelCommand({ ModelName: name, ExecutionRoleArn: roleArn, PrimaryContainer: { Image: image, ModelDataSource: weights } }));
    return name;
  }

  async function createGroup(name = uniqueName('group')): Promise<string> {
    await sagemaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: name }));
    return name;
  }

  async function createVersion(group: string, extra: Partial<CreateModelPackageCommandInput> = {}): Promise<string> {
    const created = await sagemaker.send(
      new CreateModelPackageCommand({
        ModelPackageGroupName: group,
        ModelPackageDescription: 'a test version',
        ModelApprovalStatus: 'PendingManualApproval',
        InferenceSpecification: {
          Containers: [{ Image: image, ModelDataSource: weights }],
          SupportedContentTypes: ['application/json'],
          SupportedResponseMIMETypes: ['application/json'],
        },
        ...extra,
      }),
    );
    return created.ModelPackageArn!;
  }

  describe('startEmulator', () => {
    it('resolves with a loopback endpoint when moto 5.2.1 is installed', () => {
      expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(processExists(emulator.pid)).toBe(true);
    });

    it('rejects with the missing interpreter and the install hint when the python path does not exist', async () => {
      await expect(startEmulator({ python: '/nonexistent/bin/python3' })).rejects.toThrow(
        /\/nonexistent\/bin\/python3 was not found.*pip install "moto\[server\]==5\.2\.1"/,
      );
    });

    it('rejects with the install hint when the interpreter has another moto version', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'modelplane-moto-'));
      try {
        await mkdir(join(dir, 'moto'));
        await writeFile(join(dir, 'moto', '__init__.py'), '__version__ = "4.2.14"\n');
        const python = join(dir, 'python');
        await writeFile(python, `#!/bin/sh\nPYTHONPATH='${dir}' exec python3 "$@"\n`);
        await chmod(python, 0o755);
        await expect(startEmulator({ python })).rejects.toThrow(/does not have moto 5\.2\.1.*pip install "moto\[server\]==5\.2\.1"[\s\S]*found 4\.2\.14/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  describe('Emulator.stop', () => {
    it('leaves no process behind when stopped', async () => {
      const second = await startEmulator();
      await second.stop();
      expect(processExists(second.pid)).toBe(false);
      await expect(second.stop()).resolves.toBeUndefined();
    });
  });

  describe('launcher.py', () => {
    it('exits by itself when the process named by --parent-pid dies', async () => {
      const parent = spawn('sleep', ['60'], { stdio: 'ignore' });
      const child = spawn('python3', [launcher, '--parent-pid', String(parent.pid)], { stdio: ['ignore', 'pipe', 'pipe'] });
      const closed = once(child, 'close');
      const [ready] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      expect(ready).toMatch(/^MOTO_READY http:\/\/127\.0\.0\.1:\d+$/);
      parent.kill('SIGKILL');
      const started = Date.now();
      const [code] = (await closed) as [number | null];
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  describe('checkEmulator', () => {
    it('resolves when the emulator answers', async () => {
      await expect(checkEmulator(emulator.endpoint)).resolves.toBeUndefined();
    });

    it('rejects naming AWS_ENDPOINT_URL when nothing listens at the endpoint', async () => {
      const server = createServer();
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address() as { port: number };
      server.close();
      await once(server, 'close');
      await expect(checkEmulator(`http://127.0.0.1:${port}`)).rejects.toThrow(/not reachable.*AWS_ENDPOINT_URL/);
    });
  });

  describe('patch_instance_types', () => {
    it.each<ProductionVariantInstanceType>(['ml.g5.2xlarge', 'ml.g6.12xlarge', 'ml.g6e.48xlarge', 'ml.p4d.24xlarge', 'ml.p5.48xlarge', 'ml.inf2.xlarge'])(
      'creates an endpoint config when the instance type is %s',
      async (instanceType) => {
        const model = await createModel();
        const name = uniqueName('config');
        await sagemaker.send(
          new CreateEndpointConfigCommand({
            EndpointConfigName: name,
            ProductionVariants: [{ VariantName: 'main', ModelName: model, InstanceType: instanceType, InitialInstanceCount: 1 }],
          }),
        );
        const described = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }));
        expect(described.ProductionVariants?.[0]?.InstanceType).toBe(instanceType);
      },
    );

    it('rejects an endpoint config with ValidationException when the instance type is not ml.*', async () => {
      const model = await createModel();
      const error = await rejection(
        sagemaker.send(
          new CreateEndpointConfigCommand({
            EndpointConfigName: uniqueName('config'),
            ProductionVariants: [
              { VariantName: 'main', ModelName: model, InstanceType: 'g5.2xlarge' as ProductionVariantInstanceType, InitialInstanceCount: 1 },
            ],
          }),
        ),
      );
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain("Value 'g5.2xlarge' at 'instanceType'");
    });

    it('creates a model package when its additional inference specification lists new instance types', async () => {
      const group = await createGroup();
      const arn = await createVersion(group, {
        AdditionalInferenceSpecifications: [
          {
            Name: 'gpu',
            Containers: [{ Image: image }],
            SupportedRealtimeInferenceInstanceTypes: ['ml.g6e.12xlarge'],
            SupportedTransformInstanceTypes: ['ml.g5.xlarge'],
          },
        ],
      });
      const described = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
      expect(described.AdditionalInferenceSpecifications?.[0]?.SupportedRealtimeInferenceInstanceTypes).toEqual(['ml.g6e.12xlarge']);
    });
  });

  describe('patch_refuse_duplicates', () => {
    it('rejects CreateModel with ValidationException and keeps the model when the name exists', async () => {
      const name = await createModel();
      const error = await rejection(
        sagemaker.send(new CreateModelCommand({ ModelName: name, ExecutionRoleArn: roleArn, PrimaryContainer: { Image: `${image}-other` } })),
      );
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe(`Cannot create already existing model "${arnPrefix}:model/${name}".`);
      const kept = await sagemaker.send(new DescribeModelCommand({ ModelName: name }));
      expect(kept.PrimaryContainer?.Image).toBe(image);
    });

    it('rejects CreateEndpointConfig with ValidationException and keeps the config when the name exists', async () => {
      const model = await createModel();
      const name = uniqueName('config');
      const variant = (instanceType: ProductionVariantInstanceType) => [
        { VariantName: 'main', ModelName: model, InstanceType: instanceType, InitialInstanceCount: 1 },
      ];
      await sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: name, ProductionVariants: variant('ml.g5.xlarge') }));
      const error = await rejection(sagemaker.send(new CreateEndpointConfigCommand({ EndpointConfigName: name, ProductionVariants: variant('ml.g6.xlarge') })));
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe(`Cannot create already existing endpoint configuration "${arnPrefix}:endpoint-config/${name}".`);
      const kept = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: name }));
      expect(kept.ProductionVariants?.[0]?.InstanceType).toBe('ml.g5.xlarge');
    });

    it('rejects CreateEndpoint with ValidationException when the name exists', async () => {
      const model = await createModel();
      const config = uniqueName('config');
      await sagemaker.send(
        new CreateEndpointConfigCommand({
          EndpointConfigName: config,
          ProductionVariants: [{ VariantName: 'main', ModelName: model, InstanceType: 'ml.g5.xlarge', InitialInstanceCount: 1 }],
        }),
      );
      const name = uniqueName('endpoint');
      await sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config }));
      const error = await rejection(sagemaker.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: config })));
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe(`Cannot create already existing endpoint "${arnPrefix}:endpoint/${name}".`);
    });

    it('rejects CreateModelPackageGroup with ValidationException and keeps the group when the name exists', async () => {
      const name = uniqueName('group');
      await sagemaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: name, ModelPackageGroupDescription: 'first' }));
      const error = await rejection(
        sagemaker.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: name, ModelPackageGroupDescription: 'second' })),
      );
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe(`Model Package Group already exists: ${arnPrefix}:model-package-group/${name}`);
      const kept = await sagemaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: name }));
      expect(kept.ModelPackageGroupDescription).toBe('first');
    });
  });

  describe('patch_model_package_deletes', () => {
    it('deletes one version when DeleteModelPackage is given its versioned ARN', async () => {
      const group = await createGroup();
      const first = await createVersion(group);
      const second = await createVersion(group);
      await sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: first }));
      const error = await rejection(sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: first })));
      expect(error.name).toBe('ValidationException');
      const listed = await sagemaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: group }));
      expect(listed.ModelPackageSummaryList?.map((p) => p.ModelPackageArn)).toEqual([second]);
    });

    it('deletes an unversioned model package when DeleteModelPackage is given its name', async () => {
      const name = uniqueName('package');
      await sagemaker.send(
        new CreateModelPackageCommand({
          ModelPackageName: name,
          InferenceSpecification: {
            Containers: [{ Image: image }],
            SupportedContentTypes: ['application/json'],
            SupportedResponseMIMETypes: ['application/json'],
          },
        }),
      );
      await sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: name }));
      const error = await rejection(sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: name })));
      expect(error.name).toBe('ValidationException');
    });

    it('rejects DeleteModelPackage with ValidationException when the version does not exist', async () => {
      const group = await createGroup();
      const error = await rejection(sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: `${arnPrefix}:model-package/${group}/7` })));
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata.httpStatusCode).toBe(400);
    });

    it('rejects DeleteModelPackage with ValidationException and deletes nothing when given a bare group name', async () => {
      const group = await createGroup();
      const version = await createVersion(group);
      const error = await rejection(sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: group })));
      expect(error.name).toBe('ValidationException');
      await expect(sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: version }))).resolves.toBeDefined();
    });

    it('rejects DeleteModelPackageGroup with ConflictException when the group still has versions', async () => {
      const group = await createGroup();
      await createVersion(group);
      const error = await rejection(sagemaker.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: group })));
      expect(error.name).toBe('ConflictException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      await expect(sagemaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: group }))).resolves.toBeDefined();
    });

    it('deletes the group when its last version was deleted first', async () => {
      const group = await createGroup();
      const version = await createVersion(group);
      await sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: version }));
      await sagemaker.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: group }));
      const error = await rejection(sagemaker.send(new DescribeModelPackageGroupCommand({ ModelPackageGroupName: group })));
      expect(error.message).toBe(`ModelPackageGroup ${arnPrefix}:model-package-group/${group} does not exist.`);
      const listed = await sagemaker.send(new ListModelPackageGroupsCommand({ NameContains: group }));
      expect(listed.ModelPackageGroupSummaryList).toEqual([]);
    });

    it('rejects DeleteModelPackageGroup with ValidationException when the group does not exist', async () => {
      const error = await rejection(sagemaker.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: uniqueName('missing') })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toMatch(/^ModelPackageGroup .* does not exist\.$/);
    });
  });

  describe('patch_model_package_versions', () => {
    it('numbers the next version after the highest ever issued when versions were deleted', async () => {
      const group = await createGroup();
      await createVersion(group);
      const second = await createVersion(group);
      const third = await createVersion(group);
      await sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: second }));
      await sagemaker.send(new DeleteModelPackageCommand({ ModelPackageName: third }));
      const fourth = await createVersion(group);
      expect(fourth).toBe(`${arnPrefix}:model-package/${group}/4`);
      const listed = await sagemaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: group }));
      expect(listed.ModelPackageSummaryList?.map((p) => p.ModelPackageVersion)).toEqual([1, 4]);
    });
  });

  describe('patch_update_model_package_merge', () => {
    it('keeps every field not sent when only the approval status is updated', async () => {
      const group = await createGroup();
      const arn = await createVersion(group, { CustomerMetadataProperties: { source: 'hub' } });
      const before = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
      await sagemaker.send(new UpdateModelPackageCommand({ ModelPackageArn: arn, ModelApprovalStatus: 'Approved', ApprovalDescription: 'benchmarks passed' }));
      const after = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
      expect(after).toMatchObject({
        ModelApprovalStatus: 'Approved',
        ApprovalDescription: 'benchmarks passed',
        ModelPackageDescription: before.ModelPackageDescription,
        InferenceSpecification: before.InferenceSpecification,
        CustomerMetadataProperties: { source: 'hub' },
        CreationTime: before.CreationTime,
      });
      expect(after.LastModifiedTime).toBeInstanceOf(Date);
    });

    it('merges metadata key by key and keeps the approval when only metadata is sent', async () => {
      const group = await createGroup();
      const arn = await createVersion(group, { ModelApprovalStatus: 'Approved', CustomerMetadataProperties: { source: 'hub', alias: 'prod', stale: 'yes' } });
      await sagemaker.send(new UpdateModelPackageCommand({ ModelPackageArn: arn, ApprovalDescription: 'kept' }));
      await sagemaker.send(
        new UpdateModelPackageCommand({
          ModelPackageArn: arn,
          CustomerMetadataProperties: { alias: 'canary', owner: 'search' },
          CustomerMetadataPropertiesToRemove: ['stale'],
        }),
      );
      const after = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
      expect(after.CustomerMetadataProperties).toEqual({ source: 'hub', alias: 'canary', owner: 'search' });
      expect(after.ModelApprovalStatus).toBe('Approved');
      expect(after.ApprovalDescription).toBe('kept');
      expect(after.InferenceSpecification?.Containers?.[0]?.ModelDataSource).toEqual(weights);
    });

    it('removes metadata keys when the package has no other metadata to merge', async () => {
      const group = await createGroup();
      const arn = await createVersion(group, { CustomerMetadataProperties: { only: 'one' } });
      await sagemaker.send(new UpdateModelPackageCommand({ ModelPackageArn: arn, CustomerMetadataPropertiesToRemove: ['only', 'absent'] }));
      const after = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
      expect(after.CustomerMetadataProperties ?? {}).toEqual({});
      expect(after.ModelApprovalStatus).toBe('PendingManualApproval');
    });

    it('rejects UpdateModelPackage with ValidationException when the package does not exist', async () => {
      const error = await rejection(
        sagemaker.send(
          new UpdateModelPackageCommand({ ModelPackageArn: `${arnPrefix}:model-package/${uniqueName('missing')}/1`, ModelApprovalStatus: 'Approved' }),
        ),
      );
      expect(error.name).toBe('ValidationException');
    });
  });

  // What moto 5.2.1 already does right: checked so that an upgrade or a patch cannot break it unseen.
  describe('moto 5.2.1 unpatched behaviour', () => {
    it('returns the uncompressed S3 prefix in DescribeModel when CreateModel sends ModelDataSource', async () => {
      const name = await createModel();
      const described = await sagemaker.send(new DescribeModelCommand({ ModelName: name }));
      expect(described.PrimaryContainer).toEqual({ Image: image, ModelDataSource: weights });
      expect(described.ModelArn).toBe(`${arnPrefix}:model/${name}`);
    });

    it('deletes a model when DeleteModel is called', async () => {
      const name = await createModel();
      await sagemaker.send(new DeleteModelCommand({ ModelName: name }));
      const error = await rejection(sagemaker.send(new DescribeModelCommand({ ModelName: name })));
      expect(error.name).toBe('ValidationException');
    });

    it('numbers versions 1, 2, 3 and describes one by its versioned ARN when a group gets three packages', async () => {
      const group = await createGroup();
      const arns: string[] = [];
      for (const build of ['a', 'b', 'c']) arns.push(await createVersion(group, { CustomerMetadataProperties: { build } }));
      expect(arns).toEqual([1, 2, 3].map((v) => `${arnPrefix}:model-package/${group}/${v}`));
      const second = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arns[1] }));
      expect(second).toMatchObject({
        ModelPackageGroupName: group,
        ModelPackageVersion: 2,
        ModelPackageArn: arns[1],
        ModelApprovalStatus: 'PendingManualApproval',
        CustomerMetadataProperties: { build: 'b' },
        InferenceSpecification: { Containers: [{ Image: image, ModelDataSource: weights }] },
      });
    });

    it('pages ListModelPackages when MaxResults is smaller than the group', async () => {
      const group = await createGroup();
      for (let i = 0; i < 3; i++) await createVersion(group);
      const first = await sagemaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: group, MaxResults: 2 }));
      expect(first.ModelPackageSummaryList?.map((p) => p.ModelPackageVersion)).toEqual([1, 2]);
      expect(first.NextToken).toBeTruthy();
      const second = await sagemaker.send(new ListModelPackagesCommand({ ModelPackageGroupName: group, MaxResults: 2, NextToken: first.NextToken }));
      expect(second.ModelPackageSummaryList?.map((p) => p.ModelPackageVersion)).toEqual([3]);
      expect(second.NextToken).toBeUndefined();
    });

    it('lists model package groups when they exist', async () => {
      const prefix = uniqueName('listed');
      await createGroup(`${prefix}-a`);
      await createGroup(`${prefix}-b`);
      const listed = await sagemaker.send(new ListModelPackageGroupsCommand({ NameContains: prefix }));
      expect(listed.ModelPackageGroupSummaryList?.map((g) => g.ModelPackageGroupName).sort()).toEqual([`${prefix}-a`, `${prefix}-b`]);
    });

    it('stores the tags when CreateModelPackageGroup sends Tags', async () => {
      const name = uniqueName('group');
      const created = await sagemaker.send(
        new CreateModelPackageGroupCommand({ ModelPackageGroupName: name, Tags: [{ Key: 'modelplane:tenant', Value: 'local' }] }),
      );
      const tags = await sagemaker.send(new ListTagsCommand({ ResourceArn: created.ModelPackageGroupArn }));
      expect(tags.Tags).toEqual([{ Key: 'modelplane:tenant', Value: 'local' }]);
    });
  });
});
