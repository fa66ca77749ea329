import { randomUUID } from 'node:crypto';
import { paginateListEndpoints } from '@aws-sdk/client-sagemaker';
import type { EventBridgeEvent } from 'aws-lambda';
import { localEvent } from './eventbridge-event.js';
import type { EndpointStateChange } from '../lambdas/endpoints/events-handler.js';
import { sageMakerClient } from '../lambdas/shared/aws-clients.js';
import { OutageLog } from './outage-log.js';
import { logger } from '../lambdas/shared/logger.js';

type EventsHandler = (event: EventBridgeEvent<'SageMaker Endpoint State Change', EndpointStateChange>) => Promise<void>;

/**
 * The local stand-in for EventBridge's "SageMaker Endpoint State Change" rule: the emulator
 * cannot deliver events to handlers (DEVELOPERS.md, "The emulator"), so this polls the endpoints' statuses and
 * calls the same events handler Lambda runs whenever one changes or an endpoint disappears.
 */
export class EndpointWatcher {
  private readonly client = sageMakerClient();
  private readonly seen = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly handler: EventsHandler,
    private readonly intervalMs: number,
    /** Where an emulator that stopped answering is reported, once per outage. */
    private readonly outages: OutageLog = new OutageLog(process.env.AWS_ENDPOINT_URL ?? 'AWS'),
  ) {}

  start(): void {
    const tick = () => {
      const startedAt = Date.now();
      this.running = this.poll()
        .then(
          () => this.outages.ok(),
          (error: unknown) => {
            if (!this.outages.failed('endpoint watcher', error, startedAt)) console.error('endpoint watcher:', error instanceof Error ? error.message : error);
          },
        )
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    this.client.destroy();
  }

  private event(name: string, status: string): EventBridgeEvent<'SageMaker Endpoint State Change', EndpointStateChange> {
    return localEvent('SageMaker Endpoint State Change', 'aws.sagemaker', String(Date.now()), { EndpointName: name, EndpointStatus: status });
  }

  private async poll(): Promise<void> {
    const now = new Map<string, string>();
    for await (const page of paginateListEndpoints({ client: this.client, pageSize: 100 }, {})) {
      for (const endpoint of page.Endpoints ?? []) if (endpoint.EndpointName) now.set(endpoint.EndpointName, endpoint.EndpointStatus ?? '');
    }
    // A change whose handler fails is not marked seen, so it is delivered again on the next
    // tick, as EventBridge retries a failed asynchronous invocation.
    const deliver = async (name: string, status: string): Promise<boolean> => {
      try {
        // One process runs every handler on one shared logger: give each delivery its own
        // invocation context, as Lambda would, so its lines do not carry the request id of the
        // last API call.
        logger.addContext({
          awsRequestId: randomUUID(),
          functionName: 'endpoint-events',
          functionVersion: '$LATEST',
          invokedFunctionArn: 'local:endpoint-events',
          memoryLimitInMB: '256',
          coldStart: false,
        });
        await this.handler(this.event(name, status));
        return true;
      } catch (error) {
        if (!this.outages.failed('endpoint watcher', error))
          console.error(`endpoint watcher: ${name} ${status}:`, error instanceof Error ? error.message : error);
        return false;
      }
    };
    for (const [name, status] of now) {
      if (this.seen.get(name) !== status && (await deliver(name, status))) this.seen.set(name, status);
    }
    for (const name of [...this.seen.keys()]) {
      if (!now.has(name) && (await deliver(name, 'DELETED'))) this.seen.delete(name);
    }
  }
}
