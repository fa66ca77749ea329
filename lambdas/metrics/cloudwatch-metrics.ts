import { GetMetricDataCommand, ListMetricsCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { UpstreamError } from '../shared/errors.js';
import { variantDimensions } from './catalog.js';
import type { MetricPoint, MetricQuery, MetricsReader } from './ports.js';

/** GetMetricData takes at most 500 queries per call (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html). */
export const maxQueriesPerCall = 500;

function toQuery(query: MetricQuery): MetricDataQuery {
  return {
    Id: query.id,
    MetricStat: {
      Metric: { Namespace: query.namespace, MetricName: query.metricName, Dimensions: query.dimensions.map((d) => ({ Name: d.name, Value: d.value })) },
      Period: query.period,
      Stat: query.stat,
    },
    ReturnData: true,
  };
}

/** Thin gateway over CloudWatch's GetMetricData (500 queries a call, pages followed) and ListMetrics. */
export class CloudWatchMetricsReader implements MetricsReader {
  constructor(private readonly client: CloudWatchClient) {}

  async read(queries: readonly MetricQuery[], start: Date, end: Date): Promise<Map<string, MetricPoint[]>> {
    const points = new Map<string, MetricPoint[]>(queries.map((q) => [q.id, []]));
    const batches: MetricQuery[][] = [];
    for (let i = 0; i < queries.length; i += maxQueriesPerCall) batches.push(queries.slice(i, i + maxQueriesPerCall));
    await Promise.all(
      batches.map(async (batch) => {
        let nextToken: string | undefined;
        do {
          const page = await this.client.send(
            new GetMetricDataCommand({
              MetricDataQueries: batch.map(toQuery),
              StartTime: start,
              EndTime: end,
              ScanBy: 'TimestampAscending',
              NextToken: nextToken,
            }),
          );
          for (const result of page.MetricDataResults ?? []) {
            if (result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') {
              const why = result.Messages?.map((m) => m.Value).join('; ') ?? result.StatusCode;
              throw new UpstreamError('ServiceUnavailable', `CloudWatch could not read ${result.Label ?? result.Id ?? 'a metric'}: ${why}`);
            }
            const list = points.get(result.Id ?? '');
            if (!list) continue;
            const timestamps = result.Timestamps ?? [];
            const values = result.Values ?? [];
            timestamps.forEach((timestamp, i) => {
              const value = values[i];
              if (value !== undefined) list.push({ timestamp, value });
            });
          }
          nextToken = page.NextToken;
        } while (nextToken);
      }),
    );
    for (const list of points.values()) list.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    return points;
  }

  async instanceIds(endpoint: string, variant: string): Promise<string[]> {
    const ids = new Set<string>();
    let nextToken: string | undefined;
    do {
      // Both namespaces at once (no Namespace). Filtering on the InstanceId name alone would be
      // enough on AWS, but values are given for every filter so the emulator matches too.
      const page = await this.client.send(
        new ListMetricsCommand({ Dimensions: variantDimensions(endpoint, variant).map((d) => ({ Name: d.name, Value: d.value })), NextToken: nextToken }),
      );
      for (const metric of page.Metrics ?? []) {
        const id = metric.Dimensions?.find((d) => d.Name === 'InstanceId')?.Value;
        if (id) ids.add(id);
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return [...ids].sort();
  }
}
