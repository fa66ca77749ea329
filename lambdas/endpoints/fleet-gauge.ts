import { PutMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { FleetGauge } from './ports.js';

/** Our own namespace: the operations dashboard graphs the fleet from it. */
export const fleetNamespace = 'modelplane';

/** Publishes how many endpoints modelplane manages, in total and by status. */
export class CloudWatchFleetGauge implements FleetGauge {
  constructor(private readonly client: CloudWatchClient) {}

  async publish(counts: Readonly<Record<string, number>>, total: number): Promise<void> {
    const timestamp = new Date();
    await this.client.send(
      new PutMetricDataCommand({
        Namespace: fleetNamespace,
        MetricData: [
          { MetricName: 'EndpointCount', Value: total, Unit: 'Count', Timestamp: timestamp },
          ...Object.entries(counts).map(([status, value]) => ({
            MetricName: 'EndpointCount',
            Dimensions: [{ Name: 'Status', Value: status }],
            Value: value,
            Unit: 'Count' as const,
            Timestamp: timestamp,
          })),
        ],
      }),
    );
  }
}
