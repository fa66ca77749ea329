import { describe, expect, it } from 'vitest';
import { fromSchedulerExpression, scheduleChanges, scheduleProblems, schedulerExpression } from '../../../lambdas/endpoints/schedules.js';

const messages = (cron: string, timezone = 'Europe/Berlin') =>
  scheduleProblems({ cron, timezone }, '/body/pauseSchedule').map((p) => `${p.path}: ${p.message}`);

describe('endpoint schedules', () => {
  it('accepts five-field expressions with week days by name, in an IANA time zone', () => {
    for (const cron of ['0 19 * * MON-FRI', '30 7 * * mon,wed', '*/15 8-18 * * *', '0 0 1 * *', '0 6 1,15 JAN-MAR *']) expect(messages(cron)).toEqual([]);
  });

  it('refuses what EventBridge Scheduler would read differently or not at all, saying why', () => {
    expect(messages('0 19 * * 1-5')[0]).toMatch(/^\/body\/pauseSchedule\/cron: day-of-week takes names/);
    expect(messages('0 19 1 * MON')[0]).toMatch(/not both/);
    expect(messages('0 19 * *')[0]).toMatch(/five fields/);
    expect(messages('0 0 19 * * MON')[0]).toMatch(/five fields/);
    expect(messages('0 19 L * *')[0]).toMatch(/numbers, ranges, lists and steps/);
    expect(messages('61 19 * * *')).toHaveLength(1);
    expect(messages('0 19 * * *', 'Mars/Olympus')).toEqual([
      '/body/pauseSchedule/timezone: Mars/Olympus is not an IANA time zone (for example Europe/Berlin or UTC)',
    ]);
  });

  it("writes Scheduler's six-field form with ? in the open day field, and reads it back", () => {
    expect(schedulerExpression('0 19 * * MON-FRI')).toBe('cron(0 19 ? * MON-FRI *)');
    expect(schedulerExpression('0 6 1 * *')).toBe('cron(0 6 1 * ? *)');
    expect(schedulerExpression('*/15 8-18 * * *')).toBe('cron(*/15 8-18 * * ? *)');
    for (const cron of ['0 19 * * MON-FRI', '0 6 1 * *']) expect(fromSchedulerExpression(schedulerExpression(cron))).toBe(cron);
    expect(fromSchedulerExpression('rate(5 minutes)')).toBeUndefined();
  });

  it('takes null as a removal and lists the problems of each schedule at its own path', () => {
    const { changes, problems } = scheduleChanges({ pauseSchedule: null, resumeSchedule: { cron: '0 8 * * 1', timezone: 'UTC' } });
    expect(changes).toEqual({ pause: null, resume: { cron: '0 8 * * 1', timezone: 'UTC' } });
    expect(problems.map((p) => p.path)).toEqual(['/body/resumeSchedule/cron']);
  });
});
