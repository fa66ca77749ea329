/**
 * Benchmarks the batch packager against a plain "download to disk, then `aws s3 cp`" baseline
 * on the same generated model, the same machine and the same local S3 (moto, local/emulator.ts).
 *
 *   npm run bench:packager -- [--gib 2] [--shards 4]
 *
 * A generated llama model (config.json, tokenizer.json, N safetensors shards totalling --gib)
 * is served by a small Hub-compatible HTTP server running in a child process (so its buffers do
 * not count toward the packager's RSS). Shard bytes are an AES-128-CTR keystream, produced on
 * the fly for any byte range: nothing the size of a shard is ever held in memory.
 * See docs/benchmarks.md for what the figures mean and what they do not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, freemem, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { HubClient } from '../batch-packager/src/hub-client.js';
import { ModelPackager } from '../batch-packager/src/package-model.js';
import { S3ObjectStore } from '../batch-packager/src/s3-object-store.js';
import { startEmulator, type Emulator } from '../local/emulator.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const modelId = 'bench/llama-synthetic';
const commitSha = 'b'.repeat(40);
const bucket = 'modelplane-bench';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const region = 'us-east-1';
/** The safetensors header (8-byte length + JSON padded with spaces) is always this long. */
const headerBytes = 256;
const chunkBytes = MiB;

interface Args {
  gib: number;
  shards: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { gib: 2, shards: 4 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = Number(argv[i + 1]);
    if (name === '--gib' || name === '--shards') {
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
      if (name === '--gib') args.gib = value;
      else args.shards = Math.floor(value);
      i++;
    } else if (name !== '--serve') {
      throw new Error(`Unknown argument ${name}; use --gib N and --shards N`);
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// The generated model (used by the server child process)
// ---------------------------------------------------------------------------------------------

interface ModelFile {
  path: string;
  size: number;
  /** Set for the shards (LFS files); small files are held as bytes. */
  sha256?: string;
  content?: Buffer;
  key?: Buffer;
}

function shardHeader(size: number): Buffer {
  const dataBytes = size - headerBytes;
  const json = JSON.stringify({
    __metadata__: { format: 'pt' },
    weight: { dtype: 'BF16', shape: [dataBytes / 2], data_offsets: [0, dataBytes] },
  });
  if (json.length > headerBytes - 8) throw new Error('safetensors header too long');
  const header = Buffer.alloc(headerBytes, 0x20);
  header.writeBigUInt64LE(BigInt(headerBytes - 8), 0);
  header.write(json, 8, 'utf8');
  return header;
}

/** Bytes [start, end) of a shard: the header, then an AES-128-CTR keystream over the data offset. */
function* shardBytes(file: ModelFile, start: number, end: number): Generator<Buffer> {
  const header = shardHeader(file.size);
  let position = start;
  if (position < headerBytes) {
    const slice = header.subarray(position, Math.min(headerBytes, end));
    position += slice.length;
    yield slice;
  }
  if (position >= end) return;
  const offset = position - headerBytes;
  const iv = Buffer.alloc(16);
  iv.writeBigUInt64BE(BigInt(Math.floor(offset / 16)), 8);
  const cipher = createCipheriv('aes-128-ctr', file.key!, iv);
  const zeros = Buffer.alloc(chunkBytes + 16);
  let skip = offset % 16;
  while (position < end) {
    const length = Math.min(chunkBytes, end - position);
    const out = cipher.update(zeros.subarray(0, length + skip)).subarray(skip);
    skip = 0;
    position += out.length;
    yield out;
  }
}

function buildModel(args: Args): ModelFile[] {
  const total = Math.floor((args.gib * GiB) / args.shards / 8) * 8 * args.shards;
  const shardSize = total / args.shards;
  const config = {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    torch_dtype: 'bfloat16',
    hidden_size: 4096,
    num_attention_heads: 32,
    num_hidden_layers: 32,
    vocab_size: 32000,
  };
  const tokenizer = { version: '1.0', model: { type: 'BPE', vocab: { a: 0, b: 1 }, merges: [] } };
  const files: ModelFile[] = [
    { path: 'config.json', size: 0, content: Buffer.from(`${JSON.stringify(config, null, 2)}\n`) },
    { path: 'tokenizer.json', size: 0, content: Buffer.from(JSON.stringify(tokenizer)) },
  ];
  for (const file of files) file.size = file.content!.length;
  for (let i = 1; i <= args.shards; i++) {
    const pad = (n: number) => String(n).padStart(5, '0');
    files.push({ path: `model-${pad(i)}-of-${pad(args.shards)}.safetensors`, size: shardSize, key: createHash('md5').update(`shard-${i}`).digest() });
  }
  return files;
}

async function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  if (!res.write(chunk)) {
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        if (res.destroyed && !res.writableFinished) reject(new Error('client went away'));
        else resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
}

/** The child process: serves the model on 127.0.0.1:0 and prints `READY {json}` on stdout. */
async function serve(args: Args): Promise<void> {
  const files = buildModel(args);
  const hashStart = performance.now();
  for (const file of files) {
    if (file.content) continue;
    const hash = createHash('sha256');
    for (const chunk of shardBytes(file, 0, file.size)) hash.update(chunk);
    file.sha256 = hash.digest('hex');
  }
  const hashSeconds = (performance.now() - hashStart) / 1000;
  const byPath = new Map(files.map((f) => [f.path, f]));
  const base = `/api/models/${modelId}`;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path.startsWith(`${base}/revision/`)) return json({ id: modelId, sha: commitSha });
    if (path === `${base}/tree/${commitSha}`) {
      return json(
        files.map((f) => ({
          type: 'file',
          path: f.path,
          size: f.size,
          oid: createHash('sha1').update(f.path).digest('hex'),
          ...(f.sha256 ? { lfs: { oid: f.sha256, size: f.size, pointerSize: 134 } } : {}),
        })),
      );
    }
    const resolvePrefix = `/${modelId}/resolve/${commitSha}/`;
    const file = path.startsWith(resolvePrefix) ? byPath.get(path.slice(resolvePrefix.length)) : undefined;
    if (!file) {
      res.writeHead(404, { 'x-error-code': 'EntryNotFound' });
      return res.end();
    }
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) start = Math.min(Number(range[1]), file.size);
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream', 'content-length': file.size - start, 'accept-ranges': 'bytes' };
    if (range) headers['content-range'] = `bytes ${start}-${file.size - 1}/${file.size}`;
    res.writeHead(range ? 206 : 200, headers);
    if (file.content) return res.end(file.content.subarray(start));
    void (async () => {
      try {
        for (const chunk of shardBytes(file, start, file.size)) await write(res, chunk);
        res.end();
      } catch {
        res.destroy();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const listing = files.map((f) => ({ path: f.path, size: f.size, weights: f.path.endsWith('.safetensors') }));
  process.stdout.write(`READY ${JSON.stringify({ endpoint: `http://127.0.0.1:${port}`, hashSeconds, files: listing })}\n`);
  // Exit with the parent.
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// The benchmark (parent process)
// ---------------------------------------------------------------------------------------------

interface Served {
  endpoint: string;
  hashSeconds: number;
  files: { path: string; size: number; weights: boolean }[];
}

async function startServer(argv: readonly string[]): Promise<{ child: ChildProcess; served: Served }> {
  const script = fileURLToPath(import.meta.url);
  // execArgv carries tsx's loader flags.
  const child = spawn(process.execPath, [...process.execArgv, script, '--serve', ...argv], { stdio: ['pipe', 'pipe', 'inherit'] });
  const served = await new Promise<Served>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)) as Served);
    });
    child.once('exit', (code) => reject(new Error(`The model server exited (code ${code}) before it was ready`)));
  });
  return { child, served };
}

/** Samples this process's RSS every 100 ms. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** Runs a command; its peak RSS from /usr/bin/time -v when present, else from /proc VmHWM. */
async function runMeasured(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ peakRssBytes: number }> {
  const useTime = await new Promise<boolean>((resolve) => {
    const probe = spawn('/usr/bin/time', ['-v', 'true'], { stdio: 'ignore' });
    probe.once('error', () => resolve(false));
    probe.once('exit', (code) => resolve(code === 0));
  });
  const child = useTime ? spawn('/usr/bin/time', ['-v', command, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] }) : spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  let hwmKb = 0;
  const sampler = useTime
    ? undefined
    : setInterval(() => {
        readFile(`/proc/${child.pid}/status`, 'utf8')
          .then((status) => {
            hwmKb = Math.max(hwmKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
          })
          .catch(() => undefined);
      }, 100);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  if (sampler) clearInterval(sampler);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`);
  if (useTime) hwmKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
  return { peakRssBytes: hwmKb * 1024 };
}

interface Row {
  name: string;
  seconds: number;
  bytes: number;
  rssMiB: string;
}

function table(rows: Row[]): string {
  const lines = [['name', 'wall s', 'MB/s', 'peak RSS MiB']];
  for (const r of rows) lines.push([r.name, r.seconds.toFixed(1), (r.bytes / 1e6 / r.seconds).toFixed(1), r.rssMiB]);
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

async function bench(args: Args, argv: readonly string[]): Promise<void> {
  let emulator: Emulator | undefined;
  let server: ChildProcess | undefined;
  let tempDir: string | undefined;
  const s3Holder: { client?: S3Client } = {};
  const cleanUp = async () => {
    s3Holder.client?.destroy();
    server?.kill();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    await emulator?.stop();
  };
  process.once('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });
  try {
    console.log(`Generating a ${args.gib} GiB model in ${args.shards} shards and hashing it...`);
    const started = await startServer(argv);
    server = started.child;
    const { served } = started;
    const weightBytes = served.files.filter((f) => f.weights).reduce((a, f) => a + f.size, 0);
    const allBytes = served.files.reduce((a, f) => a + f.size, 0);
    console.log(`  sha256 of the shards took ${served.hashSeconds.toFixed(1)} s (not measured below); model server at ${served.endpoint}`);

    emulator = await startEmulator();
    const s3 = new S3Client({ region, credentials, forcePathStyle: true, endpoint: emulator.endpoint });
    s3Holder.client = s3;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    console.log(`  emulator at ${emulator.endpoint}, bucket ${bucket}`);

    // 1. The packager, in this process.
    console.log('Running ModelPackager...');
    const packager = new ModelPackager({ hub: new HubClient({ endpoint: served.endpoint }), store: new S3ObjectStore(s3) });
    const rssBefore = process.memoryUsage().rss;
    const sampler = rssSampler();
    const t0 = performance.now();
    const result = await packager.package({ modelId, bucket, prefix: 'packager' });
    const packagerSeconds = (performance.now() - t0) / 1000;
    const rssPeak = sampler.stop();
    console.log(`  packaged ${result.files.length} files as ${result.series} -> ${result.artifacts.modelDataUri}`);

    // 2. Baseline: fetch to disk, then aws s3 cp --recursive.
    console.log('Running baseline (fetch to disk + aws s3 cp --recursive)...');
    tempDir = await mkdtemp(join(tmpdir(), 'bench-packager-'));
    const t1 = performance.now();
    for (const file of served.files) {
      const response = await fetch(`${served.endpoint}/${modelId}/resolve/${commitSha}/${file.path}`);
      if (!response.ok || !response.body) throw new Error(`GET ${file.path}: ${response.status}`);
      await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(join(tempDir, file.path)));
    }
    const downloadSeconds = (performance.now() - t1) / 1000;
    const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_DEFAULT_REGION: region, AWS_PAGER: '' };
    delete env.AWS_PROFILE;
    const t2 = performance.now();
    const aws = await runMeasured('aws', ['s3', 'cp', '--recursive', '--only-show-errors', tempDir, `s3://${bucket}/baseline/`, '--endpoint-url', emulator.endpoint], env);
    const uploadSeconds = (performance.now() - t2) / 1000;
    const baselineSeconds = (performance.now() - t1) / 1000;
    await rm(tempDir, { recursive: true, force: true });
    tempDir = undefined;

    const cpu = cpus();
    console.log('');
    console.log(`Machine: ${platform()} ${release()}, ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / GiB).toFixed(1)} GiB RAM (${(freemem() / GiB).toFixed(1)} GiB free), Node ${process.version}`);
    console.log(`Model: ${served.files.length} files, ${(allBytes / GiB).toFixed(2)} GiB (${(weightBytes / GiB).toFixed(2)} GiB of weights in ${args.shards} shards); MB/s = weight bytes / wall s (1 MB = 10^6 bytes)`);
    console.log('');
    console.log(
      table([
        { name: 'packager (in-process)', seconds: packagerSeconds, bytes: weightBytes, rssMiB: `${(rssPeak / MiB).toFixed(0)} (+${((rssPeak - rssBefore) / MiB).toFixed(0)} over ${(rssBefore / MiB).toFixed(0)} before)` },
        { name: 'baseline total', seconds: baselineSeconds, bytes: weightBytes, rssMiB: `${(aws.peakRssBytes / MiB).toFixed(0)} (aws process)` },
        { name: '  fetch to disk', seconds: downloadSeconds, bytes: weightBytes, rssMiB: '-' },
        { name: '  aws s3 cp', seconds: uploadSeconds, bytes: weightBytes, rssMiB: `${(aws.peakRssBytes / MiB).toFixed(0)}` },
      ]),
    );
  } finally {
    await cleanUp();
  }
}

const argv = process.argv.slice(2);
const args = parseArgs(argv);
if (argv.includes('--serve')) {
  await serve(args);
} else {
  await bench(args, argv);
  process.exit(0);
}
