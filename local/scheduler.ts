import { GetScheduleCommand, paginateListSchedules, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { Cron } from 'croner';
import { fromSchedulerExpression, type ScheduledAction } from '../lambdas/endpoints/schedules.js';
import { schedulerClient } from '../lambdas/shared/aws-clients.js';
import { OutageLog } from './outage-log.js';

type ScheduleTarget = (action: ScheduledAction) => Promise<void>;

/**
 * The local stand-in for EventBridge Scheduler: the emulator stores the API's schedules but
 * runs none, so this reads the schedules of the deployment's group on every tick and, for each
 * one whose expression matched (in its time zone, with croner) since the last tick, calls the
 * same handler the schedule targets on AWS with the schedule's input. The clock is injected, so
 * tests run it without waiting.
 */
export class LocalScheduler {
  private readonly client: SchedulerClient = schedulerClient();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private since: Date;

  constructor(
    private readonly options: {
      group: string;
      target: ScheduleTarget;
      intervalMs: number;
      /** @default the system clock */
      now?: () => Date;
      outages?: OutageLog;
    },
  ) {
    this.since = this.now();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  start(): void {
    const outages = this.options.outages ?? new OutageLog(process.env.AWS_ENDPOINT_URL ?? 'AWS');
    const tick = () => {
      const startedAt = Date.now();
      this.running = this.poll()
        .then(
          () => outages.ok(),
          (error: unknown) => {
            if (!outages.failed('scheduler', error, startedAt)) console.error('scheduler:', error instanceof Error ? error.message : error);
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
    this.client.destroy();
  }

  /** Runs every schedule that was due between the last poll and now; returns what it ran. */
  async poll(): Promise<ScheduledAction[]> {
    const until = this.now();
    const ran: ScheduledAction[] = [];
    for await (const page of paginateListSchedules({ client: this.client }, { GroupName: this.options.group })) {
      for (const summary of page.Schedules ?? []) {
        if (!summary.Name || summary.State === 'DISABLED') continue;
        // A schedule removed between the list and this read (its endpoint changed or went) is skipped.
        const schedule = await this.client.send(new GetScheduleCommand({ GroupName: this.options.group, Name: summary.Name })).catch((error: unknown) => {
          if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
          throw error;
        });
        if (!schedule) continue;
        const cron = fromSchedulerExpression(schedule.ScheduleExpression ?? '');
        if (!cron || !schedule.Target?.Input) continue;
        const next = new Cron(cron, { timezone: schedule.ScheduleExpressionTimezone ?? 'UTC', paused: true }).nextRun(this.since);
        if (!next || next > until) continue;
        const action = JSON.parse(schedule.Target.Input) as ScheduledAction;
        await this.options.target(action);
        ran.push(action);
      }
    }
    this.since = until;
    return ran;
  }
}
