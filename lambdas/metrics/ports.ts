import type { EndpointRecord } from '../endpoints/ports.js';
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
   * The instances CloudWatch lists metrics for under one variant of the endpoint (the InstanceId
   * dimension of enhanced metrics). CloudWatch lists metrics that received data in the last two weeks.
   */
  instanceIds(endpoint: string, variant: string): Promise<string[]>;
}

/**
 * What the metrics area needs from the endpoint's record: its owner, and its status where the
 * record keeps one (`paused`: the SageMaker endpoint is deleted, the record stays).
 */
export type MetricsEndpointRecord = Pick<EndpointRecord, 'tenant'> & { readonly status?: string };
export interface EndpointRecords {
  get(name: string): Promise<MetricsEndpointRecord | undefined>;
}

/** Whether a variant answers callers or gets a copy of their requests (SageMaker's ShadowProductionVariants). */
export type VariantRole = 'production' | 'shadow';

/** A variant SageMaker serves on the endpoint, with the instance type of the endpoint's current config. */
export interface ServingVariant {
  name: string;
  role: VariantRole;
  /** Absent when the config could not be read (one deleted meanwhile): figures are then not normalised. */
  instanceType?: string;
}

/** The variants of an endpoint as SageMaker serves them. */
export interface EndpointVariants {
  /** Production variants, then shadow variants, in SageMaker's order; undefined when SageMaker has no such endpoint. */
  variantsOf(endpoint: string): Promise<ServingVariant[] | undefined>;
}
