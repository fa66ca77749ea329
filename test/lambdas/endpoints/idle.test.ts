import { describe, expect, it } from 'vitest';
import { idleDecision, idlePauseChange, idlePauseView, idleWindow, withIdlePause } from '../../../lambdas/endpoints/idle.js';
import { CloudWatchInvocationCounts, invocationQueries } from '../../../lambdas/endpoints/invocation-counts.js';
import type { EndpointRecord, EndpointState } from '../../../lambdas/endpoints/ports.js';
import type { MetricPoint, MetricQuery, MetricsReader } from '../../../lambdas/metrics/ports.js';
import { UpstreamError } from '../../../lambdas/shared/errors.js';

const now = new Date('2026-12-02T12:00:00Z');
const record: EndpointRecord = {
  name: 'chat',
  tenant: 'team-a',
  model: 'llama',
  idlePause: { afterMinutes: 30 },
  configs: ['chat-1'],
  alarms: [],
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
};
const state: EndpointState = {
  status: 'InService',
  configName: 'chat-1',
  variant: { name: 'blue' },
  variants: [{ name: 'blue' }, { name: 'green' }],
  shadow: { name: 'shadow' },
  createdAt: new Date('2026-12-01T08:00:00Z'),
  lastModified: new Date('2026-12-01T09:00:00Z'),
};

describe('idle pause decision', () => {
  it('pauses a running endpoint that received no invocations over a window it served throughout, reading its production variants only', () => {
    const window = { variants: ['blue', 'green'], start: new Date('2026-12-02T11:30:00Z'), end: now };
    expect(idleWindow(record, state, now)).toEqual({ window });
    expect(idleDecision(record, state, 0, now)).toEqual({ pause: true, window, reason: 'it received no invocations in the last 30 minutes' });
  });

  it('keeps an endpoint that received any invocation, or whose invocations could not be read', () => {
    expect(idleDecision(record, state, 1, now)).toEqual({ pause: false, reason: 'it received 1 invocations in the last 30 minutes' });
    expect(idleDecision(record, state, undefined, now)).toEqual({ pause: false, reason: 'its invocations could not be read from CloudWatch' });
  });

  it('keeps an endpoint without an idle pause, paused, being deleted, gone from SageMaker, or not running', () => {
    const { idlePause: _none, ...plain } = record;
    expect(idleDecision(plain, state, 0, now)).toEqual({ pause: false, reason: 'it has no idle pause' });
    const paused = { ...record, paused: { at: '2026-12-02T10:00:00.000Z', variants: [] } };
    expect(idleDecision(paused, undefined, 0, now)).toEqual({ pause: false, reason: 'it is paused' });
    expect(idleDecision({ ...record, deleting: true }, state, 0, now)).toEqual({ pause: false, reason: 'it is being deleted' });
    expect(idleDecision(record, undefined, 0, now)).toEqual({ pause: false, reason: 'SageMaker has no endpoint of that name' });
    expect(idleDecision(record, { ...state, status: 'Updating' }, 0, now)).toEqual({ pause: false, reason: 'it is updating, not running' });
    expect(idleDecision(record, { ...state, status: 'InService', failureReason: 'rolled back' }, 0, now)).toEqual({
      pause: false,
      reason: 'it is updateFailed, not running',
    });
    expect(idleDecision(record, { ...state, status: 'Failed' }, 0, now).pause).toBe(false);
  });

  it('keeps an endpoint created, resumed or changed less than afterMinutes ago; a window starting exactly then pauses', () => {
    const young = (at: string) => idleDecision(record, { ...state, createdAt: new Date(at), lastModified: new Date(at) }, 0, now);
    // Resumed 29 minutes ago: a new SageMaker endpoint, so the clock starts again.
    expect(young('2026-12-02T11:31:00Z')).toEqual({
      pause: false,
      reason: 'it has served for 29 minutes since it was created, resumed or last changed; its idle pause counts 30',
    });
    expect(young('2026-12-02T11:30:00Z').pause).toBe(true);
    // A rollout or resize 10 minutes ago (LastModifiedTime) restarts it too.
    expect(idleDecision(record, { ...state, lastModified: new Date('2026-12-02T11:50:00Z') }, 0, now).pause).toBe(false);
    // So does a record younger than SageMaker's endpoint (a name taken over).
    expect(idleDecision({ ...record, createdAt: '2026-12-02T11:45:00.000Z' }, state, 0, now).pause).toBe(false);
  });

  it('reads the variants of the record when SageMaker names none, and main for records from before variants', () => {
    const unnamed = { ...state, variants: [{}] };
    expect(
      idleWindow({ ...record, variants: [{ name: 'a', version: 1, instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 1 }] }, unnamed, now),
    ).toMatchObject({
      window: { variants: ['a'] },
    });
    expect(idleWindow(record, unnamed, now)).toMatchObject({ window: { variants: ['main'] } });
  });
});

describe('idle pause field', () => {
  it('takes 15 to 10080 whole minutes, null to remove it, and nothing when absent', () => {
    expect(idlePauseChange(undefined)).toEqual({ problems: [] });
    expect(idlePauseChange(null)).toEqual({ change: null, problems: [] });
    expect(idlePauseChange({ afterMinutes: 15 })).toEqual({ change: { afterMinutes: 15 }, problems: [] });
    expect(idlePauseChange({ afterMinutes: 10080 })).toEqual({ change: { afterMinutes: 10080 }, problems: [] });
    for (const afterMinutes of [14, 10081, 30.5, Number.NaN]) {
      expect(idlePauseChange({ afterMinutes }).problems).toEqual([
        { path: '/body/idlePause/afterMinutes', message: 'must be a whole number of minutes from 15 to 10080 (7 days)' },
      ]);
    }
  });

  it('sets, keeps and removes it in the record, and shows it in the view', () => {
    expect(withIdlePause(record, { afterMinutes: 60 }).idlePause).toEqual({ afterMinutes: 60 });
    expect(withIdlePause(record, undefined)).toBe(record);
    const removed = withIdlePause(record, null);
    expect('idlePause' in removed).toBe(false);
    expect(idlePauseView(record)).toEqual({ idlePause: { afterMinutes: 30 } });
    expect(idlePauseView(removed)).toEqual({});
  });
});

describe('invocation counts', () => {
  it('asks for Invocations Sum per variant over whole minutes, with a period that keeps each query to 1440 points', () => {
    const read = invocationQueries('chat', ['blue', 'green'], new Date('2026-12-02T11:30:20Z'), new Date('2026-12-02T12:00:20Z'));
    expect(read.start.toISOString()).toBe('2026-12-02T11:30:00.000Z');
    expect(read.end.toISOString()).toBe('2026-12-02T12:01:00.000Z');
    expect(read.queries).toEqual([
      {
        id: 'v0',
        namespace: 'AWS/SageMaker',
        metricName: 'Invocations',
        dimensions: [
          { name: 'EndpointName', value: 'chat' },
          { name: 'VariantName', value: 'blue' },
        ],
        stat: 'Sum',
        period: 60,
      },
      expect.objectContaining({ id: 'v1', dimensions: [expect.anything(), { name: 'VariantName', value: 'green' }], period: 60 }),
    ]);
    const week = invocationQueries('chat', ['main'], new Date(now.getTime() - 10080 * 60_000), now);
    expect(week.queries[0]?.period).toBe(420);
    expect((week.end.getTime() - week.start.getTime()) / 1000 / 420).toBe(1440);
  });

  it('sums every point of every variant (no points: zero) and lets a refused read fail', async () => {
    const asked: MetricQuery[][] = [];
    const reader = (points: Record<string, number[]>): MetricsReader => ({
      read: async (queries) => {
        asked.push([...queries]);
        return new Map(
          queries.map((q) => [q.id, (points[q.id] ?? []).map((value, i): MetricPoint => ({ timestamp: new Date(now.getTime() + i * 60_000), value }))]),
        );
      },
      instanceIds: async () => [],
    });
    const start = new Date('2026-12-02T11:30:00Z');
    expect(await new CloudWatchInvocationCounts(reader({ v0: [0, 2], v1: [3] })).sum('chat', ['blue', 'green'], start, now)).toBe(5);
    expect(await new CloudWatchInvocationCounts(reader({})).sum('chat', ['blue', 'green'], start, now)).toBe(0);
    expect(asked).toHaveLength(2);
    const refused: MetricsReader = {
      read: async () => {
        throw new UpstreamError('ServiceUnavailable', 'CloudWatch could not read Invocations: denied');
      },
      instanceIds: async () => [],
    };
    await expect(new CloudWatchInvocationCounts(refused).sum('chat', ['blue'], start, now)).rejects.toThrow(/could not read/);
  });
});
