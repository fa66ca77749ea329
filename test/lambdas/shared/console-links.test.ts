import { describe, expect, it } from 'vitest';
import { consoleHost, endpointLogGroup, logGroupUrl } from '../../../lambdas/shared/console-links.js';

describe('consoleHost', () => {
  it.each([
    ['us-east-1', 'us-east-1.console.aws.amazon.com'],
    ['eu-west-1', 'eu-west-1.console.aws.amazon.com'],
    ['cn-north-1', 'console.amazonaws.cn'],
    ['us-gov-west-1', 'console.amazonaws-us-gov.com'],
  ])('serves %s from %s', (region, host) => {
    expect(consoleHost(region)).toBe(host);
  });
});

describe('logGroupUrl', () => {
  it('links an endpoint log group with the console double escaping', () => {
    expect(logGroupUrl('us-east-1', endpointLogGroup('llama-prod'))).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fllama-prod',
    );
  });
});
