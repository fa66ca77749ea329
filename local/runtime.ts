import { handler as catalog } from '../lambdas/catalog/handler.js';
import { handler as packaging } from '../lambdas/packaging/handler.js';
import { handler as packagingEvents } from '../lambdas/packaging/events-handler.js';
import { EnvNames } from '../core/env-names.js';
import { handler as endpoints } from '../lambdas/endpoints/handler.js';
import { handler as endpointEvents } from '../lambdas/endpoints/events-handler.js';
import { handler as metrics } from '../lambdas/metrics/handler.js';
import { handler as registry } from '../lambdas/registry/handler.js';
import { handler as invoke } from '../lambdas/invoke/handler.js';
import type { HandlerArea } from '../lambdas/operations.js';
import { bootstrapLocal, localResources } from './bootstrap.js';
import { PackagerEnv } from '../core/packager-env.js';
import { BatchExecutor } from './batch-executor.js';
import { registryInstalled, startRegistry } from './image-registry.js';
import { seedStandInBases } from './stand-in-images.js';
import { EndpointWatcher } from './endpoint-watcher.js';
import { LocalScheduler } from './scheduler.js';
import { LocalIdlePause } from './idle-pause.js';
import { OutageLog } from './outage-log.js';
import { observedFrom, SyntheticMetrics, type SyntheticMetricsOptions } from './synthetic-metrics.js';
import { startLocalServer, type ProxyHandler } from './server.js';
import { InferenceStandIn } from './inference/server.js';
import { sageMakerClient } from '../lambdas/shared/aws-clients.js';
import { createLocalEdge, type LocalAuthMode, type MintOptions } from './local-auth.js';

/** The deployed Lambda handlers, by area: the local server runs exactly these. */
export const localHandlers: Record<HandlerArea, ProxyHandler> = { registry, endpoints, catalog, metrics, packaging, invoke };

export const localRegion = 'us-east-1';

/**
 * Points this process's AWS SDK at the emulator, creates what the stack would create, and
 * serves the API. Handlers read their configuration on first use, so the environment set
 * here is what they see.
 */
export async function startControlPlane(options: {
  emulatorEndpoint: string;
  port: number;
  /** How often the stand-ins for EventBridge and Batch look at endpoint statuses and new jobs. @default 1000 */
  watchIntervalMs?: number;
  /** Where the packager's log lines go. @default the console */
  packagerLog?: (line: string) => void;
  /** Run submitted packaging jobs (the local Batch). Off for test suites sharing one emulator but one. @default true */
  runPackagingJobs?: boolean;
  /** Run a local OCI registry (Debian's docker-registry) for serving images, when installed. @default true */
  registry?: boolean;
  /** Publish synthetic SageMaker metrics for serving endpoints (local/synthetic-metrics.ts), so metrics and health have data; `false` for none. @default true (every 10 s) */
  syntheticMetrics?: boolean | SyntheticMetricsOptions;
  /** `header`: the tenant from X-Modelplane-Tenant; `jwt`: ID tokens from a local issuer, verified as the Cognito authorizer does (local/local-auth.ts). @default 'header' */
  auth?: LocalAuthMode;
  /** Per-tenant token bucket in front of the handlers, e.g. `stageThrottling` (local/throttle.ts: the stage's rate and burst, what `npm start` uses); `false` for none. @default false (test planes and scripts are not throttled unless they ask) */
  throttle?: { rate: number; burst: number } | false;
  /** Per-tenant token bucket of the inference routes, apart from `throttle` (local/throttle.ts `invocationThrottling` is what `npm start` uses); `false` for none. @default false */
  invocationThrottle?: { rate: number; burst: number } | false;
  /** The clock of token times and throttling (tests inject one). @default Date.now */
  now?: () => number;
  /** Where the plane says the emulator stopped answering and came back (once per outage, for all its pollers). @default console.error */
  log?: (line: string) => void;
  /** Pause between the tokens the inference stand-in streams. @default 15 */
  tokenDelayMs?: number;
  /** How often the stand-in for EventBridge Scheduler runs due endpoint schedules (local/scheduler.ts). @default 30000 */
  scheduleIntervalMs?: number;
  /** How often the stand-in for the sweep's idle check pauses endpoints idle for their `idlePause` (local/idle-pause.ts). @default 60000 */
  idlePauseIntervalMs?: number;
}): Promise<{
  url: string;
  inference: InferenceStandIn;
  registryUrl?: string;
  auth: LocalAuthMode;
  mintToken?(options: MintOptions): Promise<string>;
  close(): Promise<void>;
}> {
  process.env.AWS_ENDPOINT_URL = options.emulatorEndpoint;
  process.env.AWS_REGION = process.env.AWS_REGION ?? localRegion;
  process.env.AWS_ACCESS_KEY_ID = process.env.AWS_ACCESS_KEY_ID ?? 'local';
  process.env.AWS_SECRET_ACCESS_KEY = process.env.AWS_SECRET_ACCESS_KEY ?? 'local';
  Object.assign(process.env, await bootstrapLocal(options.emulatorEndpoint, process.env.AWS_REGION));
  const registry = (options.registry ?? true) ? await startImageRegistry() : undefined;
  // Nothing answers inference locally (the emulator's InvokeEndpoint returns a fixed body): the
  // stand-in speaks SageMaker Runtime, and the SDK's runtime client goes to it (service-specific endpoint variable).
  const inference = new InferenceStandIn({
    sagemaker: sageMakerClient(),
    ...(options.tokenDelayMs !== undefined ? { tokenDelayMs: options.tokenDelayMs } : {}),
  });
  process.env.AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME = await inference.start();
  const auth = options.auth ?? 'header';
  const edge = await createLocalEdge({
    auth,
    throttle: options.throttle ?? false,
    invocationThrottle: options.invocationThrottle ?? false,
    ...(options.now ? { now: options.now } : {}),
  });
  // The server drops its connections on close, but a handler already running goes on: close()
  // waits for those, so none of them meets a stopped emulator (ECONNREFUSED after "stopping").
  const inFlight = new Set<Promise<unknown>>();
  const tracked = <T>(running: Promise<T>): Promise<T> => {
    inFlight.add(running);
    void running.catch(() => undefined).finally(() => inFlight.delete(running));
    return running;
  };
  const track = (handler: ProxyHandler): ProxyHandler => {
    const stream = handler.stream;
    return Object.assign((event: Parameters<ProxyHandler>[0], context: Parameters<ProxyHandler>[1]) => tracked(handler(event, context)), {
      ...(stream ? { stream: (...args: Parameters<typeof stream>) => tracked(stream(...args)) } : {}),
    });
  };
  const handlers = Object.fromEntries(Object.entries(localHandlers).map(([area, handler]) => [area, track(handler)])) as Record<HandlerArea, ProxyHandler>;
  const info = {
    emulatorEndpoint: options.emulatorEndpoint,
    artifactBucket: process.env[EnvNames.artifactBucket] ?? '',
    region: process.env.AWS_REGION,
    // The second bucket packaging may read (a training output bucket's stand-in), for clients such as the Postman collection.
    trainingBucket: localResources.trainingBucket,
  };
  const server = await startLocalServer({ handlers, port: options.port, edge, info });
  const outages = new OutageLog(options.emulatorEndpoint, options.log);
  const watcher = new EndpointWatcher(endpointEvents, options.watchIntervalMs ?? 1000, outages);
  watcher.start();
  const scheduler = new LocalScheduler({
    group: process.env[EnvNames.scheduleGroup] ?? '',
    target: (action) => endpointEvents(action),
    intervalMs: options.scheduleIntervalMs ?? 30_000,
    outages,
  });
  scheduler.start();
  const idlePause = new LocalIdlePause({ intervalMs: options.idlePauseIntervalMs ?? 60_000, outages });
  idlePause.start();
  const executor = new BatchExecutor({
    jobQueue: process.env[EnvNames.jobQueue] ?? '',
    tableName: process.env[EnvNames.tableName] ?? '',
    onJobEnded: packagingEvents,
    intervalMs: options.watchIntervalMs ?? 500,
    ...(options.packagerLog ? { log: options.packagerLog } : {}),
    outages,
  });
  if (options.runPackagingJobs ?? true) executor.start();
  const synthetic = options.syntheticMetrics ?? true;
  const metricsPublisher =
    synthetic === false ? undefined : new SyntheticMetrics({ outages, observed: observedFrom(inference), ...(synthetic === true ? {} : synthetic) });
  metricsPublisher?.start();
  return {
    url: server.url,
    auth,
    inference,
    ...(edge.issuer ? { mintToken: (mint: MintOptions) => edge.issuer!.mint(mint) } : {}),
    ...(registry ? { registryUrl: registry.url } : {}),
    close: async () => {
      await metricsPublisher?.stop();
      await executor.stop();
      await watcher.stop();
      await scheduler.stop();
      await idlePause.stop();
      await server.close();
      await Promise.allSettled([...inFlight]);
      await inference.stop();
      await registry?.stop();
    },
  };
}

/**
 * The local stand-in for ECR: Debian's docker-registry on loopback, with stand-in base images,
 * named to the packager through its environment. Without it, image builds fail saying how to
 * install it (they never skip silently).
 */
async function startImageRegistry(): Promise<{ url: string; stop(): Promise<void> } | undefined> {
  if (!registryInstalled()) {
    process.env[PackagerEnv.imageBuildUnavailable] =
      'No local registry for serving images: docker-registry is not installed. Install it with `sudo apt-get install docker-registry` (or `bash scripts/setup-machine.sh`) and restart, or submit with buildImage false.';
    return undefined;
  }
  const registry = await startRegistry();
  Object.assign(process.env, await seedStandInBases(registry.url), { [PackagerEnv.servingRepository]: `${new URL(registry.url).host}/modelplane/serving` });
  delete process.env[PackagerEnv.imageBuildUnavailable];
  return registry;
}
