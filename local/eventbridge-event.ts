import type { EventBridgeEvent } from 'aws-lambda';

/**
 * The envelope EventBridge puts around an AWS service's event, for the local stand-ins that
 * deliver the same events to the same handlers (the local Batch, the endpoint watcher).
 */
export function localEvent<TType extends string, TDetail>(detailType: TType, source: string, id: string, detail: TDetail): EventBridgeEvent<TType, TDetail> {
  return {
    version: '0',
    id: `local-${id}`,
    'detail-type': detailType,
    source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: process.env.AWS_REGION ?? 'us-east-1',
    resources: [],
    detail,
  };
}
