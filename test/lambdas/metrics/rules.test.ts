import { describe, expect, it } from 'vitest';
import { metricNames, type MetricName } from '../../../lambdas/metrics/catalog.js';
import { resolveWindow, selectVariants } from '../../../lambdas/metrics/rules.js';

const now = new Date('2026-03-10T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('resolveWindow', () => {
  it('defaults to the last hour when neither start nor end is given', () => {
    expect(resolveWindow({ metrics: metricNames, period: 60, now })).toEqual({ window: { start: new Date(now.getTime() - hour), end: now, period: 60 } });
  });

  it('defaults start to one hour before end when only end is given', () => {
    expect(resolveWindow({ metrics: metricNames, end: ago(day), period: 60, now })).toEqual({
      window: { start: new Date(now.getTime() - day - hour), end: new Date(now.getTime() - day), period: 60 },
    });
  });

  it.each([
    ['a multiple of 60 over a day', { period: 60, start: ago(day) }],
    ['1440 points exactly', { period: 60, start: ago(1440 * minute) }],
    ['10 s for concurrentRequests only', { period: 10, metrics: ['concurrentRequests'] as MetricName[], start: ago(hour) }],
    ['30 s within three hours', { period: 30, metrics: ['concurrentRequests'] as MetricName[], start: ago(3 * hour) }],
    ['5-minute periods 20 days back', { period: 300, start: ago(20 * day), end: ago(19 * day) }],
    ['1-hour periods 400 days back', { period: 3600, start: ago(400 * day), end: ago(399 * day) }],
    ['an end a little ahead of our clock', { period: 60, end: new Date(now.getTime() + 4 * minute).toISOString() }],
  ])('accepts %s', (_label, input: { period: number; metrics?: MetricName[]; start?: string; end?: string }) => {
    expect(resolveWindow({ metrics: input.metrics ?? metricNames, now, ...input })).toHaveProperty('window');
  });

  it.each<[string, { period: number; metrics?: MetricName[]; start?: string; end?: string }, [string, RegExp][]]>([
    ['a period that is neither 10, 30 nor a multiple of 60', { period: 45 }, [['/query/period', /10, 30 or a multiple of 60/]]],
    ['90 s', { period: 90 }, [['/query/period', /multiple of 60/]]],
    [
      '10 s for standard-resolution metrics',
      { period: 10, metrics: ['gpuUtilization', 'concurrentRequests'] as MetricName[] },
      [['/query/period', /gpuUtilization is published every 60 seconds/]],
    ],
    ['a start after the end', { period: 60, start: ago(hour), end: ago(2 * hour) }, [['/query/start', /before end/]]],
    ['a start equal to the end', { period: 60, start: ago(hour), end: ago(hour) }, [['/query/start', /before end/]]],
    ['an end far in the future', { period: 60, start: ago(hour), end: new Date(now.getTime() + hour).toISOString() }, [['/query/end', /future/]]],
    ['more than 1440 points', { period: 60, start: ago(2 * day) }, [['/query/period', /2880 points.*at least 120 seconds/]]],
    [
      'sub-minute periods older than three hours',
      { period: 30, metrics: ['concurrentRequests'] as MetricName[], start: ago(4 * hour), end: ago(3.5 * hour) },
      [['/query/start', /3 hours.*multiple of 60/]],
    ],
    ['1-minute periods older than 15 days', { period: 60, start: ago(16 * day), end: ago(16 * day - hour) }, [['/query/start', /15 days.*multiple of 300/]]],
    ['5-minute periods older than 63 days', { period: 300, start: ago(70 * day), end: ago(69 * day) }, [['/query/start', /63 days.*multiple of 3600/]]],
    ['anything older than 455 days', { period: 3600, start: ago(500 * day), end: ago(499 * day) }, [['/query/start', /455 days/]]],
  ])('rejects %s', (_label, input, expected) => {
    const result = resolveWindow({ metrics: input.metrics ?? metricNames, now, ...input });
    expect(result).toHaveProperty('problems');
    const problems = 'problems' in result ? result.problems : [];
    expect(problems.map((p) => p.path)).toEqual(expected.map(([path]) => path));
    expected.forEach(([, message], i) => expect(problems[i]?.message).toMatch(message));
  });

  it('rejects every problem at once when the period, the order and the future are all wrong', () => {
    const result = resolveWindow({
      metrics: metricNames,
      period: 45,
      start: new Date(now.getTime() + 2 * hour).toISOString(),
      end: new Date(now.getTime() + hour).toISOString(),
      now,
    });
    expect('problems' in result && result.problems.map((p) => p.path).sort()).toEqual(['/query/end', '/query/period', '/query/start']);
  });
});

describe('selectVariants', () => {
  const served = [
    { name: 'a', role: 'production' },
    { name: 'b', role: 'production' },
    { name: 'shadow', role: 'shadow' },
  ];

  it('keeps a single variant unlabelled by default, as single-version endpoints always answered', () => {
    expect(selectVariants([served[0]!], {})).toEqual({ selection: { variants: [served[0]], perVariant: false } });
    expect(selectVariants([served[0]!], { perVariant: true })).toEqual({ selection: { variants: [served[0]], perVariant: true } });
  });

  it('reads every variant per variant by default when there are several', () => {
    expect(selectVariants(served, {})).toEqual({ selection: { variants: served, perVariant: true } });
  });

  it("narrows to the named variants in the endpoint's order, labelled", () => {
    expect(selectVariants(served, { variant: ['shadow', 'a'] })).toEqual({ selection: { variants: [served[0], served[2]], perVariant: true } });
    expect(selectVariants(served, { variant: ['b'], perVariant: false })).toEqual({ selection: { variants: [served[1]], perVariant: false } });
  });

  it('refuses names the endpoint does not serve, saying which it serves', () => {
    expect(selectVariants(served, { variant: ['a', 'c', 'main'] })).toEqual({
      problems: [{ path: '/query/variant', message: 'names variants the endpoint does not serve (c, main); it serves a, b, shadow' }],
    });
  });

  it('refuses perVariant=false over several variants instead of adding their series up', () => {
    const result = selectVariants(served, { perVariant: false });
    expect(result).toEqual({ problems: [{ path: '/query/perVariant', message: expect.stringMatching(/^cannot be false for 3 variants \(a, b, shadow\)/) }] });
  });
});
