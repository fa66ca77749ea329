import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localResources } from '../../local/bootstrap.js';
import { emulatorClients, uploadTinyModel } from '../support/aws.js';
import { startTestControlPlane, uniqueName } from '../support/control-plane.js';
import { createVariantEndpoint } from '../support/variant-endpoints.js';

const bin = fileURLToPath(new URL('../../cli/bin.js', import.meta.url));
const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The real CLI as a user runs it: `node cli/bin.js ...` in another process, from another
 * directory, without a TTY (so --wait prints lines). Asynchronous, because the plane it talks
 * to serves from this process.
 */
function cli(args: string[], options: { onStderr?: (text: string, child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const { MODELPLANE_API_URL: _url, MODELPLANE_TOKEN: _token, MODELPLANE_TENANT: _tenant, ...env } = process.env;
    const child = spawn(process.execPath, [bin, ...args], { cwd: '/', env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the modelplane CLI against the local control plane', () => {
  let plane: Awaited<ReturnType<typeof startTestControlPlane>>;
  let modelDataUri: string;
  // Its own tenant, so lists hold only what this suite made.
  const tenant = uniqueName('cli');
  const run = (...args: string[]) => cli(['--api-url', `${plane.url}/v1`, '--tenant', tenant, '--poll-interval', '0.2', ...args]);
  const json = async (...args: string[]): Promise<any> => {
    const result = await run('--output', 'json', ...args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    plane = await startTestControlPlane({ watchIntervalMs: 100 });
    ({ uri: modelDataUri } = await uploadTinyModel(emulatorClients().s3, localResources.artifactBucket, `${uniqueName('cli-weights')}/`));
  });
  afterAll(async () => {
    await plane.close();
  });

  it('creates, lists, gets and deletes models, as JSON that parses and as a table', async () => {
    const [a, b] = [uniqueName('m'), uniqueName('m')];
    expect(await json('models', 'create', a, '--description', 'first', '--label', 'team=search')).toMatchObject({
      name: a,
      description: 'first',
      labels: { team: 'search' },
    });
    expect(await json('models', 'create', b)).toMatchObject({ name: b, aliases: {} });
    expect((await json('models', 'list')).map((m: { name: string }) => m.name)).toEqual([a, b].sort());
    expect(await json('models', 'get', a)).toMatchObject({ name: a, description: 'first' });

    const table = await run('models', 'list');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+LATEST\s+ALIASES\s+UPDATED$/);
    expect(table.stdout).toContain(a);

    const deleted = await run('--output', 'json', 'models', 'delete', b);
    expect(deleted).toMatchObject({ code: 0, stdout: '' });
    expect((await json('models', 'list')).map((m: { name: string }) => m.name)).toEqual([a]);
  });

  it('exits 2 with the problem on a 404 and a 400, and never shows a stack trace', async () => {
    const missing = await run('models', 'get', 'nope-not-here');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^Error: Not Found \(404 ModelNotFound\)\n.*nope-not-here.*\nRequest id: \S+\n$/);

    const invalid = await run('models', 'create', '--', '-bad-');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('Error: Bad Request (400 ValidationFailed)');
    expect(invalid.stderr).toContain('  /body/name: ');
    expect(invalid.stderr).toContain('Request id: ');
    for (const result of [missing, invalid]) {
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }

    const usage = await run('endpoints', 'scale', 'x', 'many');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Expected a whole number');
  });

  it('exits 1 on a network error, saying the API may not be running there', async () => {
    const port = await closedPort();
    const result = await cli(['--api-url', `http://127.0.0.1:${port}/v1`, 'models', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`could not reach the modelplane API at http://127.0.0.1:${port}/v1 (ECONNREFUSED)`);
    expect(result.stderr).toContain('npm start');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('registers versions and moves aliases', async () => {
    const model = uniqueName('v');
    await json('models', 'create', model);
    const first = await json('versions', 'create', model, '--model-data-uri', modelDataUri, '--image-uri', image, '--env', 'OPTION_MAX_MODEL_LEN=8192');
    expect(first).toMatchObject({ model, version: 1, modelDataUri, environment: { OPTION_MAX_MODEL_LEN: '8192' }, approval: 'approved' });
    await json('versions', 'create', model, '--model-data-uri', modelDataUri, '--image-uri', image, '--description', 'second');
    expect((await json('versions', 'list', model)).map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(await json('aliases', 'set', model, 'prod', '1')).toMatchObject({ aliases: { prod: 1 } });
    const moved = await run('aliases', 'set', model, 'prod', '2');
    expect(moved.stdout).toContain('prod -> version 2');
    expect((await json('models', 'get', model)).aliases).toEqual({ prod: 2 });

    const neither = await run('versions', 'create', model);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('Give --model-data-uri and --image-uri, or --packaging-job.');
  });

  it('creates an endpoint and waits with progress lines, scales it, reads its metrics and deletes it', async () => {
    const model = uniqueName('served');
    const name = uniqueName('ep');
    await json('models', 'create', model);
    await json('versions', 'create', model, '--model-data-uri', modelDataUri, '--image-uri', image);
    await json('aliases', 'set', model, 'prod', '1');

    const created = await run(
      '--output',
      'json',
      'endpoints',
      'create',
      '--name',
      name,
      '--model',
      model,
      '--alias',
      'prod',
      '--instance-type',
      'ml.g5.2xlarge',
      '--wait',
    );
    expect(created.code).toBe(0);
    const lines = created.stderr.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^\\[\\d+s\\] endpoint ${name}: creating \\(SageMaker Creating\\), instances 0/1$`));
    expect(lines.at(-1)).toMatch(/running \(SageMaker InService\), instances 1\/1$/);
    expect(JSON.parse(created.stdout)).toMatchObject({ name, status: 'running', model, version: 1, alias: 'prod', instanceCount: { current: 1, desired: 1 } });

    const scaled = await run('--output', 'json', 'endpoints', 'scale', name, '2', '--wait');
    expect(scaled.code).toBe(0);
    expect(scaled.stderr).toContain('instances 2/2');
    expect(JSON.parse(scaled.stdout)).toMatchObject({ status: 'running', instanceCount: { current: 2, desired: 2 } });

    const autoscaled = await json('endpoints', 'update', name, '--min', '1', '--max', '4', '--target-metric', 'concurrentRequests', '--target-value', '8');
    expect(autoscaled.autoscaling).toMatchObject({ minInstances: 1, maxInstances: 4, target: { metric: 'concurrentRequests', value: 8 } });
    expect((await json('endpoints', 'update', name, '--max', '3')).autoscaling).toMatchObject({ minInstances: 1, maxInstances: 3 });
    expect((await json('endpoints', 'list')).map((e: { name: string }) => e.name)).toEqual([name]);

    const scheduled = await json(
      'endpoints',
      'update',
      name,
      '--pause-cron',
      '0 19 * * MON-FRI',
      '--resume-cron',
      '0 7 * * MON-FRI',
      '--timezone',
      'Europe/Berlin',
    );
    expect(scheduled).toMatchObject({ pauseSchedule: { cron: '0 19 * * MON-FRI', timezone: 'Europe/Berlin' }, resumeSchedule: { cron: '0 7 * * MON-FRI' } });
    expect((await json('endpoints', 'update', name, '--no-pause-schedule')).pauseSchedule).toBeUndefined();
    expect((await json('endpoints', 'update', name, '--idle-pause-minutes', '10080')).idlePause).toEqual({ afterMinutes: 10080 });
    expect((await run('endpoints', 'get', name)).stdout).toMatch(/IDLE PAUSE\s+after 10080 minutes without invocations/);
    expect((await json('endpoints', 'update', name, '--no-idle-pause')).idlePause).toBeUndefined();
    const paused = await run('endpoints', 'pause', name);
    expect(paused.stdout).toContain(`Paused endpoint ${name}`);
    await expect.poll(async () => ((await json('endpoints', 'get', name)) as { sagemakerStatus: string }).sagemakerStatus, { timeout: 20_000 }).toBe('Deleted');
    expect(await json('endpoints', 'get', name)).toMatchObject({ status: 'paused', instanceCount: { current: 0, desired: 2 } });
    const resumed = await run('--output', 'json', 'endpoints', 'resume', name, '--wait');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ status: 'running', instanceCount: { current: 2, desired: 2 }, autoscaling: { maxInstances: 3 } });

    // This plane publishes no synthetic metrics (other suites assert exact figures): series without points.
    const metrics = await json('metrics', name, '--metrics', 'gpuUtilization,concurrentRequests', '--since', '15m', '--period', '60');
    expect(metrics).toMatchObject({ endpoint: name, period: 60 });
    expect(metrics.series.map((s: { metric: string }) => s.metric).sort()).toEqual(['concurrentRequests', 'gpuUtilization']);
    const table = await run('metrics', name, '--metrics', 'gpuUtilization');
    expect(table.stdout).toMatch(/METRIC\s+INSTANCE\s+STAT\s+UNIT\s+POINTS\s+LAST\s+AVG\s+MAX\ngpuUtilization\s+-\s+Average\s+Percent\s+0/);

    const deleted = await run('endpoints', 'delete', name, '--wait');
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toContain(`deletion of endpoint ${name}: deleting`);
    expect(deleted.stdout).toBe(`Deleted endpoint ${name}.\n`);
    expect((await run('endpoints', 'get', name)).code).toBe(2);
  });

  it('serves two variants at 90/10, shifts to 50/50, adds and drops a shadow, and promotes one', async () => {
    /** A --wait command's JSON answer (its progress goes to stderr). */
    const waited = async (...args: string[]): Promise<any> => {
      const result = await run('--output', 'json', ...args, '--wait');
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout);
    };
    const model = uniqueName('ab');
    const name = uniqueName('ep');
    await json('models', 'create', model);
    for (let i = 0; i < 2; i++) await json('versions', 'create', model, '--model-data-uri', modelDataUri, '--image-uri', image);
    const variants = [
      '--variant',
      'name=blue,version=1,type=ml.g5.2xlarge,weight=90',
      '--variant',
      'name=green,version=2,type=ml.g5.2xlarge,count=1,weight=10',
    ];
    const created = await waited('endpoints', 'create', '--name', name, '--model', model, ...variants);
    expect(created.variants.map((v: { name: string; weight: { desired: number } }) => [v.name, v.weight.desired])).toEqual([
      ['blue', 90],
      ['green', 10],
    ]);
    const shown = await run('endpoints', 'get', name);
    expect(shown.stdout).toMatch(/VARIANT blue\s+version 1 on ml\.g5\.2xlarge, instances 1\/1, weight 90\/90/);
    expect(shown.stdout).toMatch(/VARIANT green\s+version 2 on ml\.g5\.2xlarge, instances 1\/1, weight 10\/10/);

    const half = await waited('endpoints', 'update', name, '--variant', 'name=blue,weight=50', '--variant', 'name=green,weight=50');
    expect(half.variants.map((v: { weight: unknown }) => v.weight)).toEqual([
      { current: 50, desired: 50 },
      { current: 50, desired: 50 },
    ]);
    const promoted = await waited('endpoints', 'promote', name, 'green');
    expect(promoted).toMatchObject({ version: 2, variants: [{ name: 'green' }] });

    const shadowed = await waited('endpoints', 'update', name, '--shadow', 'version=1,type=ml.g5.2xlarge,sampling=20');
    expect(shadowed.shadow).toMatchObject({ name: 'shadow', version: 1, samplingPercent: 20 });
    expect((await run('endpoints', 'get', name)).stdout).toMatch(/SHADOW shadow\s+version 1 on ml\.g5\.2xlarge, instances 1\/1, sampling 20 %/);
    expect((await waited('endpoints', 'update', name, '--no-shadow')).shadow).toBeUndefined();

    const usage = await run('endpoints', 'create', '--name', name, '--model', model, '--variant', 'name=a,colour=red');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Expected name=...,version=...,alias=...,type=...,count=...,weight=..., got "colour=red"');
    expect((await run('endpoints', 'delete', name, '--wait')).code).toBe(0);
  });

  it('submits a packaging job, follows it with --wait until it is cancelled, and stops waiting on Ctrl-C', async () => {
    const model = uniqueName('pkg');
    await json('models', 'create', model);
    // This plane runs no packaging jobs: they stay queued until cancelled.
    const job = await json('package', 'acme/tiny-llama', '--model', model, '--revision', 'main', '--no-build-image');
    expect(job).toMatchObject({ status: 'queued', model, buildImage: false, source: { type: 'huggingface', modelId: 'acme/tiny-llama', revision: 'main' } });

    let interrupted = false;
    const waited = cli(['--api-url', `${plane.url}/v1`, '--tenant', tenant, '--poll-interval', '0.2', 'jobs', 'get', job.jobId, '--wait'], {
      // Once: a second Ctrl-C is Node's default, which ends the process at once.
      onStderr: (text, child) => {
        if (text.includes('queued') && !interrupted) interrupted = child.kill('SIGINT');
      },
    });
    const stopped = await waited;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain(`[0s] packaging job ${job.jobId}: queued, 0 B of 0 B, files 0/0`);
    expect(stopped.stderr).toContain(`Watch it again with:\n  modelplane --api-url ${plane.url}/v1 --tenant ${tenant} jobs get ${job.jobId} --wait`);

    const following = run('jobs', 'get', job.jobId, '--wait');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await json('jobs', 'cancel', job.jobId)).jobId).toBe(job.jobId);
    const ended = await following;
    expect(ended.code).toBe(1);
    expect(ended.stderr).toContain(`Packaging job ${job.jobId} is cancelled`);
    expect((await json('jobs', 'list', '--model', model)).map((j: { status: string }) => j.status)).toEqual(['cancelled']);
  });

  it('packages from S3, a prefix or a model.tar.gz, and exits 2 with SourceNotAllowed for a bucket packaging may not read', async () => {
    const model = uniqueName('pkg-s3');
    await json('models', 'create', model);
    const archive = `s3://${localResources.trainingBucket}/${uniqueName('job')}/output/model.tar.gz`;
    const fromArchive = await json('package', archive, '--model', model, '--no-build-image');
    expect(fromArchive).toMatchObject({ status: 'queued', model, source: { type: 's3', uri: archive } });
    // A prefix given without its '/' gets one.
    const prefix = `s3://${localResources.trainingBucket}/${uniqueName('ft')}`;
    expect((await json('package', prefix, '--model', model, '--no-build-image')).source).toEqual({ type: 's3', uri: `${prefix}/` });
    for (const job of [fromArchive.jobId, (await json('jobs', 'list', '--model', model))[0].jobId]) await json('jobs', 'cancel', job);

    const refused = await run('package', 's3://someone-elses-bucket/finetune/', '--model', model);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Error: Bad Request (400 SourceNotAllowed)');
    expect(refused.stderr).toContain(`s3://${localResources.trainingBucket}/`);
    expect(refused.stderr).toContain('  /body/source/uri: ');
  });

  it('invokes an endpoint, and chats with it printing the tokens as they stream', async () => {
    const model = uniqueName('served');
    const name = uniqueName('ep');
    await json('models', 'create', model);
    await json('versions', 'create', model, '--model-data-uri', modelDataUri, '--image-uri', image);
    expect((await run('endpoints', 'create', '--name', name, '--model', model, '--version', '1', '--instance-type', 'ml.g5.2xlarge', '--wait')).code).toBe(0);

    const answer = await json('invoke', name, '{"inputs": "Hello", "parameters": {"max_new_tokens": 3}}');
    expect(answer.generated_text.split(' ')).toHaveLength(3);
    const whole = await json('chat', name, 'What is deep learning?', '--max-tokens', '5');
    const streamed = await run('chat', name, 'What is deep learning?', '--max-tokens', '5');
    expect(streamed.code).toBe(0);
    expect(streamed.stdout).toBe(`${whole.choices[0].message.content}\n`);
    const refused = await run('invoke', name, '{"inputs": 42}');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('`inputs` must be a string');
    await json('endpoints', 'delete', name);
  });

  it('lists the catalog', async () => {
    const types = await json('catalog', 'instance-types');
    expect(types.map((t: { name: string }) => t.name)).toContain('ml.g5.2xlarge');
    const series = await run('catalog', 'series');
    expect(series.stdout).toMatch(/^NAME\s+SERVING\s+ARCHITECTURES\s+DESCRIPTION\nllama\s+lmi\s+LlamaForCausalLM/);
  });
  it('reads the variants of an A/B endpoint side by side, in a VARIANT column, and narrows to one with --variant', async () => {
    // Its own tenant, so the other tests' lists stay theirs.
    const abTenant = uniqueName('cli-ab');
    const name = uniqueName('cli-ab');
    await createVariantEndpoint(emulatorClients().sagemaker, name, abTenant, [
      { name: 'a', instanceType: 'ml.g5.xlarge', instanceCount: 1, weight: 0.5 },
      { name: 'b', instanceType: 'ml.g5.xlarge', instanceCount: 1, weight: 0.5 },
    ]);
    const at = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000);
    const cloudwatch = new CloudWatchClient({
      endpoint: inject('emulatorEndpoint'),
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/SageMaker',
        MetricData: ['a', 'b'].map((variant, i) => ({
          MetricName: 'Invocations',
          Value: 10 * (i + 1),
          Timestamp: at,
          Dimensions: [
            { Name: 'EndpointName', Value: name },
            { Name: 'VariantName', Value: variant },
          ],
        })),
      }),
    );
    cloudwatch.destroy();
    const ab = (...args: string[]) => cli(['--api-url', `${plane.url}/v1`, '--tenant', abTenant, ...args]);

    const table = await ab('metrics', name, '--metrics', 'invocations', '--since', '15m');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /METRIC\s+VARIANT\s+INSTANCE\s+STAT\s+UNIT\s+POINTS\s+LAST\s+AVG\s+MAX\ninvocations\s+a\s+-\s+Sum\s+Count\s+1\s+10\s+10\s+10\ninvocations\s+b\s+-\s+Sum\s+Count\s+1\s+20/,
    );
    const one = await ab('--output', 'json', 'metrics', name, '--metrics', 'invocations', '--since', '15m', '--variant', 'b');
    expect(JSON.parse(one.stdout).series).toEqual([
      { metric: 'invocations', stat: 'Sum', unit: 'Count', variant: 'b', role: 'production', points: [{ timestamp: expect.any(String), value: 20 }] },
    ]);
    const refused = await ab('metrics', name, '--variant', 'main');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('it serves a, b');
  });
});
