import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeStack, type SynthesizedStack } from './stack-fixture.js';

type Json = Record<string, any>;
let synthesized: SynthesizedStack;
let resources: Json;

beforeAll(() => {
  synthesized = synthesizeStack({ stage: 'test', auth: 'cognito' }, { bundle: false });
  resources = synthesized.template.toJSON().Resources as Json;
});

const logicalId = (construct: IConstruct) => synthesized.stack.getLogicalId(construct.node.defaultChild as CfnElement);
const statementsOf = (role: IConstruct): Json[] =>
  Object.values(resources)
    .filter((r: Json) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: logicalId(role) }]))
    .flatMap((r: Json) => r.Properties.PolicyDocument.Statement as Json[]);
const bySid = (statements: Json[], sid: string) => statements.find((s) => s.Sid === sid);

describe('PackagingJobs', () => {
  it('runs packaging on Fargate Batch with a timeout, 200 GiB of scratch and retries only for AWS-side failures', () => {
    synthesized.template.hasResourceProperties('AWS::Batch::ComputeEnvironment', { Type: 'managed', ComputeResources: Match.objectLike({ Type: 'FARGATE' }) });
    synthesized.template.hasResourceProperties('AWS::Batch::JobDefinition', {
      PlatformCapabilities: ['FARGATE'],
      Timeout: { AttemptDurationSeconds: 4 * 3600 },
      RetryStrategy: {
        Attempts: 2,
        // Batch retries a failure that matches no entry: the last two make every other end final.
        EvaluateOnExit: [
          { Action: 'RETRY', OnReason: 'CannotPullContainerError:*' },
          { Action: 'RETRY', OnStatusReason: 'Host EC2*' },
          { Action: 'RETRY', OnStatusReason: 'Task failed to start*' },
          { Action: 'EXIT', OnExitCode: '*' },
          { Action: 'EXIT', OnReason: '*' },
        ],
      },
      ContainerProperties: Match.objectLike({
        EphemeralStorage: { SizeInGiB: 200 },
        ResourceRequirements: Match.arrayWith([
          { Type: 'MEMORY', Value: '8192' },
          { Type: 'VCPU', Value: '4' },
        ]),
        Environment: Match.arrayWith([
          Match.objectLike({ Name: 'MODELPLANE_TABLE_NAME' }),
          Match.objectLike({ Name: 'MODELPLANE_ARTIFACT_BUCKET' }),
          Match.objectLike({ Name: 'MODELPLANE_SERVING_REPOSITORY' }),
          { Name: 'HF_ENDPOINT', Value: 'https://huggingface.co' },
          // Chosen with the task's size (docs/deploy.md, Packaging job sizing).
          { Name: 'MODELPLANE_DOWNLOAD_CONNECTIONS', Value: '12' },
        ]),
        NetworkConfiguration: { AssignPublicIp: 'ENABLED' },
      }),
    });
  });

  it('scans serving and packager images on push and expires untagged ones', () => {
    synthesized.template.resourcePropertiesCountIs('AWS::ECR::Repository', { ImageScanningConfiguration: { ScanOnPush: true } }, 2);
    synthesized.template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'modelplane-test/serving', LifecyclePolicy: Match.anyValue() });
  });

  it('lets the job write only under models/, read only its Hub token secrets and update only the table', () => {
    const statements = statementsOf(synthesized.stack.packagingJobs.jobRole);
    expect(JSON.stringify(bySid(statements, 'WriteModels')?.Resource)).toContain('/models/*');
    expect(bySid(statements, 'ListModels')?.Condition).toEqual({ StringLike: { 's3:prefix': ['models/*', 'uploads/*'] } });
    expect(JSON.stringify(bySid(statements, 'ReadUploads')?.Resource)).toContain('/uploads/*');
    expect(JSON.stringify(bySid(statements, 'HubTokens')?.Resource)).toContain(':secret:modelplane/hf/*');
    expect(bySid(statements, 'JobRecord')?.Action).toEqual(['dynamodb:UpdateItem', 'dynamodb:GetItem']);
    expect(bySid(statements, 'JobRecord')?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['JOB#*'] } });
    expect(bySid(statements, 'PullBaseImages')?.Condition).toEqual({ StringNotEquals: { 'aws:ResourceAccount': { Ref: 'AWS::AccountId' } } });
  });

  it('lets the packaging API submit to the queue and terminate jobs, and tells it where', () => {
    const fn = synthesized.stack.handlers.functions.packaging;
    const statements = statementsOf(fn.role);
    expect(bySid(statements, 'SubmitPackagingJobs')?.Action).toEqual(['batch:SubmitJob', 'batch:TagResource']);
    expect(bySid(statements, 'StopPackagingJobs')?.Action).toBe('batch:TerminateJob');
    expect(bySid(statements, 'StopPackagingJobs')?.Condition).toEqual({ Null: { 'aws:ResourceTag/modelplane:tenant': 'false' } });
    const variables = resources[logicalId(fn.function)].Properties.Environment.Variables as Json;
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['MODELPLANE_JOB_QUEUE', 'MODELPLANE_JOB_DEFINITION', 'MODELPLANE_JOB_LOG_GROUP']));
  });

  it("counts failed jobs from the events handler's log and graphs them on the dashboard", () => {
    synthesized.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: Match.stringLikeRegexp('FAILED'),
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'modelplane', MetricName: 'PackagingJobsFailed' })],
    });
    expect(JSON.stringify(synthesized.template.findResources('AWS::CloudWatch::Dashboard'))).toContain('PackagingJobsFailed');
  });

  it('tells the events handler the queue and job definition but lets it only read job states from Batch', () => {
    const handler = synthesized.stack.packagingEvents.handler;
    expect(
      statementsOf(handler.role)
        .flatMap((s) => [s.Action as string | string[]].flat())
        .filter((action) => action.startsWith('batch:')),
    ).toEqual(['batch:DescribeJobs']);
    const variables = resources[logicalId(handler.function)].Properties.Environment.Variables as Json;
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['MODELPLANE_JOB_QUEUE', 'MODELPLANE_JOB_DEFINITION']));
  });

  it('delivers ended jobs of this queue to the packaging events handler, with retries', () => {
    synthesized.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.batch'],
        'detail-type': ['Batch Job State Change'],
        detail: { jobQueue: [{ 'Fn::GetAtt': [logicalId(synthesized.stack.packagingJobs.jobQueue), 'JobQueueArn'] }], status: ['SUCCEEDED', 'FAILED'] },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(synthesized.stack.packagingEvents.handler.function), 'Arn'] },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 4 }),
        }),
      ],
    });
  });

  it('sweeps unfinished job records every 15 minutes, without retries, and may scan the table for them', () => {
    const handlerArn = { 'Fn::GetAtt': [logicalId(synthesized.stack.packagingEvents.handler.function), 'Arn'] };
    synthesized.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [Match.objectLike({ Arn: handlerArn, RetryPolicy: { MaximumRetryAttempts: 0 } })],
    });
    const statements = statementsOf(synthesized.stack.packagingEvents.handler.role);
    expect(statements).toContainEqual(
      expect.objectContaining({ Action: 'dynamodb:Scan', Resource: { 'Fn::GetAtt': [logicalId(synthesized.stack.storage.table), 'Arn'] } }),
    );
    expect(bySid(statements, 'DescribePackagingJobs')).toMatchObject({ Action: 'batch:DescribeJobs', Resource: '*' });
  });

  it.each([
    ['packaging', () => ({ rule: synthesized.stack.packagingEvents.rule, deadLetters: synthesized.stack.packagingEvents.deadLetters })],
    ['endpoint', () => ({ rule: synthesized.stack.endpointEvents.rule, deadLetters: synthesized.stack.endpointEvents.deadLetters })],
  ])('keeps %s state changes it could not deliver in an encrypted, TLS-only queue, and alarms on the first', (_, events) => {
    const { rule, deadLetters } = events();
    const queueId = logicalId(deadLetters.queue);
    const target = (resources[logicalId(rule)] as Json).Properties.Targets[0] as Json;
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    expect((resources[queueId] as Json).Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });

    const queuePolicies = Object.values(resources).filter(
      (r: Json) => r.Type === 'AWS::SQS::QueuePolicy' && JSON.stringify(r.Properties.Queues) === JSON.stringify([{ Ref: queueId }]),
    );
    const statements = queuePolicies.flatMap((r: Json) => r.Properties.PolicyDocument.Statement as Json[]);
    // EventBridge may send only this rule's events; nobody may use the queue without TLS.
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(rule), 'Arn'] } } },
      }),
    );
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));

    synthesized.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
});
