/** `metrics` and `catalog`: how endpoints run, and what they can run on. */
import { Command, Option } from 'commander';
import type { EndpointMetricsQuery, Schemas } from '@modelplane/sdk';
import { contextOf } from '../context.js';
import { formatTable, printJson, printText } from '../output.js';
import { duration, integer, list } from '../parse.js';

type MetricName = Schemas['MetricName'];

export function metricsCommand(): Command {
  return new Command('metrics')
    .description("An endpoint's metrics over a window: one row per series with its last, average and peak")
    .argument('<endpoint>')
    .option('--metrics <names>', 'comma-separated, e.g. gpuUtilization,concurrentRequests (default: all)', list)
    .option('--since <duration>', 'the window, ending now: 90s, 15m, 1h, 2d', duration, 3600)
    .option('--period <seconds>', 'seconds per data point: 10, 30 or a multiple of 60', integer(1), 60)
    .addOption(
      new Option('--stat <stat>', "the statistic (default: each metric's own)").choices([
        'Average',
        'Sum',
        'Minimum',
        'Maximum',
        'SampleCount',
        'p50',
        'p90',
        'p99',
      ]),
    )
    .option('--per-instance', 'one series per instance')
    .option('--variant <names>', 'only these variants, comma-separated, e.g. a,b (default: all)', list)
    .option('--per-variant', 'one series per variant, also on a single-variant endpoint (the default with several variants)')
    .action(async (endpoint: string, options: MetricsOptions, command: Command) => {
      const context = contextOf(command);
      const query: EndpointMetricsQuery = {
        start: new Date(Date.now() - options.since * 1000).toISOString(),
        period: options.period,
        ...(options.metrics ? { metrics: options.metrics as MetricName[] } : {}),
        ...(options.stat ? { stat: options.stat } : {}),
        ...(options.perInstance ? { perInstance: true } : {}),
        ...(options.variant ? { variant: options.variant } : {}),
        ...(options.perVariant ? { perVariant: true } : {}),
      };
      const metrics = await context.client.metrics.get(endpoint, query);
      if (context.output === 'json') return printJson(metrics);
      printText(`${metrics.endpoint}: ${metrics.start} .. ${metrics.end}, ${metrics.period} s per point`);
      // A VARIANT column (the shadow marked) only when the series are per variant: an A/B read side by side.
      const perVariant = metrics.series.some((s) => s.variant !== undefined);
      printText(
        formatTable(
          ['METRIC', ...(perVariant ? ['VARIANT'] : []), 'INSTANCE', 'STAT', 'UNIT', 'POINTS', 'LAST', 'AVG', 'MAX'],
          metrics.series.map((s) => {
            const values = s.points.map((p) => p.value);
            const figure = (value: number | undefined) => (value === undefined ? undefined : Number(value.toFixed(2)));
            return [
              s.metric,
              ...(perVariant ? [s.role === 'shadow' ? `${s.variant} (shadow)` : s.variant] : []),
              s.instanceId,
              s.stat,
              s.unit,
              values.length,
              figure(values.at(-1)),
              figure(values.length ? values.reduce((a, b) => a + b, 0) / values.length : undefined),
              figure(values.length ? Math.max(...values) : undefined),
            ];
          }),
        ),
      );
    });
}

interface MetricsOptions {
  metrics?: string[];
  since: number;
  period: number;
  stat?: EndpointMetricsQuery['stat'];
  perInstance?: boolean;
  variant?: string[];
  perVariant?: boolean;
}

export function catalogCommand(): Command {
  const catalog = new Command('catalog').description('What this deployment supports');

  catalog
    .command('instance-types')
    .description('GPU instance types endpoints can use, smallest first')
    .action(async (_options: object, command: Command) => {
      const context = contextOf(command);
      const items = await context.client.catalog.instanceTypes();
      if (context.output === 'json') return printJson(items);
      printText(
        formatTable(
          ['NAME', 'GPUS', 'GPU', 'GPU MEMORY', 'VCPUS', 'MEMORY'],
          items.map((t) => [t.name, t.gpus, t.gpuModel, `${t.gpuMemoryGiB} GiB`, t.vcpus, `${t.memoryGiB} GiB`]),
        ),
      );
    });

  catalog
    .command('series')
    .description('Model series the packager recognises, with their serving engine')
    .action(async (_options: object, command: Command) => {
      const context = contextOf(command);
      const items = await context.client.catalog.series();
      if (context.output === 'json') return printJson(items);
      printText(
        formatTable(
          ['NAME', 'SERVING', 'ARCHITECTURES', 'DESCRIPTION'],
          items.map((s) => [s.name, s.serving, s.architectures.join(','), s.description]),
        ),
      );
    });

  return catalog;
}
