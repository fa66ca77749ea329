import type { EndpointService, IdleSweep } from '../lambdas/endpoints/service.js';
import { wireEndpoints } from '../lambdas/endpoints/wiring.js';
import { logIdlePauses } from '../lambdas/endpoints/events-handler.js';
import { OutageLog } from './outage-log.js';

/**
 * The local stand-in for the idle step of the periodic sweep (EventBridge runs the sweep every
 * five minutes on AWS; nothing runs it locally): on every tick, the endpoint service's idle check
 * pauses each endpoint whose `idlePause` finds it idle in the emulator's CloudWatch (where the
 * synthetic metrics publish invocations), each pause logged as the sweep logs it. The clock is
 * injected, so tests run it without waiting.
 */
export class LocalIdlePause {
  private service: EndpointService | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly options: {
      intervalMs: number;
      /** @default the system clock */
      now?: () => Date;
      outages?: OutageLog;
    },
  ) {}

  start(): void {
    const outages = this.options.outages ?? new OutageLog(process.env.AWS_ENDPOINT_URL ?? 'AWS');
    const tick = () => {
      const startedAt = Date.now();
      this.running = this.poll()
        .then(
          (swept) => {
            outages.ok();
            for (const failure of swept.failures) console.error('idle pause:', failure);
          },
          (error: unknown) => {
            if (!outages.failed('idle pause', error, startedAt)) console.error('idle pause:', error instanceof Error ? error.message : error);
          },
        )
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.options.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass of the idle check; answers what it paused and what failed. */
  async poll(): Promise<IdleSweep> {
    const now = this.options.now;
    // Wired on first use: the control plane sets the environment the wiring reads before it starts this.
    this.service ??= wireEndpoints(now ? { clock: { now } } : {}).service;
    const swept = await this.service.idleSweep();
    logIdlePauses(swept.paused);
    return swept;
  }
}
