/**
 * Benchmarks the batch packager against the limits of its source and sink, and against a plain
 * "download to disk, then `aws s3 cp`" baseline, on generated models:
 *
 *   npm run bench:packager -- [--gib 1,4,8] [--repeat 3] [--cap-mbps 40] [--json]
 *
 * Three processes besides this one, so that each one's CPU and memory are its own: the source
 * (scripts/bench/hub-source.ts: Hub API, 302 to a CDN-style URL, Range; one listener uncapped and
 * one capping every connection), the sink (scripts/bench/s3-sink.ts, or moto with --sink moto)
 * and the packager (scripts/bench/run-packager.ts, bundled with esbuild as the image is).
 * See docs/benchmarks.md for what the figures mean and what they do not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, freemem, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { startEmulator } from '../local/emulator.js';
import type { SourceReady } from './bench/hub-source.js';
import { sinkRate, sourceRate, splitRanges, type Rate } from './bench/probes.js';
import { topSelfTime, type CpuProfile } from './bench/profile.js';
import { figuresOf, modes, summary, targetLines, targets, type Figures, type Mode, type Run, type SizeFigures } from './bench/report.js';
import type { RunRequest, RunResult } from './bench/run-packager.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const bucket = 'modelplane-bench';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const region = 'us-east-1';
const root = fileURLToPath(new URL('..', import.meta.url));
const workDir = join(root, '.tmp', 'bench');

export interface Args {
  gib: number[];
  shards: number;
  repeat: number;
  /** Per-connection cap of the capped source, MB/s (10^6 bytes). */
  capMbps: number;
  /** Streams for the source's and the sink's N-stream rates. */
  streams: number;
  /** Seconds each raw-rate probe runs. */
  probeSeconds: number;
  sink: 'fast' | 'moto';
  json: boolean;
  baseline: boolean;
  /** The sink on a CPU of its own (taskset), everything else on the others. */
  pin: boolean;
  /** Each packager run under `node --cpu-prof`: the profile kept, its top self times printed. */
  profile: boolean;
  /** Packager settings; unset means its defaults. */
  connections?: number;
  files?: number;
  parts?: number;
  partMiB?: number;
  checksums?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
  signedPayload: boolean;
}

export const usage =
  'use --gib N[,N...], --shards N, --repeat N, --cap-mbps N, --streams N, --connections N, --sink fast|moto, --json, --no-baseline, --pin, ' +
  '--files N, --parts N, --part-mib N, --checksums when_supported|when_required, --signed-payload';

const positive = (name: string, text: string | undefined) => {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number; ${usage}`);
  return value;
};

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    gib: [1],
    shards: 4,
    repeat: 1,
    capMbps: 40,
    streams: 8,
    probeSeconds: 3,
    sink: 'fast',
    json: false,
    baseline: true,
    pin: false,
    profile: false,
    signedPayload: false,
  };
  const integers = {
    '--shards': 'shards',
    '--repeat': 'repeat',
    '--streams': 'streams',
    '--connections': 'connections',
    '--files': 'files',
    '--parts': 'parts',
    '--part-mib': 'partMiB',
  } as const;
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    if (name in integers) {
      args[integers[name as keyof typeof integers]] = Math.floor(positive(name, argv[++i]));
    } else if (name === '--gib') {
      args.gib = (argv[++i] ?? '').split(',').map((part) => positive('--gib', part));
    } else if (name === '--cap-mbps') {
      args.capMbps = positive(name, argv[++i]);
    } else if (name === '--probe-seconds') {
      args.probeSeconds = positive(name, argv[++i]);
    } else if (name === '--sink') {
      const value = argv[++i];
      if (value !== 'fast' && value !== 'moto') throw new Error(`--sink is fast or moto; ${usage}`);
      args.sink = value;
    } else if (name === '--checksums') {
      const value = argv[++i]?.toUpperCase();
      if (value !== 'WHEN_SUPPORTED' && value !== 'WHEN_REQUIRED') throw new Error(`--checksums is when_supported or when_required; ${usage}`);
      args.checksums = value;
    } else if (name === '--json') {
      args.json = true;
    } else if (name === '--no-baseline') {
      args.baseline = false;
    } else if (name === '--pin') {
      args.pin = true;
    } else if (name === '--profile') {
      args.profile = true;
    } else if (name === '--signed-payload') {
      args.signedPayload = true;
    } else {
      throw new Error(`Unknown argument ${name}; ${usage}`);
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

/** Starts a script of this repository under tsx (this process's loader flags) and waits for its `READY {json}` line. */
async function startChild<T>(script: string, argv: readonly string[]): Promise<{ child: ChildProcess; ready: T }> {
  const child = spawn(process.execPath, [...process.execArgv, join(root, script), ...argv], { stdio: ['pipe', 'pipe', 'inherit'] });
  const ready = await new Promise<T>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)) as T);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (code ${code}) before it was ready`)));
  });
  return { child, ready };
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc/<pid>/stat. */
async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at the state, field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond; // utime (14) + stime (15)
}

/** Linux's USER_HZ: 100 on every mainstream kernel configuration. */
const clockTicksPerSecond = 100;

const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

interface CpuSplit {
  /** This process (the baseline's download). */
  own: number;
  hub: number;
  s3: number;
}

/** CPU seconds of this process, the source and the sink from now until `stop`. */
async function cpuMeter(sourcePid: number, sinkPid: number): Promise<{ stop(): Promise<CpuSplit> }> {
  const own = ownCpuSeconds();
  const [hub, s3] = await Promise.all([cpuSecondsOf(sourcePid), cpuSecondsOf(sinkPid)]);
  return {
    async stop() {
      const [hubNow, s3Now] = await Promise.all([cpuSecondsOf(sourcePid), cpuSecondsOf(sinkPid)]);
      return { own: ownCpuSeconds() - own, hub: hubNow - hub, s3: s3Now - s3 };
    },
  };
}

/** Runs a command to its end and hands back its stdout; with a CPU list, under taskset. */
async function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cpuList?: string): Promise<{ stdout: string; stderr: string }> {
  const [file, list] = cpuList === undefined ? [command, args] : ['taskset', ['-c', cpuList, command, ...args]];
  const child = spawn(file, list, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-100_000)));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`);
  return { stdout, stderr };
}

/** Peak RSS and CPU of a command from GNU time (`/usr/bin/time -v`). */
async function runTimed(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cpuList?: string,
): Promise<{ peakRssBytes: number; cpuSeconds: number }> {
  const { stderr } = await runCommand('/usr/bin/time', ['-v', command, ...args], env, cpuList);
  const seconds = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? 0);
  return { peakRssBytes: Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0) * 1024, cpuSeconds: seconds('User') + seconds('System') };
}

/** Restricts a process (all its threads) to some CPUs with taskset; retried, as a thread may end while taskset walks them. */
async function pin(pid: number, cpuList: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await runCommand('taskset', ['-a', '-p', '-c', cpuList, String(pid)], process.env);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** The packager's runner as one bundle for plain node, as batch-packager/bundle.ts builds the image. */
async function bundleRunner(): Promise<string> {
  const outfile = join(workDir, 'run-packager.mjs');
  await build({
    entryPoints: [join(root, 'scripts/bench/run-packager.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

// ---------------------------------------------------------------------------------------------
// The runs
// ---------------------------------------------------------------------------------------------

interface Context {
  args: Args;
  source: SourceReady;
  sourcePid: number;
  sinkEndpoint: string;
  sinkPid: number;
  s3: S3Client;
  runner: string;
  clientCpus?: string;
  log: (line: string) => void;
}

const modelIdFor = (gib: number) => `bench/synthetic-${Math.round(gib * 1024)}mib`;
const endpointOf = (context: Context, mode: Mode) => (mode === 'capped' ? context.source.capped : context.source.uncapped);
const resolveUrl = (endpoint: string, modelId: string, sha: string, path: string) => `${endpoint}/${modelId}/resolve/${sha}/${path}`;

function modelOf(context: Context, gib: number) {
  const model = context.source.models.find((m) => m.id === modelIdFor(gib))!;
  return { ...model, weightBytes: model.files.filter((f) => f.weights).reduce((sum, f) => sum + f.size, 0), sha: 'main' };
}

/** The source's rate, one stream and N, over the largest shard of the largest model. */
async function probeSource(context: Context, mode: Mode): Promise<{ one: Rate; many: Rate }> {
  const model = modelOf(context, Math.max(...context.args.gib));
  const shard = [...model.files].sort((a, b) => b.size - a.size)[0]!;
  const url = resolveUrl(endpointOf(context, mode), model.id, model.sha, shard.path);
  const one = await sourceRate(splitRanges(url, shard.size, 1), context.args.probeSeconds);
  const many = await sourceRate(splitRanges(url, shard.size, context.args.streams), context.args.probeSeconds);
  return { one, many };
}

/** The sink's rate: N streams of 8 MiB UploadParts into one upload, aborted afterwards. */
async function probeSink(context: Context): Promise<Rate> {
  const key = 'probe/parts';
  const { UploadId } = await context.s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  try {
    return await sinkRate({
      uploadUrl: `${context.sinkEndpoint}/${bucket}/${key}`,
      uploadId: UploadId!,
      streams: context.args.streams,
      seconds: context.args.probeSeconds,
      partBytes: 8 * MiB,
    });
  } finally {
    await context.s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId }));
  }
}

async function runPackager(context: Context, gib: number, mode: Mode): Promise<RunResult & { cpu: CpuSplit }> {
  const { args } = context;
  const request: RunRequest = {
    hubEndpoint: endpointOf(context, mode),
    s3Endpoint: context.sinkEndpoint,
    modelId: modelIdFor(gib),
    bucket,
    prefix: 'packager',
    ...(args.connections ? { connections: args.connections } : {}),
    ...(args.files ? { fileConcurrency: args.files } : {}),
    ...(args.parts ? { partConcurrency: args.parts } : {}),
    ...(args.partMiB ? { partMiB: args.partMiB } : {}),
    ...(args.checksums ? { checksums: args.checksums } : {}),
    ...(args.signedPayload ? { signedPayload: true } : {}),
  };
  const profileDir = join(workDir, 'profiles', `${gib}gib-${mode}-${Date.now()}`);
  const nodeArgs = args.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const meter = await cpuMeter(context.sourcePid, context.sinkPid);
  const { stdout } = await runCommand(process.execPath, [...nodeArgs, context.runner, JSON.stringify(request)], process.env, context.clientCpus);
  const cpu = await meter.stop();
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`The packager printed no result:\n${stdout}`);
  if (args.profile) await printProfile(profileDir, context.log);
  return { ...(JSON.parse(line.slice(7)) as RunResult), cpu };
}

/** The top self times of the profile a packager run left in `dir`. */
async function printProfile(dir: string, log: (line: string) => void): Promise<void> {
  const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return log(`  no CPU profile in ${dir}`);
  const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
  log(`  CPU profile ${join(dir, file)} (the whole process), self time:`);
  for (const entry of topSelfTime(profile, 12))
    log(`    ${entry.seconds.toFixed(2).padStart(6)} s ${(entry.share * 100).toFixed(0).padStart(3)}%  ${entry.name}`);
}

/** Downloads every file one after another with fetch to `dir`, then `aws s3 cp --recursive` uploads the directory. */
async function runBaseline(
  context: Context,
  gib: number,
  mode: Mode,
): Promise<{ seconds: number; downloadSeconds: number; awsRssBytes: number; clientCpu: number; cpu: CpuSplit }> {
  const model = modelOf(context, gib);
  const dir = await mkdtemp(join(tmpdir(), 'bench-packager-'));
  try {
    const meter = await cpuMeter(context.sourcePid, context.sinkPid);
    const started = performance.now();
    for (const file of model.files) {
      const response = await fetch(resolveUrl(endpointOf(context, mode), model.id, model.sha, file.path));
      if (!response.ok || !response.body) throw new Error(`GET ${file.path}: ${response.status}`);
      await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(join(dir, file.path)));
    }
    const downloadSeconds = (performance.now() - started) / 1000;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_DEFAULT_REGION: region,
      AWS_PAGER: '',
    };
    delete env.AWS_PROFILE;
    const aws = await runTimed(
      'aws',
      ['s3', 'cp', '--recursive', '--only-show-errors', dir, `s3://${bucket}/baseline/`, '--endpoint-url', context.sinkEndpoint],
      env,
      context.clientCpus,
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = await meter.stop();
    return { seconds, downloadSeconds, awsRssBytes: aws.peakRssBytes, clientCpu: cpu.own + aws.cpuSeconds, cpu };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Deletes everything under a prefix, so that each run starts from the same sink state. */
async function clearPrefix(s3: S3Client, prefix: string): Promise<void> {
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
    const keys = (page.Contents ?? []).map((object) => ({ Key: object.Key! }));
    if (keys.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
  }
}

interface Detail {
  gib: number;
  mode: Mode;
  packagerCpu: number;
  hubCpu: number;
  s3Cpu: number;
  baselineDownloadSeconds?: number;
  baselineClientCpu?: number;
  baselineHubCpu?: number;
  baselineS3Cpu?: number;
  awsRssMiB?: number;
}

/** One round: the raw rates, then for every size and source the packager and the baseline. */
async function round(context: Context, roundNumber: number): Promise<{ runs: Map<string, Run>; details: Detail[] }> {
  const { args, log } = context;
  const runs = new Map<string, Run>();
  const details: Detail[] = [];
  log(`Round ${roundNumber} of ${args.repeat}: raw rates (${args.probeSeconds} s each)...`);
  const sink = await probeSink(context);
  log(`  sink ingest, ${args.streams} streams: ${sink.mbps.toFixed(0)} MB/s`);
  const sources = new Map<Mode, { one: Rate; many: Rate }>();
  for (const mode of modes) {
    const probe = await probeSource(context, mode);
    sources.set(mode, probe);
    log(`  source ${mode}: 1 stream ${probe.one.mbps.toFixed(0)} MB/s, ${args.streams} streams ${probe.many.mbps.toFixed(0)} MB/s`);
  }
  for (const gib of args.gib) {
    for (const mode of modes) {
      const weightBytes = modelOf(context, gib).weightBytes;
      const packager = await runPackager(context, gib, mode);
      await clearPrefix(context.s3, 'packager/');
      log(
        `  ${gib} GiB, ${mode}: packager ${packager.seconds.toFixed(1)} s (${(weightBytes / 1e6 / packager.seconds).toFixed(0)} MB/s, peak RSS ${(packager.peakRssBytes / MiB).toFixed(0)} MiB)`,
      );
      const baseline = args.baseline ? await runBaseline(context, gib, mode) : undefined;
      if (baseline) {
        await clearPrefix(context.s3, 'baseline/');
        log(
          `  ${gib} GiB, ${mode}: baseline ${baseline.seconds.toFixed(1)} s (${(weightBytes / 1e6 / baseline.seconds).toFixed(0)} MB/s; download ${baseline.downloadSeconds.toFixed(1)} s)`,
        );
      }
      const source = sources.get(mode)!;
      runs.set(`${gib}:${mode}`, {
        sourceOneStreamMBps: source.one.mbps,
        sourceMBps: source.many.mbps,
        sinkMBps: sink.mbps,
        packagerSeconds: packager.seconds,
        packagerCpuSeconds: packager.cpuSeconds,
        packagerPeakRssBytes: packager.peakRssBytes,
        ...(baseline ? { baselineSeconds: baseline.seconds } : {}),
      });
      details.push({
        gib,
        mode,
        packagerCpu: packager.cpuSeconds,
        hubCpu: packager.cpu.hub,
        s3Cpu: packager.cpu.s3,
        ...(baseline
          ? {
              baselineDownloadSeconds: baseline.downloadSeconds,
              baselineClientCpu: baseline.clientCpu,
              baselineHubCpu: baseline.cpu.hub,
              baselineS3Cpu: baseline.cpu.s3,
              awsRssMiB: baseline.awsRssBytes / MiB,
            }
          : {}),
      });
    }
  }
  return { runs, details };
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

const medianOf = (values: (number | undefined)[]) => {
  const present = values.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  if (present.length === 0) return undefined;
  const middle = Math.floor(present.length / 2);
  return present.length % 2 ? present[middle]! : (present[middle - 1]! + present[middle]!) / 2;
};
const cell = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? '-' : value.toFixed(digits));

function table(lines: string[][]): string {
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

function report(sizes: SizeFigures[], details: Detail[], args: Args): string {
  const lines = [
    [
      'size / source',
      'source 1',
      `source ${args.streams}`,
      'sink',
      'packager',
      'baseline',
      'vs limit',
      'vs base',
      'RSS MiB',
      'CPU s/GiB',
      'CPU s hub',
      's3',
      'base: client',
      'hub',
      's3',
    ],
  ];
  for (const size of sizes) {
    for (const mode of modes) {
      const f: Figures = size[mode];
      const mine = details.filter((d) => d.gib === size.gib && d.mode === mode);
      const m = (pick: (d: Detail) => number | undefined) => medianOf(mine.map(pick));
      lines.push([
        `${size.gib} GiB ${mode}`,
        cell(f.sourceOneStreamMBps, 0),
        cell(f.sourceMBps, 0),
        cell(f.sinkMBps, 0),
        cell(f.packagerMBps),
        cell(f.baselineMBps),
        cell(f.vsLimit, 2),
        cell(f.vsBaseline, 2),
        cell(f.peakRssMiB, 0),
        cell(f.cpuSecondsPerGiB, 2),
        cell(m((d) => d.hubCpu)),
        cell(m((d) => d.s3Cpu)),
        cell(m((d) => d.baselineClientCpu)),
        cell(m((d) => d.baselineHubCpu)),
        cell(m((d) => d.baselineS3Cpu)),
      ]);
    }
  }
  return table(lines);
}

async function bench(args: Args): Promise<void> {
  const log = (line: string) => console.log(line);
  const children: ChildProcess[] = [];
  let stopEmulator: (() => Promise<void>) | undefined;
  let s3: S3Client | undefined;
  const cleanUp = async () => {
    s3?.destroy();
    for (const child of children) child.kill();
    await stopEmulator?.();
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  try {
    const runner = await bundleRunner();
    const specs = args.gib.map((gib) => ({ id: modelIdFor(gib), weightBytes: Math.floor(gib * GiB), shards: args.shards }));
    log(
      `Generating ${args.gib.join(', ')} GiB model(s) in ${args.shards} shards; sha256 from ${join('.tmp', 'bench', 'shard-sha256.json')} or computed once...`,
    );
    const source = await startChild<SourceReady>('scripts/bench/hub-source.ts', [
      '--models',
      JSON.stringify(specs),
      '--cap-mbps',
      String(args.capMbps),
      '--cache',
      join(workDir, 'shard-sha256.json'),
    ]);
    children.push(source.child);
    log(
      `  hashed ${(source.ready.hashedBytes / GiB).toFixed(2)} GiB in ${source.ready.hashSeconds.toFixed(1)} s (not measured below); source at ${source.ready.uncapped} (uncapped), ${source.ready.capped} (${args.capMbps} MB/s per connection)`,
    );

    let sinkEndpoint: string;
    let sinkPid: number;
    if (args.sink === 'moto') {
      const emulator = await startEmulator();
      stopEmulator = () => emulator.stop();
      [sinkEndpoint, sinkPid] = [emulator.endpoint, emulator.pid];
    } else {
      const sink = await startChild<{ endpoint: string }>('scripts/bench/s3-sink.ts', []);
      children.push(sink.child);
      [sinkEndpoint, sinkPid] = [sink.ready.endpoint, sink.child.pid!];
    }
    s3 = new S3Client({ region, credentials, forcePathStyle: true, endpoint: sinkEndpoint });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    log(`  sink (${args.sink === 'moto' ? 'moto' : 'scripts/bench/s3-sink.ts'}) at ${sinkEndpoint}, bucket ${bucket}`);

    let clientCpus: string | undefined;
    if (args.pin) {
      const count = cpus().length;
      if (count < 2) throw new Error('--pin needs at least 2 CPUs: one for the sink, the rest for everything else');
      clientCpus = count === 2 ? '0' : `0-${count - 2}`;
      await pin(sinkPid, String(count - 1));
      await pin(source.child.pid!, clientCpus);
      await pin(process.pid, clientCpus);
      log(`  pinned: sink on CPU ${count - 1}; this process, the source, the packager and the aws CLI on CPU ${clientCpus}`);
    }

    const context: Context = {
      args,
      source: source.ready,
      sourcePid: source.child.pid!,
      sinkEndpoint,
      sinkPid,
      s3,
      runner,
      ...(clientCpus ? { clientCpus } : {}),
      log,
    };
    const rounds: Awaited<ReturnType<typeof round>>[] = [];
    for (let n = 1; n <= args.repeat; n++) rounds.push(await round(context, n));

    const sizes: SizeFigures[] = args.gib.map((gib) => {
      const weightBytes = modelOf(context, gib).weightBytes;
      const of = (mode: Mode) =>
        figuresOf(
          rounds.map((r) => r.runs.get(`${gib}:${mode}`)!),
          weightBytes,
        );
      return { gib, weightBytes, capped: of('capped'), uncapped: of('uncapped') };
    });
    const details = rounds.flatMap((r) => r.details);
    const cpu = cpus();
    const machine = `${platform()} ${release()}, ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / GiB).toFixed(1)} GiB RAM (${(freemem() / GiB).toFixed(1)} GiB free), Node ${process.version}`;
    log('');
    log(`Machine: ${machine}`);
    log(
      `${args.repeat} round(s), medians. MB/s = weight bytes / wall s (1 MB = 10^6 bytes). Source: 1 and ${args.streams} streams to nowhere; capped = ${args.capMbps} MB/s per connection. ` +
        `Sink: ${args.streams} streams of 8 MiB UploadPart into ${args.sink === 'moto' ? 'moto' : 'the fast sink'}. vs limit = packager / min(source ${args.streams}, sink).`,
    );
    log(
      `Packager: its own process; RSS = its peak (ru_maxrss); CPU s/GiB = its user + system. CPU s hub / s3 = the source's and the sink's during the packager's run; base: the same for the baseline (client = download + aws CLI).`,
    );
    log('');
    log(report(sizes, details, args));
    log('');
    for (const line of targetLines(targets(sizes))) log(line);
    if (args.json) {
      const settings = {
        sink: args.sink,
        capMbps: args.capMbps,
        streams: args.streams,
        shards: args.shards,
        repeat: args.repeat,
        connections: args.connections ?? null,
      };
      console.log(JSON.stringify(summary(sizes, { settings, machine })));
    }
  } finally {
    await cleanUp();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bench(parseArgs(process.argv.slice(2)));
  process.exit(0);
}
