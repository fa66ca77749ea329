import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { Cron } from 'croner';
import type { EndpointSchedule } from '../../core/api.js';
import { EnvNames } from '../../core/env-names.js';
import { awsErrorName } from '../shared/aws-errors.js';
import { required } from '../shared/config.js';
import type { FieldError } from '../shared/errors.js';
import type { EndpointRecord } from './ports.js';

/**
 * Per-endpoint pause and resume schedules. The API takes the five-field Unix form
 * (`minute hour day-of-month month day-of-week`) with an IANA time zone, and EventBridge
 * Scheduler runs it as `cron(minute hour day-of-month month day-of-week year)` in that zone
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html). So that the
 * two mean the same, days of the week are given by name (`MON-FRI`: Unix counts from 0, AWS
 * from 1) and at most one of day-of-month and day-of-week is restricted (AWS needs `?` in the other).
 */
export type ScheduleKind = 'pause' | 'resume';

export const scheduleFields = { pause: 'pauseSchedule', resume: 'resumeSchedule' } as const satisfies Record<ScheduleKind, keyof EndpointRecord>;

const numberField = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;
const months = 'JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC';
const monthField = new RegExp(`^(\\*|(\\d+|${months})(-(\\d+|${months}))?)(/\\d+)?(,(\\d+|${months})(-(\\d+|${months}))?)*$`, 'i');
const days = 'SUN|MON|TUE|WED|THU|FRI|SAT';
const dayOfWeekField = new RegExp(`^(\\*|(${days})(-(${days}))?(,(${days})(-(${days}))?)*)$`, 'i');

/** Whether `zone` is an IANA time zone this runtime (and so EventBridge Scheduler) knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** Every problem with a schedule, at `path` in the request. */
export function scheduleProblems(schedule: EndpointSchedule, path: string): FieldError[] {
  const problems: FieldError[] = [];
  if (!isTimeZone(schedule.timezone)) {
    problems.push({ path: `${path}/timezone`, message: `${schedule.timezone} is not an IANA time zone (for example Europe/Berlin or UTC)` });
  }
  const fields = schedule.cron.trim().split(/\s+/);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const cronProblem = (message: string) => problems.push({ path: `${path}/cron`, message });
  if (fields.length !== 5 || dayOfWeek === undefined) {
    cronProblem('must have five fields: minute hour day-of-month month day-of-week (for example "0 19 * * MON-FRI")');
    return problems;
  }
  if (!numberField.test(minute!) || !numberField.test(hour!) || !numberField.test(dayOfMonth!) || !monthField.test(month!)) {
    cronProblem('minute, hour and day-of-month take numbers, ranges, lists and steps (0-59, 0-23, 1-31); month takes 1-12 or JAN-DEC');
  } else if (!dayOfWeekField.test(dayOfWeek)) {
    cronProblem('day-of-week takes names (SUN-SAT, for example MON-FRI or SAT,SUN) or *');
  } else if (dayOfMonth !== '*' && dayOfWeek !== '*') {
    cronProblem('restrict day-of-month or day-of-week, not both');
  } else {
    try {
      new Cron(fields.join(' '), { paused: true });
    } catch (error) {
      cronProblem(error instanceof Error ? error.message : String(error));
    }
  }
  return problems;
}

/** The schedule as EventBridge Scheduler's expression: `?` in the day field left open, every year. */
export function schedulerExpression(cron: string): string {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = cron.trim().split(/\s+/);
  const weekly = dayOfWeek !== '*';
  return `cron(${minute} ${hour} ${weekly ? '?' : dayOfMonth} ${month} ${weekly ? dayOfWeek : '?'} *)`;
}

/** The five-field form of a Scheduler expression made by `schedulerExpression` (for the local stand-in). */
export function fromSchedulerExpression(expression: string): string | undefined {
  const match = /^cron\((.+)\)$/.exec(expression.trim());
  const fields = match?.[1]?.split(/\s+/);
  if (fields?.length !== 6) return undefined;
  return fields
    .slice(0, 5)
    .map((field) => (field === '?' ? '*' : field))
    .join(' ');
}

/** The schedule's name in this deployment's group: one per endpoint and kind. */
export function scheduleName(endpoint: string, kind: ScheduleKind): string {
  return `${endpoint}-${kind}`;
}

/** What a schedule delivers to its target (the endpoint events handler). */
export interface ScheduledAction {
  source: 'modelplane.schedule';
  action: ScheduleKind;
  endpoint: string;
}

/** EventBridge Scheduler schedules of endpoints. */
export interface EndpointSchedules {
  /** Creates or replaces the schedule. */
  put(endpoint: string, kind: ScheduleKind, schedule: EndpointSchedule): Promise<void>;
  /** Deletes the schedule; one that is not there is fine. */
  remove(endpoint: string, kind: ScheduleKind): Promise<void>;
}

/**
 * The schedules in this deployment's group (MODELPLANE_SCHEDULE_GROUP), each invoking the
 * endpoint events function (MODELPLANE_SCHEDULE_TARGET_ARN) as the scheduler role
 * (MODELPLANE_SCHEDULER_ROLE_ARN), which may invoke only that function. The variables are read
 * when a schedule is first touched.
 */
export class SchedulerEndpointSchedules implements EndpointSchedules {
  constructor(
    private readonly client: SchedulerClient,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async put(endpoint: string, kind: ScheduleKind, schedule: EndpointSchedule): Promise<void> {
    const action: ScheduledAction = { source: 'modelplane.schedule', action: kind, endpoint };
    const input: CreateScheduleCommandInput = {
      Name: scheduleName(endpoint, kind),
      GroupName: required(this.env, EnvNames.scheduleGroup),
      ScheduleExpression: schedulerExpression(schedule.cron),
      ScheduleExpressionTimezone: schedule.timezone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: required(this.env, EnvNames.scheduleTargetArn), RoleArn: required(this.env, EnvNames.schedulerRoleArn), Input: JSON.stringify(action) },
      Description: `modelplane: ${kind} endpoint ${endpoint}`,
    };
    try {
      await this.client.send(new CreateScheduleCommand(input));
    } catch (error) {
      if (awsErrorName(error) !== 'ConflictException') throw error;
      await this.client.send(new UpdateScheduleCommand(input));
    }
  }

  async remove(endpoint: string, kind: ScheduleKind): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: scheduleName(endpoint, kind), GroupName: required(this.env, EnvNames.scheduleGroup) }));
    } catch (error) {
      if (awsErrorName(error) !== 'ResourceNotFoundException') throw error;
    }
  }
}

/** The schedule fields of a create or PATCH body: a schedule, `null` (remove it) or absent (keep it). */
export type ScheduleChanges = Partial<Record<ScheduleKind, EndpointSchedule | null>>;

/** The schedule changes a request asks for, and every problem with them. */
export function scheduleChanges(input: { pauseSchedule?: EndpointSchedule | null; resumeSchedule?: EndpointSchedule | null }): {
  changes: ScheduleChanges;
  problems: FieldError[];
} {
  const changes: ScheduleChanges = {};
  const problems: FieldError[] = [];
  for (const kind of ['pause', 'resume'] as const) {
    const value = input[scheduleFields[kind]];
    if (value === undefined) continue;
    changes[kind] = value;
    if (value !== null) problems.push(...scheduleProblems(value, `/body/${scheduleFields[kind]}`));
  }
  return { changes, problems };
}

/** The record with the schedule changes made. */
export function withSchedules<T extends EndpointRecord>(record: T, changes: ScheduleChanges): T {
  const next = { ...record };
  for (const [kind, value] of Object.entries(changes) as [ScheduleKind, EndpointSchedule | null][]) {
    if (value === null) delete next[scheduleFields[kind]];
    else next[scheduleFields[kind]] = value;
  }
  return next;
}

/** Makes the schedules in EventBridge Scheduler what the changes say. */
export async function applySchedules(schedules: EndpointSchedules, endpoint: string, changes: ScheduleChanges): Promise<void> {
  for (const [kind, value] of Object.entries(changes) as [ScheduleKind, EndpointSchedule | null][]) {
    if (value === null) await schedules.remove(endpoint, kind);
    else await schedules.put(endpoint, kind, value);
  }
}

/** The schedule fields of the API's view of an endpoint. */
export function scheduleView(record: EndpointRecord): { pauseSchedule?: EndpointSchedule; resumeSchedule?: EndpointSchedule } {
  return {
    ...(record.pauseSchedule ? { pauseSchedule: record.pauseSchedule } : {}),
    ...(record.resumeSchedule ? { resumeSchedule: record.resumeSchedule } : {}),
  };
}
