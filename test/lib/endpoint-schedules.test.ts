import type { CfnElement } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeStack, type SynthesizedStack } from './stack-fixture.js';

type Json = Record<string, any>;

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack({}, { bundle: false });
});

const logicalId = (element: unknown) => synthesized.stack.getLogicalId(element as CfnElement);
const statementsOf = (roleLogicalId: string): Json[] =>
  Object.values(synthesized.template.findResources('AWS::IAM::Policy') as Record<string, Json>)
    .filter((policy) => (policy.Properties.Roles as Json[]).some((role) => role.Ref === roleLogicalId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Json[]);
const roleOf = (fn: { role: unknown }) => logicalId((fn.role as { node: { defaultChild: unknown } }).node.defaultChild);

describe('endpoint schedules (EventBridge Scheduler)', () => {
  it("has one schedule group for the deployment, and a role Scheduler assumes (this account's only) that may only invoke the pause/resume function", () => {
    synthesized.template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    synthesized.template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'modelplane-test-endpoints' });
    const { role } = synthesized.stack.endpointSchedules;
    const roleResource = (synthesized.template.toJSON().Resources as Json)[logicalId(role.node.defaultChild)];
    expect(roleResource.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    expect(roleResource.Properties.ManagedPolicyArns).toBeUndefined();
    const target = synthesized.stack.endpointEvents.handler.function;
    expect(statementsOf(logicalId(role.node.defaultChild))).toEqual([
      { Sid: 'InvokePauseResume', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [logicalId(target.node.defaultChild), 'Arn'] } },
    ]);
  });

  it("lets the endpoints API manage schedules of this deployment's group only and pass only the scheduler role, and names them to it", () => {
    const api = synthesized.stack.handlers.functions.endpoints;
    const statements = statementsOf(roleOf(api));
    const manage = statements.find((s) => s.Sid === 'EndpointSchedules')!;
    expect([...(manage.Action as string[])].sort()).toEqual([
      'scheduler:CreateSchedule',
      'scheduler:DeleteSchedule',
      'scheduler:GetSchedule',
      'scheduler:UpdateSchedule',
    ]);
    expect(JSON.stringify(manage.Resource)).toContain(':schedule/modelplane-test-endpoints/*');
    const pass = statements.find((s) => s.Sid === 'PassSchedulerRole')!;
    expect(pass).toMatchObject({
      Action: 'iam:PassRole',
      Resource: { 'Fn::GetAtt': [logicalId(synthesized.stack.endpointSchedules.role.node.defaultChild), 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
    // No other statement of any function touches Scheduler or passes the scheduler role.
    const all = Object.values(synthesized.template.findResources('AWS::IAM::Policy') as Record<string, Json>).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Json[],
    );
    const schedulerActions = all.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('scheduler:')));
    expect(schedulerActions.map((s) => s.Sid as string).sort()).toEqual(['EndpointSchedules', 'RemoveEndpointSchedules']);
    const fn = (synthesized.template.toJSON().Resources as Json)[logicalId(api.function.node.defaultChild)];
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining(['MODELPLANE_SCHEDULE_GROUP', 'MODELPLANE_SCHEDULE_TARGET_ARN', 'MODELPLANE_SCHEDULER_ROLE_ARN']),
    );
  });

  it('lets the events handler (the target) delete schedules of the group, nothing more of Scheduler', () => {
    const statements = statementsOf(roleOf(synthesized.stack.endpointEvents.handler));
    const remove = statements.find((s) => s.Sid === 'RemoveEndpointSchedules')!;
    expect(remove.Action).toBe('scheduler:DeleteSchedule');
    expect(JSON.stringify(remove.Resource)).toContain(':schedule/modelplane-test-endpoints/*');
  });
});
