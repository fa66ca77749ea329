/**
 * Links into the AWS console, for people reading API answers: the console's host depends on
 * the partition (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
 */
export function consoleHost(region: string): string {
  if (region.startsWith('cn-')) return 'console.amazonaws.cn';
  if (region.startsWith('us-gov-')) return 'console.amazonaws-us-gov.com';
  return `${region}.console.aws.amazon.com`;
}

/** CloudWatch Logs' console escapes the log group name twice ('/' becomes $252F). */
function escapeLogGroup(name: string): string {
  return encodeURIComponent(encodeURIComponent(name)).replace(/%/g, '$');
}

export function logGroupUrl(region: string, logGroup: string): string {
  return `https://${consoleHost(region)}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${escapeLogGroup(logGroup)}`;
}

/** The log group SageMaker writes an endpoint's container logs to. */
export function endpointLogGroup(endpoint: string): string {
  return `/aws/sagemaker/Endpoints/${endpoint}`;
}

/** One log stream of a log group, for example a Batch job's. */
export function logStreamUrl(region: string, logGroup: string, logStream: string): string {
  return `${logGroupUrl(region, logGroup)}/log-events/${escapeLogGroup(logStream)}`;
}
