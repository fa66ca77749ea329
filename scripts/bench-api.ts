/**
 * A bounded load run of the local control plane's HTTP API on loopback: the handlers, the HTTP
 * core and the emulator behind them, driven by autocannon.
 *
 *   npm run bench:api -- [--duration 10] [--connections 4] [--json]
 *
 * Starts its own emulator (local/emulator.ts) and local plane (local/runtime.ts) on 127.0.0.1,
 * seeds a few models, versions and a running endpoint, then runs a read mix and a write mix for
 * --duration seconds each and prints, per mix, requests per second, p50/p99 latency and the
 * answers that were not 2xx, by status. Stops everything it started. See docs/benchmarks.md.
 */
import { parseArgs } from 'node:util';
import { cpus, loadavg, totalmem } from 'node:os';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import autocannon from 'autocannon';

// As `npm start` does: the SDK's Node 22 notice is noise here. INFO lines per request would
// flood the terminal: the handlers' logger reads its level when first imported, so the local
// modules are imported below, after this.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const { localResources } = await import('../local/bootstrap.js');
const { startEmulator } = await import('../local/emulator.js');
const { startControlPlane } = await import('../local/runtime.js');

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '4' },
    json: { type: 'boolean', default: false },
  },
});
const duration = Number(flags.duration);
const connections = Number(flags.connections);
if (!(Number.isInteger(duration) && duration >= 1 && duration <= 120)) throw new Error(`--duration must be 1..120 seconds, got ${flags.duration}`);
if (!(Number.isInteger(connections) && connections >= 1 && connections <= 64)) throw new Error(`--connections must be 1..64, got ${flags.connections}`);

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';
const run = `b${process.pid.toString(36)}${Date.now().toString(36)}`;
const json = { 'content-type': 'application/json' };

/** What one mix measured. */
interface MixResult {
  mix: string;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Answers that were not 2xx, by status. */
  non2xx: Record<string, number>;
  /** Connection errors and timeouts (no answer at all). */
  errors: number;
  timeouts: number;
}

/** A tiny but valid model in the emulator's artifact bucket (config.json and a safetensors file). */
async function uploadModel(endpoint: string, prefix: string): Promise<string> {
  const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const header = Buffer.from(JSON.stringify({ 'lm_head.weight': { dtype: 'BF16', shape: [16, 16], data_offsets: [0, 512] } }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  const files: Record<string, Buffer | string> = {
    'config.json': JSON.stringify({ model_type: 'llama', architectures: ['LlamaForCausalLM'], torch_dtype: 'bfloat16' }),
    'model.safetensors': Buffer.concat([length, header, Buffer.alloc(512)]),
    'tokenizer.json': '{}',
  };
  for (const [name, body] of Object.entries(files))
    await s3.send(new PutObjectCommand({ Bucket: localResources.artifactBucket, Key: `${prefix}${name}`, Body: body }));
  s3.destroy();
  return `s3://${localResources.artifactBucket}/${prefix}`;
}

/** One seeding call; anything but the expected status stops the run. */
async function api(base: string, method: string, path: string, body: unknown, expected: number): Promise<unknown> {
  const response = await fetch(`${base}${path}`, { method, headers: json, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`seeding: ${method} ${path} answered ${response.status}, not ${expected}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function waitRunning(base: string, endpoint: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status } = (await api(base, 'GET', `/v1/endpoints/${endpoint}`, undefined, 200)) as { status: string };
    if (status === 'running') return;
    if (Date.now() > deadline) throw new Error(`seeding: endpoint ${endpoint} is still ${status} after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs one mix: autocannon cycles each connection through `requests` in order. */
async function measure(mix: string, url: string, requests: autocannon.Request[]): Promise<MixResult> {
  const result = await autocannon({ url, connections, duration, requests, timeout: 10 });
  const stats = (result as autocannon.Result & { statusCodeStats?: Record<string, { count?: number }> }).statusCodeStats ?? {};
  const non2xx = Object.fromEntries(
    Object.entries(stats)
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, s]) => [status, s.count ?? 0]),
  );
  return {
    mix,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function main(): Promise<void> {
  const emulator = await startEmulator();
  // As `npm start` runs it, without the per-tenant throttle (it would measure the throttle) and
  // without the OCI registry (nothing here builds images).
  const plane = await startControlPlane({ emulatorEndpoint: emulator.endpoint, port: 0, registry: false, throttle: false });
  try {
    const base = plane.url;
    const artifact = await uploadModel(emulator.endpoint, `${run}/weights/`);
    const models = [0, 1, 2].map((i) => `${run}-m${i}`);
    for (const name of models) await api(base, 'POST', '/v1/models', { name, labels: { bench: run } }, 201);
    for (let i = 0; i < 3; i++) await api(base, 'POST', `/v1/models/${models[0]}/versions`, { modelDataUri: artifact, imageUri: image }, 201);
    const endpoint = `${run}-ep`;
    await api(base, 'POST', '/v1/endpoints', { name: endpoint, model: models[0], version: 1, instanceType: 'ml.g5.2xlarge' }, 202);
    await waitRunning(base, endpoint);
    if (!flags.json) console.error(`seeded ${models.length} models, 3 versions, endpoint ${endpoint}; ${duration} s per mix, ${connections} connections`);

    const read = await measure('read', base, [
      { method: 'GET', path: '/v1/models?limit=20' },
      { method: 'GET', path: `/v1/models/${models[0]}` },
      { method: 'GET', path: `/v1/models/${models[0]}/versions` },
      { method: 'GET', path: `/v1/endpoints/${endpoint}` },
      { method: 'GET', path: '/v1/instance-types' },
      { method: 'GET', path: `/v1/endpoints/${endpoint}/metrics` },
    ]);

    // Each connection creates a model of its own name, deletes it, and relabels a seeded one.
    let counter = 0;
    const write = await measure('write', base, [
      {
        method: 'POST',
        path: '/v1/models',
        headers: json,
        setupRequest: (request, context) => {
          const name = `${run}-w${(counter += 1)}`;
          (context as { name?: string }).name = name;
          return { ...request, body: JSON.stringify({ name, labels: { bench: run } }) };
        },
      },
      { method: 'DELETE', setupRequest: (request, context) => ({ ...request, path: `/v1/models/${(context as { name?: string }).name ?? 'none'}` }) },
      {
        method: 'PATCH',
        path: `/v1/models/${models[1]}`,
        headers: json,
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ labels: { bench: run, round: String(counter) } }) }),
      },
    ]);

    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
      node: process.version,
    };
    const results = [read, write];
    if (flags.json) {
      console.log(JSON.stringify({ date: new Date().toISOString(), machine, duration, connections, results }, null, 2));
    } else {
      console.log(`\n${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, load ${machine.loadAverage1m} (1 min), Node ${machine.node}`);
      console.log(`${duration} s per mix, ${connections} connections, loopback\n`);
      console.log('mix    requests  req/s  p50 ms  p99 ms  max ms  non-2xx            errors');
      for (const r of results) {
        const non2xx =
          Object.entries(r.non2xx)
            .map(([status, count]) => `${status}: ${count}`)
            .join(', ') || 'none';
        console.log(
          `${r.mix.padEnd(6)} ${String(r.requests).padStart(8)} ${String(r.requestsPerSecond).padStart(6)} ${String(r.latencyMs.p50).padStart(7)} ${String(r.latencyMs.p99).padStart(7)} ${String(r.latencyMs.max).padStart(7)}  ${non2xx.padEnd(18)} ${r.errors + r.timeouts}`,
        );
      }
    }
  } finally {
    await plane.close();
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
