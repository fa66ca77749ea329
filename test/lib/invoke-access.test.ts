import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeployConfigError, deployConfigDefaults, parseDeployConfig } from '../../lib/deploy-config.js';
import { synthesizeStack, unacknowledgedFindings, type SynthesizedStack } from './stack-fixture.js';

const invocations = '/v1/endpoints/{endpointName}/invocations/POST';
const chat = '/v1/endpoints/{endpointName}/chat/completions/POST';

/** The statements of the policy attached to the role of the function whose logical id starts with `area`. */
function statementsOf(synth: SynthesizedStack, area: string): { Sid?: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const functions = synth.template.findResources('AWS::Lambda::Function');
  const [, fn] = Object.entries(functions).find(([id]) => id.startsWith(`Handlers${area}Function`)) ?? [];
  if (!fn) throw new Error(`no ${area} function in ${Object.keys(functions).join(', ')}`);
  const roleId = (fn as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } }).Properties.Role['Fn::GetAtt'][0];
  const policies = synth.template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => JSON.stringify((p as { Properties: { Roles: unknown } }).Properties.Roles).includes(roleId))
    .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: never[] } } }).Properties.PolicyDocument.Statement);
}

describe('invoke grants', () => {
  let synth: SynthesizedStack;
  beforeAll(() => {
    synth = synthesizeStack({ usagePlans: [{ name: 'ci', rate: 5, burst: 10 }], invocationLimits: { ratePerSecond: 3, burst: 6 } }, { bundle: false });
  });

  it('gives the endpoints function the deployment whose tag its endpoints carry (the tag the invoke grant requires)', () => {
    const functions = synth.template.findResources('AWS::Lambda::Function');
    const [, fn] = Object.entries(functions).find(([id]) => id.startsWith('HandlersendpointsFunction')) ?? [];
    expect((fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables.MODELPLANE_DEPLOYMENT).toBe(
      synth.stack.stackName,
    );
  });

  it('lets only the invoke function invoke endpoints, and only endpoints this deployment tagged, of its account and Region', () => {
    const invoke = statementsOf(synth, 'invoke').find((s) => s.Sid === 'InvokeModelplaneEndpoints');
    expect(invoke).toBeDefined();
    expect(invoke!.Action).toEqual(['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointWithResponseStream']);
    expect(JSON.stringify(invoke!.Resource)).toMatch(/:sagemaker:.*:endpoint\/\*/);
    expect(invoke!.Condition).toEqual({
      Null: { 'aws:ResourceTag/modelplane:tenant': 'false' },
      StringEquals: { 'aws:ResourceTag/modelplane:deployment': synth.stack.stackName },
    });
    for (const area of ['endpoints', 'registry', 'metrics', 'packaging']) {
      const actions = statementsOf(synth, area).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
      expect(
        actions.filter((a) => a.startsWith('sagemaker:Invoke')),
        area,
      ).toEqual([]);
    }
  });

  it('gives the invoke function read-only access to the table', () => {
    const table = statementsOf(synth, 'invoke').filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
    expect(table.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))).toEqual(['dynamodb:GetItem']);
  });

  it('throttles the inference routes at the stage apart from the control routes, and per usage plan', () => {
    synth.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
        Match.objectLike({
          ResourcePath: '/~1v1~1endpoints~1{endpointName}~1invocations',
          HttpMethod: 'POST',
          ThrottlingRateLimit: 3,
          ThrottlingBurstLimit: 6,
        }),
        Match.objectLike({
          ResourcePath: '/~1v1~1endpoints~1{endpointName}~1chat~1completions',
          HttpMethod: 'POST',
          ThrottlingRateLimit: 3,
          ThrottlingBurstLimit: 6,
        }),
      ]),
    });
    synth.template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      ApiStages: [Match.objectLike({ Throttle: { [invocations]: { RateLimit: 3, BurstLimit: 6 }, [chat]: { RateLimit: 3, BurstLimit: 6 } } })],
    });
  });

  it('takes binary invocation bodies as bytes (binaryMediaTypes)', () => {
    const api = Object.values(synth.template.findResources('AWS::ApiGateway::RestApi'))[0] as { Properties: { Body: Record<string, unknown> } };
    expect(api.Properties.Body['x-amazon-apigateway-binary-media-types']).toContain('application/octet-stream');
    expect(api.Properties.Body['x-amazon-apigateway-binary-media-types']).not.toContain('application/json');
  });

  it('reports no unacknowledged cdk-nag finding', () => {
    expect(unacknowledgedFindings(synth.app, 'error')).toEqual([]);
    expect(unacknowledgedFindings(synth.app, 'warning')).toEqual([]);
  });
});

describe('invocationLimits in the deploy configuration', () => {
  it('defaults, and reads an object or a JSON string', () => {
    expect(parseDeployConfig({}).invocationLimits).toEqual(deployConfigDefaults.invocationLimits);
    expect(parseDeployConfig({ invocationLimits: { ratePerSecond: 2, burst: 4 } }).invocationLimits).toEqual({ ratePerSecond: 2, burst: 4 });
    expect(parseDeployConfig({ invocationLimits: '{"ratePerSecond":1.5,"burst":3}' }).invocationLimits).toEqual({ ratePerSecond: 1.5, burst: 3 });
  });

  it('lists every problem', () => {
    try {
      parseDeployConfig({ invocationLimits: { ratePerSecond: 0, burst: 1.5 } });
      throw new Error('expected a DeployConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(DeployConfigError);
      expect((error as DeployConfigError).problems).toEqual([
        'invocationLimits.ratePerSecond: must be a number of requests per second above 0 (got 0)',
        'invocationLimits.burst: must be a whole number of requests from 1 (got 1.5)',
      ]);
    }
  });
});
