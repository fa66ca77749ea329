import type { FieldError } from '../shared/errors.js';
import { metricCatalog, type MetricName } from './catalog.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

export const defaultWindowMs = hour;
export const defaultPeriodSeconds = 60;
/** The most data points one series may hold (the spec's limit: a day of minutes). */
export const maxPointsPerSeries = 1440;
/** How far `end` may lie ahead of our clock: callers' clocks drift. */
export const clockSkewMs = 5 * minute;
/** Periods under a minute CloudWatch offers for high-resolution metrics (1 and 5 s are too fine for a chart of an endpoint). */
export const highResolutionPeriods: readonly number[] = [10, 30];

/**
 * How long CloudWatch keeps data at each resolution: a window starting further back needs a
 * period that is a multiple of the coarser one, and nothing is kept beyond 455 days
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html,
 * "If the StartTime parameter specifies a time stamp that is greater than 3 hours ago...").
 */
export const retention: readonly { readonly periodSeconds: number; readonly keptMs: number; readonly label: string }[] = [
  { periodSeconds: 1, keptMs: 3 * hour, label: 'data at periods under a minute is kept for 3 hours' },
  { periodSeconds: 60, keptMs: 15 * day, label: '1-minute data is kept for 15 days' },
  { periodSeconds: 300, keptMs: 63 * day, label: '5-minute data is kept for 63 days' },
  { periodSeconds: 3600, keptMs: 455 * day, label: '1-hour data is kept for 455 days' },
];

export interface WindowInput {
  metrics: readonly MetricName[];
  start?: string;
  end?: string;
  period: number;
  now: Date;
}

export interface Window {
  start: Date;
  end: Date;
  period: number;
}

/**
 * The window a metrics request reads, with its defaults (the last hour), or every problem with
 * it at once: the period's shape, the order of start and end, the future, the number of points
 * per series, and what CloudWatch still keeps at that period.
 */
export function resolveWindow(input: WindowInput): { window: Window } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  const { period, now } = input;
  const end = input.end === undefined ? now : new Date(input.end);
  const start = input.start === undefined ? new Date(end.getTime() - defaultWindowMs) : new Date(input.start);
  // A time that passed the format check may still name no instant (a leap second, 23:59:60Z):
  // every rule below would compare NaN and say nonsense ("is NaN minutes ago").
  const unreadable = (['start', 'end'] as const).filter((name) => input[name] !== undefined && Number.isNaN(new Date(input[name] ?? 0).getTime()));
  if (unreadable.length > 0) {
    return {
      problems: unreadable.map((name) => ({
        path: `/query/${name}`,
        message: 'is not a time we can read (leap seconds, :60, are not taken): give an RFC 3339 time such as 2025-06-01T12:00:00Z',
      })),
    };
  }

  if (period < 60) {
    if (!highResolutionPeriods.includes(period)) {
      problems.push({ path: '/query/period', message: `must be ${highResolutionPeriods.join(', ')} or a multiple of 60 seconds` });
    } else {
      const standard = input.metrics.filter((metric) => !metricCatalog[metric].highResolution);
      if (standard.length > 0) {
        const high = (Object.keys(metricCatalog) as MetricName[]).filter((metric) => metricCatalog[metric].highResolution);
        problems.push({
          path: '/query/period',
          message: `periods under 60 seconds exist only for high-resolution metrics (${high.join(', ')}); ${standard.join(', ')} ${standard.length === 1 ? 'is' : 'are'} published every 60 seconds`,
        });
      }
    }
  } else if (period % 60 !== 0) {
    problems.push({ path: '/query/period', message: `must be ${highResolutionPeriods.join(', ')} or a multiple of 60 seconds` });
  }

  if (end.getTime() > now.getTime() + clockSkewMs) {
    problems.push({ path: '/query/end', message: `must not be in the future (it is ${Math.round((end.getTime() - now.getTime()) / minute)} minutes ahead)` });
  }

  if (start.getTime() >= end.getTime()) {
    problems.push({ path: '/query/start', message: 'must be before end' });
  } else {
    const points = Math.ceil((end.getTime() - start.getTime()) / (period * second));
    if (points > maxPointsPerSeries) {
      const minimum = Math.ceil((end.getTime() - start.getTime()) / second / maxPointsPerSeries / 60) * 60;
      problems.push({
        path: '/query/period',
        message: `gives ${points} points per series over this window; at most ${maxPointsPerSeries}: use a period of at least ${minimum} seconds or a shorter window`,
      });
    }
  }

  const age = now.getTime() - start.getTime();
  const oldest = retention[retention.length - 1]!;
  if (age > oldest.keptMs) {
    problems.push({ path: '/query/start', message: `is more than 455 days ago; CloudWatch keeps no metrics that old` });
  } else {
    // The finest resolution still kept for a window starting this far back.
    const kept = retention.find((tier) => age <= tier.keptMs) ?? oldest;
    if (period % kept.periodSeconds !== 0) {
      problems.push({
        path: '/query/start',
        message: `is ${describeAge(age)} ago, and ${retention[retention.indexOf(kept) - 1]?.label ?? kept.label}: use a period that is a multiple of ${kept.periodSeconds} seconds`,
      });
    }
  }

  return problems.length > 0 ? { problems } : { window: { start, end, period } };
}

function describeAge(ms: number): string {
  if (ms >= 2 * day) return `${Math.floor(ms / day)} days`;
  if (ms >= 2 * hour) return `${Math.floor(ms / hour)} hours`;
  return `${Math.floor(ms / minute)} minutes`;
}

/** Which variants a metrics request reads, and whether its series name them. */
export interface VariantSelection<V extends { name: string }> {
  variants: V[];
  perVariant: boolean;
}

/**
 * The variants to read (those named in `variant`, in the endpoint's order, or all of them), and
 * whether the series are per variant: by default when more than one is read or some are named,
 * so a single-variant endpoint answers as before. Series of several variants are never added
 * up (an A/B read compares them; percentiles cannot be combined), so `perVariant: false` with
 * more than one variant is a problem, as is a name the endpoint does not serve.
 */
export function selectVariants<V extends { name: string }>(
  served: readonly V[],
  input: { variant?: readonly string[]; perVariant?: boolean },
): { selection: VariantSelection<V> } | { problems: FieldError[] } {
  const names = served.map((v) => v.name);
  const unknown = (input.variant ?? []).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    return {
      problems: [
        {
          path: '/query/variant',
          message: `names ${unknown.length === 1 ? 'a variant' : 'variants'} the endpoint does not serve (${unknown.join(', ')}); it serves ${names.join(', ') || 'none'}`,
        },
      ],
    };
  }
  const variants = input.variant === undefined ? [...served] : served.filter((v) => input.variant?.includes(v.name));
  const perVariant = input.perVariant ?? (variants.length > 1 || input.variant !== undefined);
  if (!perVariant && variants.length > 1) {
    return {
      problems: [
        {
          path: '/query/perVariant',
          message: `cannot be false for ${variants.length} variants (${variants.map((v) => v.name).join(', ')}): their series are not added up; leave perVariant out or name one variant`,
        },
      ],
    };
  }
  return { selection: { variants, perVariant } };
}
