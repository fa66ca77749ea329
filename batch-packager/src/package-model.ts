/**
 * The packaging job: pin a Hub revision, keep one weight format, stream every kept file into
 * S3 (verified against the Hub's sizes and sha256), detect the series, and write the serving
 * configuration and a manifest beside the weights. The manifest is written last: a prefix
 * without one is not a packaged model. A failure leaves no unfinished multipart upload.
 */
import { detectSeries, findSeries, type SeriesSpec, type Serving } from '../../core/catalog/series.js';
import { fitsOn, minGpuMemoryGiB } from '../../core/catalog/sizing.js';
import { runLimited, Semaphore, sleep } from './async.js';
import { cancelledError, PackagingError, throwIfCancelled } from './errors.js';
import {
  silentLogger,
  type ByteRange,
  type HubSource,
  type RangeBody,
  type Logger,
  type ObjectStore,
  type PackagingProgress,
  type ProgressReporter,
} from './ports.js';
import { ThrottledProgress } from './progress.js';
import { countParameters, dominantDtype, SafetensorsHeaderReader, type SafetensorsHeader } from './safetensors.js';
import { selectFiles, type SelectedFile, type WeightFormat } from './select-files.js';
import { servingProfile } from './serving-profile.js';
import { MiB, streamUpload, type PartSizes, type RangedReads } from './s3-stream-upload.js';

export const manifestFileName = 'manifest.json';
export const servingPropertiesFileName = 'serving.properties';
const configFileName = 'config.json';
/** config.json files are a few KB; refuse to hold anything much larger in memory. */
const maxConfigBytes = 16 * 1024 * 1024;

export interface PackageRequest {
  /** The packaging job's id, recorded in the manifest and the logs. */
  jobId?: string;
  /** The Hub repository, `{organisation}/{name}`. */
  modelId: string;
  /** A branch, tag or commit sha; default `main`. */
  revision?: string;
  /** The artifact bucket. */
  bucket: string;
  /** The key prefix under which models go; default `models`. */
  prefix?: string;
  /** The series to serve the model as, instead of detecting it from config.json. */
  series?: string;
}

export interface PackagerOptions {
  /** Files copied at once. Default 2. */
  fileConcurrency?: number;
  /** Parts of one file uploading at once, when it is read as one stream. Default 4. */
  partConcurrency?: number;
  /**
   * Range requests open at once for the whole job (large files are read as several byte
   * ranges). Memory: about `connections + 4` parts (8 MiB each below 78 GiB files). Default 8.
   */
  connections?: number;
  /** Files smaller than this are read as one stream. Default 32 MiB (four 8 MiB parts). */
  rangedMinBytes?: number;
  partSizes?: PartSizes;
  /** Resumes of one file after stalls and broken downloads without progress. Default 5. */
  maxRetries?: number;
  /** The first pause before a resume, doubled each time. Default 1 s. */
  retryDelayMs?: number;
  /** The least time between two progress reports. Default 1 s. */
  progressIntervalMs?: number;
}

export interface PackagerDeps {
  hub: HubSource;
  store: ObjectStore;
  progress?: ProgressReporter;
  logger?: Logger;
  clock?: { now(): Date };
  options?: PackagerOptions;
}

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
  weights: boolean;
}

export interface Sizing {
  parameters?: number;
  dtype?: string;
  weightBytes: number;
  minGpuMemoryGiB: number;
  fitsOn: string[];
}

export interface Manifest {
  schemaVersion: 1;
  jobId?: string;
  createdAt: string;
  source: { type: 'huggingface'; modelId: string; revision: string; resolvedRevision: string };
  series: string;
  servingProfile: { serving: Serving; files: string[]; environment: Record<string, string> };
  weightFormat: WeightFormat;
  sizing: Sizing;
  files: ManifestFile[];
  skipped: { path: string; reason: string }[];
}

export interface PackagingResult {
  modelId: string;
  revision: string;
  resolvedRevision: string;
  series: string;
  serving: Serving;
  artifacts: {
    /** The S3 prefix of the weights, ending in "/" (ModelDataSource S3Prefix, uncompressed). */
    modelDataUri: string;
    manifestUri: string;
  };
  environment: Record<string, string>;
  sizing: Sizing;
  files: ManifestFile[];
}

/** Range requests per job by default; the job definition sets its own (MODELPLANE_DOWNLOAD_CONNECTIONS). */
export const defaultConnections = 8;
/** Parts beyond one per connection that may wait in memory for their turn to be hashed. */
const reorderSlack = 4;

const noReports: ProgressReporter = { phase: () => Promise.resolve(), progress: () => Promise.resolve() };

function contentType(path: string): string {
  if (path.endsWith('.json')) return 'application/json';
  if (/\.(md|txt|jinja|properties|model\.v\d+)$/.test(path) || /(^|\/)(LICENSE|NOTICE)[^/]*$/.test(path)) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

/** Packages Hub models into the artifact bucket. */
export class ModelPackager {
  private readonly logger: Logger;
  private readonly options: Required<Omit<PackagerOptions, 'partSizes'>> & Pick<PackagerOptions, 'partSizes'>;

  constructor(private readonly deps: PackagerDeps) {
    this.logger = deps.logger ?? silentLogger;
    const o = deps.options ?? {};
    this.options = {
      fileConcurrency: o.fileConcurrency ?? 2,
      partConcurrency: o.partConcurrency ?? 4,
      connections: Math.max(1, Math.floor(o.connections ?? defaultConnections)),
      rangedMinBytes: o.rangedMinBytes ?? 32 * MiB,
      partSizes: o.partSizes,
      maxRetries: o.maxRetries ?? 5,
      retryDelayMs: o.retryDelayMs ?? 1_000,
      progressIntervalMs: o.progressIntervalMs ?? 1_000,
    };
  }

  async package(request: PackageRequest, signal?: AbortSignal): Promise<PackagingResult> {
    const progress = new ThrottledProgress(this.deps.progress ?? noReports, this.logger, this.options.progressIntervalMs);
    try {
      return await this.run(request, progress, signal);
    } catch (error) {
      if (signal?.aborted) throw cancelledError(signal);
      throw error;
    } finally {
      await progress.flush();
    }
  }

  private async run(request: PackageRequest, progress: ThrottledProgress, signal: AbortSignal | undefined): Promise<PackagingResult> {
    const { hub } = this.deps;
    const { modelId, bucket } = request;
    const revision = request.revision ?? 'main';
    throwIfCancelled(signal);

    await progress.phase('resolving');
    const { sha } = await hub.resolveRevision(modelId, revision, signal);
    this.logger.info('resolved revision', { modelId, revision, sha });
    const listed = await hub.listFiles(modelId, sha, signal);
    const selection = selectFiles(listed, [manifestFileName, servingPropertiesFileName]);
    const weightFormat = selection.weightFormat;
    if (weightFormat === undefined) {
      throw new PackagingError('InvalidModel', `${modelId} at ${sha} has no safetensors or PyTorch weights to serve.`);
    }
    const files = selection.files;
    const bytesTotal = files.reduce((sum, f) => sum + f.size, 0);
    this.logger.info('selected files', { files: files.length, bytes: bytesTotal, weightFormat, skipped: selection.skipped.length });

    // The series decides how the model is served; find it before copying gigabytes.
    const config = files.some((f) => f.path === configFileName) ? await this.readConfig(modelId, sha, signal) : undefined;
    const series = this.seriesOf(request, config);
    this.logger.info('series', { series: series.name, serving: series.serving, given: request.series !== undefined });

    await progress.phase('downloading');
    const base =
      [request.prefix ?? 'models', modelId, sha]
        .map((s) => s.replace(/^\/+|\/+$/g, ''))
        .filter((s) => s !== '')
        .join('/') + '/';
    const copied = await this.copyFiles({ modelId, sha, bucket, base, files, progress, bytesTotal }, signal);

    const sizing = sizingOf(weightFormat, copied, config);
    const dtype = sizing.dtype;
    const architectures = Array.isArray(config?.architectures) ? config.architectures.filter((a): a is string => typeof a === 'string') : [];
    const profile = servingProfile(series, {
      architectures,
      ...(typeof config?.model_type === 'string' ? { modelType: config.model_type } : {}),
      ...(dtype === undefined ? {} : { dtype }),
    });

    throwIfCancelled(signal);
    for (const [name, content] of Object.entries(profile.files)) {
      await this.putSmall(bucket, `${base}${name}`, content, 'text/plain; charset=utf-8', signal);
    }
    const manifestFiles: ManifestFile[] = copied
      .map((c) => ({ path: c.file.path, size: c.file.size, sha256: c.sha256, weights: c.file.weights }))
      // Code-point order: the same on every machine, whatever its locale.
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manifest: Manifest = {
      schemaVersion: 1,
      ...(request.jobId === undefined ? {} : { jobId: request.jobId }),
      createdAt: (this.deps.clock?.now() ?? new Date()).toISOString(),
      source: { type: 'huggingface', modelId, revision, resolvedRevision: sha },
      series: series.name,
      servingProfile: { serving: profile.serving, files: Object.keys(profile.files), environment: profile.environment },
      weightFormat,
      sizing,
      files: manifestFiles,
      skipped: selection.skipped,
    };
    // Last: the manifest says the prefix is complete.
    await this.putSmall(bucket, `${base}${manifestFileName}`, `${JSON.stringify(manifest, null, 2)}\n`, 'application/json', signal);

    const result: PackagingResult = {
      modelId,
      revision,
      resolvedRevision: sha,
      series: series.name,
      serving: profile.serving,
      artifacts: { modelDataUri: `s3://${bucket}/${base}`, manifestUri: `s3://${bucket}/${base}${manifestFileName}` },
      environment: profile.environment,
      sizing,
      files: manifestFiles,
    };
    this.logger.info('packaged', { modelDataUri: result.artifacts.modelDataUri, series: result.series, ...sizing });
    return result;
  }

  private seriesOf(request: PackageRequest, config: ModelConfig | undefined): SeriesSpec {
    if (request.series !== undefined) {
      const given = findSeries(request.series);
      if (!given) throw new PackagingError('UnknownSeries', `Series ${request.series} is not one modelplane serves; GET /v1/series lists them.`);
      return given;
    }
    if (config === undefined) {
      throw new PackagingError(
        'UnknownSeries',
        `${request.modelId} has no config.json to detect its series from; give the series explicitly (GET /v1/series lists them).`,
      );
    }
    const detected = detectSeries(config);
    if (!detected) {
      const architectures = Array.isArray(config.architectures) ? config.architectures.join(', ') : 'none';
      throw new PackagingError(
        'UnknownSeries',
        `${request.modelId} has model_type ${JSON.stringify(config.model_type ?? null)} and architectures ${architectures}, which no series modelplane serves covers; give the series explicitly if one fits (GET /v1/series lists them).`,
      );
    }
    return detected;
  }

  /** Reads config.json from the Hub (a few KB), restarting on stalls and resets. */
  private async readConfig(modelId: string, sha: string, signal: AbortSignal | undefined): Promise<ModelConfig> {
    for (let attempt = 0; ; attempt++) {
      try {
        const chunks: Uint8Array[] = [];
        let length = 0;
        for await (const chunk of await this.deps.hub.download(modelId, sha, configFileName, 0, signal)) {
          length += chunk.length;
          if (length > maxConfigBytes) throw new PackagingError('InvalidModel', `${modelId}'s config.json is larger than ${maxConfigBytes} bytes.`);
          chunks.push(chunk);
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch (error) {
          throw new PackagingError('InvalidModel', `${modelId}'s config.json is not valid JSON.`, { cause: error });
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
          throw new PackagingError('InvalidModel', `${modelId}'s config.json is not a JSON object.`);
        return parsed;
      } catch (error) {
        if (!(error instanceof PackagingError) || !error.retryable || attempt >= this.options.maxRetries) throw error;
        await sleep(this.options.retryDelayMs * 2 ** attempt, signal);
      }
    }
  }

  private async copyFiles(
    job: { modelId: string; sha: string; bucket: string; base: string; files: readonly SelectedFile[]; progress: ThrottledProgress; bytesTotal: number },
    external: AbortSignal | undefined,
  ): Promise<{ file: SelectedFile; sha256: string; header?: SafetensorsHeader }[]> {
    const { hub, store } = this.deps;
    const { modelId, sha, bucket, base, files, progress, bytesTotal } = job;
    // One file failing stops the others (each aborts its own multipart upload).
    const internal = new AbortController();
    const signal = external ? AbortSignal.any([external, internal.signal]) : internal.signal;
    const stored = new Map<string, number>();
    let filesDone = 0;
    const figures = (): PackagingProgress => ({ bytesDone: [...stored.values()].reduce((a, b) => a + b, 0), bytesTotal, filesDone, filesTotal: files.length });
    progress.update(figures());

    const copied: { file: SelectedFile; sha256: string; header?: SafetensorsHeader }[] = [];
    const ranges = this.rangedReads(modelId, sha);
    // Largest first: the long copies start early and the small ones fill the gaps. A source
    // read front to back (an archive) gives its files one at a time, in its own order.
    const order = hub.sequential ? [...files] : [...files].sort((a, b) => b.size - a.size);
    await runLimited(
      order,
      hub.sequential ? 1 : this.options.fileConcurrency,
      async (file) => {
        const started = Date.now();
        const reader = file.weights && file.path.endsWith('.safetensors') ? new SafetensorsHeaderReader() : undefined;
        const uploaded = await streamUpload({
          store,
          target: { bucket, key: `${base}${file.path}`, contentType: contentType(file.path) },
          name: file.path,
          size: file.size,
          sha256: file.sha256,
          open: (offset, s) => hub.download(modelId, sha, file.path, offset, s),
          ...(ranges ? { ranges: { ...ranges, open: (range, s) => ranges.open(file.path, range, s) } } : {}),
          partSizes: this.options.partSizes,
          concurrency: this.options.partConcurrency,
          maxRetries: this.options.maxRetries,
          retryDelayMs: this.options.retryDelayMs,
          signal,
          onBytes: reader
            ? (chunk) => {
                reader.write(chunk);
                if (reader.problem !== undefined) throw new PackagingError('InvalidModel', `${file.path} is not a safetensors file: ${reader.problem}.`);
              }
            : undefined,
          onProgress: (bytes) => {
            stored.set(file.path, bytes);
            progress.update(figures());
          },
        });
        if (reader && reader.header === undefined) throw new PackagingError('InvalidModel', `${file.path} ends before its safetensors header does.`);
        filesDone += 1;
        progress.update(figures());
        copied.push({ file, sha256: uploaded.sha256, ...(reader?.header ? { header: reader.header } : {}) });
        this.logger.info('stored file', { path: file.path, size: file.size, parts: uploaded.parts, seconds: (Date.now() - started) / 1000 });
      },
      () => internal.abort(),
    );
    return copied;
  }

  /** The job's connections and reorder window, shared by the files copied at once (when the source reads ranges). */
  private rangedReads(
    modelId: string,
    sha: string,
  ): (Omit<RangedReads, 'open'> & { open: (path: string, range: ByteRange, signal: AbortSignal) => Promise<RangeBody> }) | undefined {
    const { hub } = this.deps;
    const downloadRange = hub.downloadRange?.bind(hub);
    if (downloadRange === undefined) return undefined;
    const { connections, rangedMinBytes } = this.options;
    return {
      connections: new Semaphore(connections),
      window: new Semaphore(connections + reorderSlack),
      spare: [],
      minBytes: rangedMinBytes,
      open: (path, range, signal) => downloadRange(modelId, sha, path, range, signal),
    };
  }

  private async putSmall(bucket: string, key: string, content: string, type: string, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.deps.store.putObject({ bucket, key, body: Buffer.from(content, 'utf8'), contentType: type }, signal);
    } catch (error) {
      if (signal?.aborted) throw cancelledError(signal);
      throw new PackagingError('UploadFailed', `S3 refused ${key}: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
    }
  }
}

/**
 * Weight bytes, parameters (from the safetensors headers, when every weight file had one) and
 * dtype (config.json's, else the one most parameters have), and what that needs to serve.
 */
function sizingOf(format: WeightFormat, copied: readonly { file: SelectedFile; header?: SafetensorsHeader }[], config: ModelConfig | undefined): Sizing {
  const weights = copied.filter((c) => c.file.weights);
  const headers = weights.map((c) => c.header).filter((h): h is SafetensorsHeader => h !== undefined);
  const allHeaders = format === 'safetensors' && headers.length === weights.length;
  const parameters = allHeaders ? headers.reduce((sum, h) => sum + countParameters(h), 0) : undefined;
  const configDtype = [config?.torch_dtype, config?.dtype].find((d): d is string => typeof d === 'string');
  const dtype = configDtype ?? (allHeaders ? dominantDtype(headers) : undefined);
  const weightBytes = weights.reduce((sum, c) => sum + c.file.size, 0);
  return {
    ...(parameters === undefined ? {} : { parameters }),
    ...(dtype === undefined ? {} : { dtype }),
    weightBytes,
    minGpuMemoryGiB: minGpuMemoryGiB(weightBytes),
    fitsOn: fitsOn(weightBytes),
  };
}

/** The parts of config.json the packager reads. */
interface ModelConfig {
  model_type?: unknown;
  architectures?: unknown;
  torch_dtype?: unknown;
  dtype?: unknown;
}
