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
import { CreateBucketCommand, DeleteObjectsCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { HubClient } from '../batch-packager/src/hub-client.js';
import { ModelPackager, type PackagerOptions } from '../batch-packager/src/package-model.js';
import { createPackagerS3Client, S3ObjectStore, unsignedPayloadMiddleware } from '../batch-packager/src/s3-object-store.js';
import { defaultPartSizes } from '../batch-packager/src/s3-stream-upload.js';
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
  /** Packager settings to try; unset means the packager's defaults. */
  files?: number;
  parts?: number;
  partMiB?: number;
  /** The S3 client's requestChecksumCalculation; unset means the packager's own client settings. */
  checksums?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
  /** Sign part bodies with their SHA-256, as the SDK does by default (the packager sends UNSIGNED-PAYLOAD). */
  signedPayload: boolean;
  baseline: boolean;
  /** Runs of each, alternating. */
  repeat: number;
  /** The emulator on a CPU of its own (taskset), everything else on the others. */
  pin: boolean;
}

const usage =
  'use --gib N, --shards N, --repeat N, --pin, --no-baseline, --files N, --parts N, --part-mib N, --checksums when_supported|when_required, --signed-payload';

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { gib: 2, shards: 4, baseline: true, repeat: 1, pin: false, signedPayload: false };
  const numeric = { '--gib': 'gib', '--shards': 'shards', '--repeat': 'repeat', '--files': 'files', '--parts': 'parts', '--part-mib': 'partMiB' } as const;
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    if (name in numeric) {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
      const field = numeric[name as keyof typeof numeric];
      args[field] = field === 'gib' ? value : Math.floor(value);
    } else if (name === '--checksums') {
      const value = argv[++i]?.toUpperCase();
      if (value !== 'WHEN_SUPPORTED' && value !== 'WHEN_REQUIRED') throw new Error(`--checksums is when_supported or when_required; ${usage}`);
      args.checksums = value;
    } else if (name === '--no-baseline') {
      args.baseline = false;
    } else if (name === '--pin') {
      args.pin = true;
    } else if (name === '--signed-payload') {
      args.signedPayload = true;
    } else if (name !== '--serve') {
      throw new Error(`Unknown argument ${name}; ${usage}`);
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
    const headers: Record<string, string | number> = {
      'content-type': 'application/octet-stream',
      'content-length': file.size - start,
      'accept-ranges': 'bytes',
    };
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

/** CPU seconds (user + system, all threads) a process has used so far, from /proc/<pid>/stat. */
async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at the state, field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime (14) + stime (15)
  return ticks / clockTicksPerSecond;
}

/** Linux's USER_HZ: 100 on every mainstream kernel configuration. */
const clockTicksPerSecond = 100;

function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** CPU seconds used by this process, the model server and the emulator from now until `stop`. */
async function cpuMeter(serverPid: number, emulatorPid: number): Promise<{ stop(): Promise<{ own: number; server: number; emulator: number }> }> {
  const own = ownCpuSeconds();
  const [server, emulator] = await Promise.all([cpuSecondsOf(serverPid), cpuSecondsOf(emulatorPid)]);
  return {
    async stop() {
      const [serverNow, emulatorNow] = await Promise.all([cpuSecondsOf(serverPid), cpuSecondsOf(emulatorPid)]);
      return { own: ownCpuSeconds() - own, server: serverNow - server, emulator: emulatorNow - emulator };
    },
  };
}

/** Runs a command; its peak RSS and CPU from /usr/bin/time -v when present, else from /proc. */
async function runMeasured(
  commandName: string,
  commandArgs: string[],
  env: NodeJS.ProcessEnv,
  cpuList?: string,
): Promise<{ peakRssBytes: number; cpuSeconds: number }> {
  const [command, args] = cpuList === undefined ? [commandName, commandArgs] : ['taskset', ['-c', cpuList, commandName, ...commandArgs]];
  const useTime = await new Promise<boolean>((resolve) => {
    const probe = spawn('/usr/bin/time', ['-v', 'true'], { stdio: 'ignore' });
    probe.once('error', () => resolve(false));
    probe.once('exit', (code) => resolve(code === 0));
  });
  const child = useTime
    ? spawn('/usr/bin/time', ['-v', command, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  let hwmKb = 0;
  let cpuSeconds = 0;
  const sampler = useTime
    ? undefined
    : setInterval(() => {
        readFile(`/proc/${child.pid}/status`, 'utf8')
          .then((status) => {
            hwmKb = Math.max(hwmKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
          })
          .catch(() => undefined);
        cpuSecondsOf(child.pid!)
          .then((seconds) => {
            cpuSeconds = Math.max(cpuSeconds, seconds);
          })
          .catch(() => undefined);
      }, 100);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  if (sampler) clearInterval(sampler);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`);
  if (useTime) {
    hwmKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
    const seconds = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? 0);
    cpuSeconds = seconds('User') + seconds('System');
  }
  return { peakRssBytes: hwmKb * 1024, cpuSeconds };
}

interface Cpu {
  /** The process moving the bytes: the packager, the baseline's download, the aws CLI. */
  client?: number;
  /** The model server (Hub). */
  hub?: number;
  /** The emulator (S3). */
  s3?: number;
}

interface Row {
  name: string;
  seconds: number;
  /** The fastest and slowest runs, when there were several. */
  range?: string;
  bytes: number;
  peakRssMiB?: number;
  rssNote?: string;
  cpu: Cpu;
}

const cpuCell = (seconds: number | undefined) => (seconds === undefined ? '-' : seconds.toFixed(1));

function table(rows: Row[]): string {
  const lines = [['name', 'wall s', 'range', 'MB/s', 'peak RSS MiB', 'CPU s client', 'hub', 's3 (moto)', 'all']];
  for (const r of rows) {
    const all = (r.cpu.client ?? 0) + (r.cpu.hub ?? 0) + (r.cpu.s3 ?? 0);
    const rss = r.peakRssMiB === undefined ? '-' : `${r.peakRssMiB.toFixed(0)}${r.rssNote ? ` ${r.rssNote}` : ''}`;
    lines.push([
      r.name,
      r.seconds.toFixed(1),
      r.range ?? '-',
      (r.bytes / 1e6 / r.seconds).toFixed(1),
      rss,
      cpuCell(r.cpu.client),
      cpuCell(r.cpu.hub),
      cpuCell(r.cpu.s3),
      all.toFixed(1),
    ]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

/** Downloads every file to `dir` one after another with fetch, then `aws s3 cp --recursive` uploads the directory. */
async function runBaseline(served: Served, emulator: Emulator, serverPid: number, dir: string, weightBytes: number, clientCpus?: string): Promise<Row[]> {
  const downloadCpuMeter = await cpuMeter(serverPid, emulator.pid);
  const t1 = performance.now();
  for (const file of served.files) {
    const response = await fetch(`${served.endpoint}/${modelId}/resolve/${commitSha}/${file.path}`);
    if (!response.ok || !response.body) throw new Error(`GET ${file.path}: ${response.status}`);
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(join(dir, file.path)));
  }
  const downloadSeconds = (performance.now() - t1) / 1000;
  const downloadCpu = await downloadCpuMeter.stop();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_PAGER: '',
  };
  delete env.AWS_PROFILE;
  const uploadCpuMeter = await cpuMeter(serverPid, emulator.pid);
  const t2 = performance.now();
  const aws = await runMeasured(
    'aws',
    ['s3', 'cp', '--recursive', '--only-show-errors', dir, `s3://${bucket}/baseline/`, '--endpoint-url', emulator.endpoint],
    env,
    clientCpus,
  );
  const uploadSeconds = (performance.now() - t2) / 1000;
  const baselineSeconds = (performance.now() - t1) / 1000;
  const uploadCpu = await uploadCpuMeter.stop();
  const awsRssMiB = aws.peakRssBytes / MiB;
  return [
    {
      name: 'baseline total',
      seconds: baselineSeconds,
      bytes: weightBytes,
      peakRssMiB: awsRssMiB,
      rssNote: '(aws process)',
      cpu: { client: downloadCpu.own + aws.cpuSeconds, hub: downloadCpu.server, s3: uploadCpu.emulator },
    },
    { name: '  fetch to disk', seconds: downloadSeconds, bytes: weightBytes, cpu: { client: downloadCpu.own, hub: downloadCpu.server } },
    { name: '  aws s3 cp', seconds: uploadSeconds, bytes: weightBytes, peakRssMiB: awsRssMiB, cpu: { client: aws.cpuSeconds, s3: uploadCpu.emulator } },
  ];
}

/** Deletes everything under a prefix, so that each run starts from the same emulator state. */
async function clearPrefix(s3: S3Client, prefix: string): Promise<void> {
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
    const keys = (page.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (keys.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
  }
}

/** Restricts a process (all its threads) to some CPUs with taskset; retried, as a thread may end while taskset walks them. */
async function pin(pid: number, cpuList: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pinOnce(pid, cpuList);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function pinOnce(pid: number, cpuList: string): Promise<void> {
  const child = spawn('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`taskset -a -p -c ${cpuList} ${pid} exited with ${code}: ${stderr.trim()}`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** One row per name: the median wall time and CPU, the range of wall times, the highest peak RSS. */
function summarise(runs: Row[][]): Row[] {
  const names = [...new Set(runs.flat().map((row) => row.name))];
  return names.map((name) => {
    const rows = runs.flat().filter((row) => row.name === name);
    const cpuMedian = (pick: (cpu: Cpu) => number | undefined) => {
      const values = rows.map((row) => pick(row.cpu)).filter((value): value is number => value !== undefined);
      return values.length ? median(values) : undefined;
    };
    const peaks = rows.map((row) => row.peakRssMiB).filter((value): value is number => value !== undefined);
    const seconds = rows.map((row) => row.seconds);
    return {
      name,
      seconds: median(seconds),
      range: rows.length > 1 ? `${Math.min(...seconds).toFixed(1)}-${Math.max(...seconds).toFixed(1)}` : '-',
      bytes: rows[0]!.bytes,
      ...(peaks.length ? { peakRssMiB: Math.max(...peaks) } : {}),
      ...(rows[0]!.rssNote ? { rssNote: rows[0]!.rssNote } : {}),
      cpu: { client: cpuMedian((cpu) => cpu.client), hub: cpuMedian((cpu) => cpu.hub), s3: cpuMedian((cpu) => cpu.s3) },
    };
  });
}

async function bench(args: Args, argv: readonly string[]): Promise<void> {
  let emulator: Emulator | undefined;
  let server: ChildProcess | undefined;
  let tempDir: string | undefined;
  const s3Holder: { client?: S3Client; packager?: S3Client } = {};
  const cleanUp = async () => {
    s3Holder.client?.destroy();
    s3Holder.packager?.destroy();
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

    let clientCpus: string | undefined;
    if (args.pin) {
      const count = cpus().length;
      if (count < 2) throw new Error('--pin needs at least 2 CPUs: one for the emulator, the rest for everything else');
      clientCpus = count === 2 ? '0' : `0-${count - 2}`;
      await pin(emulator.pid, String(count - 1));
      await pin(server.pid!, clientCpus);
      await pin(process.pid, clientCpus);
      console.log(`  pinned: emulator on CPU ${count - 1}; this process, the model server and the aws CLI on CPU ${clientCpus}`);
    }

    const packagerS3 = createPackagerS3Client(emulator.endpoint, {
      region,
      credentials,
      ...(args.checksums ? { requestChecksumCalculation: args.checksums } : {}),
    });
    s3Holder.packager = packagerS3;
    if (args.signedPayload) packagerS3.middlewareStack.remove(unsignedPayloadMiddleware);
    const options: PackagerOptions = {
      ...(args.files ? { fileConcurrency: args.files } : {}),
      ...(args.parts ? { partConcurrency: args.parts } : {}),
      ...(args.partMiB ? { partSizes: { ...defaultPartSizes, min: args.partMiB * MiB, max: Math.max(defaultPartSizes.max, args.partMiB * MiB) } } : {}),
    };
    const packager = new ModelPackager({ hub: new HubClient({ endpoint: served.endpoint }), store: new S3ObjectStore(packagerS3), options });

    const runs: Row[][] = [];
    for (let run = 1; run <= args.repeat; run++) {
      const rows: Row[] = [];
      // 1. The packager, in this process.
      console.log(
        `Run ${run} of ${args.repeat}: ModelPackager (${JSON.stringify({ ...options, checksums: args.checksums ?? 'default', payload: args.signedPayload ? 'signed' : 'unsigned' })})...`,
      );
      const rssBefore = process.memoryUsage().rss;
      const sampler = rssSampler();
      const packagerCpuMeter = await cpuMeter(server.pid!, emulator.pid);
      const t0 = performance.now();
      const result = await packager.package({ modelId, bucket, prefix: 'packager' });
      const packagerSeconds = (performance.now() - t0) / 1000;
      const packagerCpu = await packagerCpuMeter.stop();
      const rssPeak = sampler.stop();
      console.log(`  ${packagerSeconds.toFixed(1)} s: ${result.files.length} files as ${result.series} -> ${result.artifacts.modelDataUri}`);
      rows.push({
        name: 'packager (in-process)',
        seconds: packagerSeconds,
        bytes: weightBytes,
        peakRssMiB: rssPeak / MiB,
        rssNote: `(+${((rssPeak - rssBefore) / MiB).toFixed(0)} over ${(rssBefore / MiB).toFixed(0)} before)`,
        cpu: { client: packagerCpu.own, hub: packagerCpu.server, s3: packagerCpu.emulator },
      });
      await clearPrefix(s3, 'packager/');

      // 2. Baseline: fetch to disk, then aws s3 cp --recursive.
      if (args.baseline) {
        console.log(`Run ${run} of ${args.repeat}: baseline (fetch to disk + aws s3 cp --recursive)...`);
        tempDir = await mkdtemp(join(tmpdir(), 'bench-packager-'));
        const baseline = await runBaseline(served, emulator, server.pid!, tempDir, weightBytes, clientCpus);
        console.log(`  ${baseline[0]!.seconds.toFixed(1)} s`);
        rows.push(...baseline);
        await rm(tempDir, { recursive: true, force: true });
        tempDir = undefined;
        await clearPrefix(s3, 'baseline/');
      }
      runs.push(rows);
    }

    const cpu = cpus();
    console.log('');
    console.log(
      `Machine: ${platform()} ${release()}, ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / GiB).toFixed(1)} GiB RAM (${(freemem() / GiB).toFixed(1)} GiB free), Node ${process.version}`,
    );
    console.log(
      `Model: ${served.files.length} files, ${(allBytes / GiB).toFixed(2)} GiB (${(weightBytes / GiB).toFixed(2)} GiB of weights in ${args.shards} shards); MB/s = weight bytes / wall s (1 MB = 10^6 bytes)`,
    );
    console.log(
      `${args.repeat} run(s) of each${args.repeat > 1 ? ', alternating; the median wall time and CPU, the range of wall times, the highest peak RSS' : ''}${args.pin ? `; emulator pinned to CPU ${cpu.length - 1}, the rest to CPU ${clientCpus}` : ''}`,
    );
    console.log('CPU s: CPU time (user + system) of the client (the packager, or the download then the aws CLI), the model server (hub) and moto (s3)');
    console.log('');
    console.log(table(summarise(runs)));
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
