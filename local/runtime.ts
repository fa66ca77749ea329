import { handler as catalog } from '../lambdas/catalog/handler.js';
import { handler as endpoints } from '../lambdas/endpoints/handler.js';
import { handler as endpointEvents } from '../lambdas/endpoints/events-handler.js';
import { handler as metrics } from '../lambdas/metrics/handler.js';
import { handler as registry } from '../lambdas/registry/handler.js';
import type { HandlerArea } from '../lambdas/operations.js';
import { bootstrapLocal } from './bootstrap.js';
import { EndpointWatcher } from './endpoint-watcher.js';
import { startLocalServer, type ProxyHandler } from './server.js';

/** The deployed Lambda handlers, by area: the local server runs exactly these. */
export const localHandlers: Record<HandlerArea, ProxyHandler> = { registry, endpoints, catalog, metrics };

export const localRegion = 'us-east-1';

/**
 * Points this process's AWS SDK at the emulator, creates what the stack would create, and
 * serves the API. Handlers read their configuration on first use, so the environment set
 * here is what they see.
 */
export async function startControlPlane(options: {
  emulatorEndpoint: string;
  port: number;
  /** How often the stand-in for EventBridge looks at endpoint statuses. @default 1000 */
  watchIntervalMs?: number;
}): Promise<{ url: string; close(): Promise<void> }> {
  process.env.AWS_ENDPOINT_URL = options.emulatorEndpoint;
  process.env.AWS_REGION = process.env.AWS_REGION ?? localRegion;
  process.env.AWS_ACCESS_KEY_ID = process.env.AWS_ACCESS_KEY_ID ?? 'local';
  process.env.AWS_SECRET_ACCESS_KEY = process.env.AWS_SECRET_ACCESS_KEY ?? 'local';
  Object.assign(process.env, await bootstrapLocal(options.emulatorEndpoint, process.env.AWS_REGION));
  const server = await startLocalServer({ handlers: localHandlers, port: options.port });
  const watcher = new EndpointWatcher(endpointEvents, options.watchIntervalMs ?? 1000);
  watcher.start();
  return {
    url: server.url,
    close: async () => {
      await watcher.stop();
      await server.close();
    },
  };
}
