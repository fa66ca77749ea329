import type { EndpointStore, SageMakerEndpoints } from '../endpoints/ports.js';
import type { Dimension, Statistic } from './catalog.js';

/** One CloudWatch metric and statistic to read: a GetMetricData `MetricStat` query. */
export interface MetricQuery {
  /** Unique within one read; CloudWatch wants `^[a-z][a-zA-Z0-9_]*$`. */
  id: string;
  namespace: string;
  metricName: string;
  /** In the order SageMaker publishes them (see catalog `dimensionsOf`). */
  dimensions: readonly Dimension[];
  stat: Statistic;
  period: number;
}

export interface MetricPoint {
  timestamp: Date;
  value: number;
}

/** CloudWatch metrics, read in as few calls as its limits allow. */
export interface MetricsReader {
  /**
   * The data points of every query over [start, end), by query id (an id without data maps to
   * an empty list). One GetMetricData call (and its pages) per 500 queries.
   */
  read(queries: readonly MetricQuery[], start: Date, end: Date): Promise<Map<string, MetricPoint[]>>;
  /**
   * The instances CloudWatch lists metrics for under the endpoint's variant (the InstanceId
   * dimension of enhanced metrics). CloudWatch lists metrics that received data in the last two weeks.
   */
  instanceIds(endpoint: string): Promise<string[]>;
}

/** What the metrics area needs from the endpoints area: the owner and the current instance type. */
export type EndpointRecords = Pick<EndpointStore, 'get'>;
export type EndpointDescriptions = Pick<SageMakerEndpoints, 'describeEndpoint' | 'describeConfig'>;
