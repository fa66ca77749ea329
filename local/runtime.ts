import { handler as catalog } from '../lambdas/catalog/handler.js';
import { handler as packaging } from '../lambdas/packaging/handler.js';
import { handler as packagingEvents } from '../lambdas/packaging/events-handler.js';
import { EnvNames } from '../lambdas/shared/env-names.js';
import { handler as endpoints } from '../lambdas/endpoints/handler.js';
import { handler as endpointEvents } from '../lambdas/endpoints/events-handler.js';
import { handler as metrics } from '../lambdas/metrics/handler.js';
import { handler as registry } from '../lambdas/registry/handler.js';
import type { HandlerArea } from '../lambdas/operations.js';
import { bootstrapLocal } from './bootstrap.js';
import { BatchExecutor } from './batch-executor.js';
import { EndpointWatcher } from './endpoint-watcher.js';
import { startLocalServer, type ProxyHandler } from './server.js';

/** The deployed Lambda handlers, by area: the local server runs exactly these. */
export const localHandlers: Record<HandlerArea, ProxyHandler> = { registry, endpoints, catalog, metrics, packaging };

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
}): Promise<{ url: string; close(): Promise<void> }> {
  process.env.AWS_ENDPOINT_URL = options.emulatorEndpoint;
  process.env.AWS_REGION = process.env.AWS_REGION ?? localRegion;
  process.env.AWS_ACCESS_KEY_ID = process.env.AWS_ACCESS_KEY_ID ?? 'local';
  process.env.AWS_SECRET_ACCESS_KEY = process.env.AWS_SECRET_ACCESS_KEY ?? 'local';
  Object.assign(process.env, await bootstrapLocal(options.emulatorEndpoint, process.env.AWS_REGION));
  const server = await startLocalServer({ handlers: localHandlers, port: options.port });
  const watcher = new EndpointWatcher(endpointEvents, options.watchIntervalMs ?? 1000);
  watcher.start();
  const executor = new BatchExecutor({
    jobQueue: process.env[EnvNames.jobQueue] ?? '',
    tableName: process.env[EnvNames.tableName] ?? '',
    onJobEnded: packagingEvents,
    intervalMs: options.watchIntervalMs ?? 500,
    ...(options.packagerLog ? { log: options.packagerLog } : {}),
  });
  if (options.runPackagingJobs ?? true) executor.start();
  return {
    url: server.url,
    close: async () => {
      await executor.stop();
      await watcher.stop();
      await server.close();
    },
  };
}
