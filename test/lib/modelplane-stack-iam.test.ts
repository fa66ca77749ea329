import { Validations, type CfnElement } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { handlerAreas } from '../../lambdas/operations.js';
import type { AuthMode } from '../../lib/deploy-config.js';
import { synthesizeStack, unacknowledgedFindings, type SynthesizedStack } from './stack-fixture.js';

type Json = Record<string, any>;
const origins = ['https://console.example.com', 'https://admin.example.com'];

let synthesized: SynthesizedStack;

/** Synthesized once without bundling: nothing here looks at the functions' code. */
beforeAll(() => {
  synthesized = synthesizeStack({ auth: 'iam', allowedOrigins: origins }, { bundle: false });
});

const logicalId = (construct: IConstruct) => synthesized.stack.getLogicalId(construct.node.defaultChild as CfnElement);
const body = () => (synthesized.template.toJSON().Resources as Json)[logicalId(synthesized.stack.api.restApi)].Properties.Body as Json;
const methodsOf = (item: Json) => Object.entries(item).filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method));

describe('ModelplaneApi with IAM auth', () => {
  it('authorizes every operation with AWS_IAM when auth is iam', () => {
    const operations = Object.values(body().paths as Json).flatMap((item: Json) => methodsOf(item).map(([, operation]) => operation as Json));
    expect(operations).toHaveLength(Object.values(handlerAreas).flatMap((area) => area.operations).length);
    for (const operation of operations) {
      expect(operation['x-amazon-apigateway-auth'], operation.operationId).toEqual({ type: 'AWS_IAM' });
      expect(operation.security, operation.operationId).toBeUndefined();
    }
    expect(body().components.securitySchemes).toBeUndefined();
  });

  it('tells every function the tenant signed callers act as, and the allowed origins', () => {
    const functions = Object.values(synthesized.template.findResources('AWS::Lambda::Function')) as Json[];
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables).toMatchObject({ MODELPLANE_IAM_TENANT: 'default', MODELPLANE_ALLOWED_ORIGINS: origins.join(',') });
    }
  });

  it('creates no user pool and outputs no user pool ids when auth is iam', () => {
    synthesized.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    expect(Object.keys(synthesized.template.toJSON().Outputs as Json)).not.toContain('UserPoolId');
  });

  it('answers CORS preflights of every path without authorization when origins are allowed', () => {
    for (const [path, item] of Object.entries(body().paths as Json)) {
      const preflight = item.options as Json;
      expect(preflight['x-amazon-apigateway-auth'], path).toEqual({ type: 'NONE' });
      const response = preflight['x-amazon-apigateway-integration'].responses.default;
      const allowed = (response.responseParameters['method.response.header.Access-Control-Allow-Methods'] as string).slice(1, -1).split(',');
      expect(allowed.sort(), path).toEqual([...methodsOf(item).map(([method]) => method.toUpperCase()), 'OPTIONS'].sort());
      expect(response.responseTemplates['application/json'], path).toContain(`$origin == "${origins[1]}"`);
    }
  });
});

/** Builds the stack with acknowledgements switched off, recording what each construct acknowledged. */
function rawFindings(auth: AuthMode): { acknowledged: { path: string; id: string }[]; reported: { id: string; path: string }[] } {
  const acknowledged: { path: string; id: string }[] = [];
  const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (this: Validations, ...rules) {
    const scope = (this as unknown as { scope: IConstruct }).scope;
    for (const rule of rules) acknowledged.push({ path: scope.node.path, id: rule.id });
  });
  try {
    const { app } = synthesizeStack({ auth, allowedOrigins: origins }, { bundle: false });
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const reported = report.violations.flatMap((v) => v.violatingResources.map((r) => ({ id: v.ruleName, path: r.constructPath ?? '' })));
    return { acknowledged, reported };
  } finally {
    spy.mockRestore();
  }
}

describe('AwsSolutions checks', () => {
  it('reports no unacknowledged error or warning when auth is iam and CORS is on', () => {
    expect(unacknowledgedFindings(synthesized.app, 'error')).toEqual([]);
    expect(unacknowledgedFindings(synthesized.app, 'warning')).toEqual([]);
  });

  it.each<AuthMode>(['cognito', 'iam'])('acknowledges only findings the rules report on the acknowledging construct when auth is %s', (auth) => {
    const { acknowledged, reported } = rawFindings(auth);
    expect(acknowledged.length).toBeGreaterThan(0);
    // aws-cdk-lib acknowledges some of its own CloudFormation-Validate findings (the VPC's flow log): not ours to check.
    const ours = acknowledged.filter(({ id }) => id.startsWith('AwsSolutions-'));
    const stale = ours.filter(({ path, id }) => !reported.some((finding) => finding.id === id && finding.path.startsWith(`${path}/`)));
    expect(stale).toEqual([]);
  });
});
