/**
 * Runs the real ModelPackager once, in a process of its own, so that its peak RSS and CPU time
 * are the packager's alone: the benchmark (scripts/bench-packager.ts) bundles this file with
 * esbuild, as the packaging image is bundled, and runs the bundle with plain `node`.
 *
 *   node run-packager.mjs '<RunRequest as JSON>'
 *
 * prints `RESULT {json}` (a RunResult) on stdout.
 */
import { HubClient } from '../../batch-packager/src/hub-client.js';
import { ModelPackager, type PackagerOptions } from '../../batch-packager/src/package-model.js';
import { createPackagerS3Client, S3ObjectStore, unsignedPayloadMiddleware } from '../../batch-packager/src/s3-object-store.js';
import { defaultPartSizes, MiB } from '../../batch-packager/src/s3-stream-upload.js';

export interface RunRequest {
  hubEndpoint: string;
  s3Endpoint: string;
  modelId: string;
  bucket: string;
  prefix: string;
  /** Unset settings are the packager's defaults. */
  fileConcurrency?: number;
  partConcurrency?: number;
  partMiB?: number;
  /** Ranged connections per job (the parallel-download packager's setting). */
  connections?: number;
  checksums?: 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';
  signedPayload?: boolean;
}

export interface RunResult {
  seconds: number;
  /** User + system CPU of this process (all its threads) during package(). */
  cpuSeconds: number;
  /** The process's peak RSS (getrusage ru_maxrss), start-up included. */
  peakRssBytes: number;
  files: number;
  series: string;
}

/** The packager's options for a request; unset figures keep the packager's defaults. */
export function packagerOptions(request: RunRequest): PackagerOptions {
  return {
    ...(request.fileConcurrency ? { fileConcurrency: request.fileConcurrency } : {}),
    ...(request.partConcurrency ? { partConcurrency: request.partConcurrency } : {}),
    ...(request.partMiB ? { partSizes: { ...defaultPartSizes, min: request.partMiB * MiB, max: Math.max(defaultPartSizes.max, request.partMiB * MiB) } } : {}),
    ...(request.connections === undefined ? {} : { connections: request.connections }),
  };
}

async function run(request: RunRequest): Promise<RunResult> {
  const s3 = createPackagerS3Client(request.s3Endpoint, {
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    ...(request.checksums ? { requestChecksumCalculation: request.checksums } : {}),
  });
  if (request.signedPayload) s3.middlewareStack.remove(unsignedPayloadMiddleware);
  const packager = new ModelPackager({
    hub: new HubClient({ endpoint: request.hubEndpoint }),
    store: new S3ObjectStore(s3),
    options: packagerOptions(request),
  });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await packager.package({ modelId: request.modelId, bucket: request.bucket, prefix: request.prefix });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  s3.destroy();
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    files: result.files.length,
    series: result.series,
  };
}

// Run only as the bundle's entry point (process.argv[1] is the bundle), never when imported.
if (process.argv[1]?.endsWith('run-packager.mjs')) {
  const request = JSON.parse(process.argv[2] ?? '{}') as RunRequest;
  const result = await run(request);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}
