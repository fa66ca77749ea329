import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { handlerAreas, pendingOperations, type HandlerArea } from '../../lambdas/operations.js';
import { EnvNames, TableKeys } from '../../core/env-names.js';
import { synthesizeStack, unacknowledgedFindings, type SynthesizedStack } from './stack-fixture.js';

type Json = Record<string, any>;
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
  Sid?: string;
}

const areas = Object.keys(handlerAreas) as HandlerArea[];
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

let synthesized: SynthesizedStack;
let resources: Json;

/** Synthesized once, with esbuild bundling, for the whole file. */
beforeAll(() => {
  synthesized = synthesizeStack({ stage: 'test', auth: 'cognito' });
  resources = synthesized.template.toJSON().Resources as Json;
});

const logicalId = (construct: IConstruct) => synthesized.stack.getLogicalId(construct.node.defaultChild as CfnElement);
const getAtt = (construct: IConstruct, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId(construct), attribute] });

/** Every statement of the policies attached to `role`. */
function statementsOf(role: IConstruct): Statement[] {
  const roleId = logicalId(role);
  return Object.values(resources)
    .filter((r: Json) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((r: Json) => r.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => asArray(s.Action));
const statementWith = (statements: Statement[], action: string) => statements.filter((s) => asArray(s.Action).includes(action));
const functionOf = (area: HandlerArea) => synthesized.stack.handlers.functions[area];

/** `arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:<suffix>`, as Stack.formatArn renders it. */
const sagemakerArn = (suffix: string) => ({
  'Fn::Join': ['', Match.arrayWith(['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, `:${suffix}`])],
});

describe('ModelplaneStorage', () => {
  it('creates the single table with the shared key schema, gsi1, TTL, PITR and encryption', () => {
    synthesized.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TableKeys.partitionKey, KeyType: 'HASH' },
        { AttributeName: TableKeys.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: TableKeys.gsi1.indexName,
          KeySchema: [
            { AttributeName: TableKeys.gsi1.partitionKey, KeyType: 'HASH' },
            { AttributeName: TableKeys.gsi1.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: TableKeys.timeToLive, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      // SSE on without a key of our own: the AWS managed key aws/dynamodb.
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('retains the table and the buckets when the stack is deleted', () => {
    for (const construct of [synthesized.stack.storage.table, synthesized.stack.storage.artifactBucket, synthesized.stack.storage.accessLogsBucket]) {
      expect(resources[logicalId(construct)].DeletionPolicy).toBe('Retain');
    }
  });

  it('encrypts the artifact bucket, blocks public access, versions it and logs access to the logs bucket', () => {
    synthesized.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: { Ref: logicalId(synthesized.stack.storage.accessLogsBucket) } }),
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 7 }, Status: 'Enabled' }),
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 }, Status: 'Enabled' }),
        ]),
      },
    });
  });

  it('denies requests without TLS to both buckets', () => {
    for (const bucket of [synthesized.stack.storage.artifactBucket, synthesized.stack.storage.accessLogsBucket]) {
      synthesized.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId(bucket) },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('ModelplaneFunction', () => {
  it('runs every area on Node.js 22 on ARM64 with active tracing and JSON logs into its own log group', () => {
    for (const area of areas) {
      expect(resources[logicalId(functionOf(area).function)].Properties, area).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', LogGroup: { Ref: logicalId(functionOf(area).logGroup) } },
        Role: getAtt(functionOf(area).role),
        Timeout: 29,
      });
    }
    synthesized.template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, areas.length + 2);
  });

  it('sets the Powertools service name and log level and enables source maps', () => {
    for (const area of areas) {
      expect(resources[logicalId(functionOf(area).function)].Properties.Environment.Variables, area).toMatchObject({
        [EnvNames.serviceName]: 'modelplane',
        [EnvNames.logLevel]: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
  });

  it('bundles each handler as ESM that defines require, with a source map', () => {
    for (const area of areas) {
      const asset = functionOf(area).function.node.findChild('Code') as Asset;
      const directory = join(synthesized.app.outdir, asset.assetPath);
      expect(readFileSync(join(directory, 'index.mjs'), 'utf8').startsWith('import { createRequire as __modelplaneCreateRequire }'), area).toBe(true);
      expect(readFileSync(join(directory, 'index.mjs.map'), 'utf8').length, area).toBeGreaterThan(0);
    }
  });
});

describe('ApiHandlers', () => {
  it('builds one function per area of lambdas/operations.ts, plus the endpoint and packaging events handlers', () => {
    synthesized.template.resourceCountIs('AWS::Lambda::Function', areas.length + 2);
  });

  it('grants the registry function its item actions on the table and Query on gsi1 only', () => {
    const statements = statementsOf(functionOf('registry').role);
    const table = synthesized.stack.storage.table;
    expect(statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')))).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
        Resource: getAtt(table),
      },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [getAtt(table), `/index/${TableKeys.gsi1.indexName}`]] } },
    ]);
    expect(resources[logicalId(functionOf('registry').function)].Properties.Environment.Variables[EnvNames.tableName]).toEqual({ Ref: logicalId(table) });
  });

  it('grants the registry function listing and reading of the artifact bucket only', () => {
    const bucket = synthesized.stack.storage.artifactBucket;
    const statements = statementsOf(functionOf('registry').role).filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));
    expect(statements).toEqual([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: getAtt(bucket) },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [getAtt(bucket), '/*']] } },
    ]);
  });

  it("scopes the registry function's SageMaker actions to ARNs of their resource types built with the partition", () => {
    const roleId = logicalId(functionOf('registry').role);
    synthesized.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'ModelRegistry',
            Effect: 'Allow',
            Action: [
              'sagemaker:CreateModelPackageGroup',
              'sagemaker:DeleteModelPackageGroup',
              'sagemaker:CreateModelPackage',
              'sagemaker:DescribeModelPackage',
              'sagemaker:UpdateModelPackage',
              'sagemaker:DeleteModelPackage',
              'sagemaker:AddTags',
            ],
            Resource: [sagemakerArn('model-package-group/*'), sagemakerArn('model-package/*/*')],
          },
          {
            Sid: 'Models',
            Effect: 'Allow',
            Action: ['sagemaker:CreateModel', 'sagemaker:DeleteModel', 'sagemaker:AddTags'],
            Resource: sagemakerArn('model/*'),
          },
          {
            Sid: 'ReadEndpoints',
            Effect: 'Allow',
            Action: ['sagemaker:DescribeEndpoint', 'sagemaker:DescribeEndpointConfig'],
            Resource: [sagemakerArn('endpoint/*'), sagemakerArn('endpoint-config/*')],
          },
          { Sid: 'ListRegistry', Effect: 'Allow', Action: ['sagemaker:ListModelPackages', 'sagemaker:ListEndpoints'], Resource: '*' },
        ]),
      },
    });
  });

  it('uses Resource * only for actions that support no resource-level permissions', () => {
    const withoutResourceLevel = new Set([
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'sagemaker:ListModelPackages',
      'sagemaker:ListEndpoints',
      'application-autoscaling:RegisterScalableTarget',
      'application-autoscaling:DeregisterScalableTarget',
      'application-autoscaling:DescribeScalableTargets',
      'application-autoscaling:PutScalingPolicy',
      'application-autoscaling:DeleteScalingPolicy',
      'application-autoscaling:DescribeScalingPolicies',
      'cloudwatch:GetMetricData',
      'cloudwatch:ListMetrics',
    ]);
    for (const area of areas) {
      const starred = statementsOf(functionOf(area).role).filter((s) => asArray(s.Resource).includes('*'));
      expect(
        actionsOf(starred).filter((action) => !withoutResourceLevel.has(action)),
        area,
      ).toEqual([]);
    }
  });

  it('lets only the registry function and the packaging events handler (which registers versions) pass the SageMaker execution role, only to SageMaker, and only the endpoints function pass the scheduler role, only to Scheduler', () => {
    const passRole = Object.values(resources)
      .filter((r: Json) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r: Json) => (r.Properties.PolicyDocument.Statement as Statement[]).map((s) => ({ roles: r.Properties.Roles, statement: s })))
      .filter(({ statement }) => actionsOf([statement]).includes('iam:PassRole'));
    const statement = {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: getAtt(synthesized.stack.sagemakerExecutionRole.role),
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    };
    const schedulerRole = {
      Sid: 'PassSchedulerRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: getAtt(synthesized.stack.endpointSchedules.role),
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    };
    expect(passRole).toHaveLength(3);
    expect(passRole).toEqual(
      expect.arrayContaining([
        { roles: [{ Ref: logicalId(functionOf('registry').role) }], statement },
        { roles: [{ Ref: logicalId(synthesized.stack.packagingEvents.handler.role) }], statement },
        { roles: [{ Ref: logicalId(functionOf('endpoints').role) }], statement: schedulerRole },
      ]),
    );
  });

  it('gives the catalog function nothing beyond writing its logs and traces', () => {
    expect(actionsOf(statementsOf(functionOf('catalog').role))).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
    ]);
  });

  it('tells every function that reads the handler configuration where the table, bucket and execution role are', () => {
    for (const area of areas.filter((a) => a !== 'catalog')) {
      expect(Object.keys(resources[logicalId(functionOf(area).function)].Properties.Environment.Variables), area).toEqual(
        expect.arrayContaining([EnvNames.tableName, EnvNames.artifactBucket, EnvNames.sagemakerRoleArn]),
      );
    }
  });
});

describe('EndpointEvents', () => {
  it('sends SageMaker endpoint state changes to the reconciler, with retries', () => {
    synthesized.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.sagemaker'], 'detail-type': ['SageMaker Endpoint State Change'] },
      Targets: [
        Match.objectLike({
          Arn: getAtt(synthesized.stack.endpointEvents.handler.function),
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 7200 },
        }),
      ],
    });
  });

  it('sweeps every five minutes, may scan the table and publish only the fleet count', () => {
    synthesized.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: getAtt(synthesized.stack.endpointEvents.handler.function) })],
    });
    const statements = statementsOf(synthesized.stack.endpointEvents.handler.role);
    expect(statementWith(statements, 'dynamodb:Scan')[0]?.Resource).toEqual(getAtt(synthesized.stack.storage.table));
    expect(statementWith(statements, 'cloudwatch:PutMetricData')[0]?.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'modelplane' } });
  });

  it("lets the sweep read the endpoints' invocations for the idle pause (GetMetricData has no resource-level permissions)", () => {
    const statements = statementsOf(synthesized.stack.endpointEvents.handler.role);
    expect(statementWith(statements, 'cloudwatch:GetMetricData').map((s) => s.Resource)).toEqual(['*']);
  });

  it("gives the reconciler the endpoints area's SageMaker and Auto Scaling grants", () => {
    const actions = actionsOf(statementsOf(synthesized.stack.endpointEvents.handler.role));
    expect(actions).toEqual(
      expect.arrayContaining(['sagemaker:DeleteEndpointConfig', 'application-autoscaling:RegisterScalableTarget', 'cloudwatch:DeleteAlarms']),
    );
    // Of the schedules (lib/endpoint-schedules.ts) the API makes them (and passes their role); the reconciler only deletes them.
    const schedules = (a: string) => a.startsWith('scheduler:') || a === 'iam:PassRole';
    expect(actions.filter((a) => a !== 'dynamodb:Scan' && a !== 'cloudwatch:PutMetricData' && !schedules(a))).toEqual(
      actionsOf(statementsOf(functionOf('endpoints').role)).filter((a) => !schedules(a)),
    );
    expect(actions.filter(schedules)).toEqual(['scheduler:DeleteSchedule']);
  });
});

describe('OperationsDashboard', () => {
  it('graphs API errors and latency and every function, and alarms on API 5xx and function errors', () => {
    synthesized.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(synthesized.template.findResources('AWS::CloudWatch::Dashboard'));
    for (const metric of ['5XXError', '4XXError', 'Latency', 'Errors', 'Throttles', 'Duration', 'EndpointCount']) expect(body).toContain(metric);
    synthesized.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Threshold: 5 });
    synthesized.template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { Namespace: 'AWS/Lambda', MetricName: 'Errors' }, areas.length + 2);
  });
});

describe('SageMakerExecutionRole', () => {
  const role = () => synthesized.stack.sagemakerExecutionRole.role;

  it('can be assumed by SageMaker only', () => {
    expect(resources[logicalId(role())].Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' } },
    ]);
  });

  it('reads S3 only in the artifact bucket', () => {
    const bucket = synthesized.stack.storage.artifactBucket;
    const s3 = statementsOf(role()).filter((s) => actionsOf([s]).some((a) => a.startsWith('s3:')));
    expect(s3.map((s) => [s.Action, s.Resource])).toEqual([
      ['s3:ListBucket', getAtt(bucket)],
      ['s3:GetObject', { 'Fn::Join': ['', [getAtt(bucket), '/*']] }],
    ]);
  });

  it('pulls images from our prefix in this account and from other accounts only', () => {
    const pulls = statementsOf(role()).filter((s) => actionsOf([s]).includes('ecr:BatchGetImage'));
    expect(pulls.map((s) => [s.Sid, JSON.stringify(s.Resource), s.Condition])).toEqual([
      ['PullOwnImages', expect.stringContaining('":repository/modelplane-test/*"'), undefined],
      ['PullPublishedImages', expect.stringContaining(':*:repository/*"'), { StringNotEquals: { 'aws:ResourceAccount': { Ref: 'AWS::AccountId' } } }],
    ]);
  });

  it('writes logs to /aws/sagemaker log groups and metrics to /aws/sagemaker namespaces only', () => {
    const statements = statementsOf(role());
    expect(JSON.stringify(statementWith(statements, 'logs:PutLogEvents')[0]?.Resource)).toMatch(
      /log-group:\/aws\/sagemaker\/\*"\]\]\},\{.*log-group:\/aws\/sagemaker\/\*:log-stream:\*"/,
    );
    expect(statementWith(statements, 'cloudwatch:PutMetricData')[0]?.Condition).toEqual({ StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } });
  });
});

describe('ModelplaneApi', () => {
  const body = () => resources[logicalId(synthesized.stack.api.restApi)].Properties.Body as Json;
  const operation = (operationId: string): Json | undefined =>
    Object.values(body().paths as Json)
      .flatMap((item: Json) => Object.values(item) as Json[])
      .find((op) => op.operationId === operationId);

  it('serves every non-pending operation through an aws_proxy integration to its area function', () => {
    for (const area of areas) {
      for (const operationId of handlerAreas[area].operations) {
        const integration = operation(operationId)?.['x-amazon-apigateway-integration'];
        expect(integration, operationId).toMatchObject({ type: 'aws_proxy', httpMethod: 'POST' });
        expect(JSON.stringify(integration.uri), operationId).toContain(JSON.stringify(getAtt(functionOf(area).function)));
        expect(JSON.stringify(integration.uri), operationId).toContain('/invocations');
      }
    }
  });

  it('leaves every pending operation out', () => {
    for (const operationId of Object.keys(pendingOperations)) expect(operation(operationId), operationId).toBeUndefined();
  });

  it('validates the body and the parameters of every method', () => {
    expect(body()['x-amazon-apigateway-request-validators']).toEqual({ all: { validateRequestBody: true, validateRequestParameters: true } });
    expect(body()['x-amazon-apigateway-request-validator']).toBe('all');
  });

  it("puts the user pool's Cognito authorizer on every operation", () => {
    expect(body().components.securitySchemes.cognito['x-amazon-apigateway-authorizer']).toEqual({
      type: 'cognito_user_pools',
      providerARNs: [getAtt(synthesized.stack.userPool!.userPool)],
    });
    for (const operationId of areas.flatMap((area) => handlerAreas[area].operations)) {
      expect(operation(operationId)?.security, operationId).toEqual([{ cognito: [] }]);
    }
  });

  it("answers API Gateway's own errors as problem+json, unknown routes as 404", () => {
    const responses = body()['x-amazon-apigateway-gateway-responses'];
    expect(responses.MISSING_AUTHENTICATION_TOKEN).toMatchObject({
      statusCode: '404',
      responseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
    });
    expect(Object.keys(responses)).toEqual(
      expect.arrayContaining(['BAD_REQUEST_BODY', 'BAD_REQUEST_PARAMETERS', 'UNAUTHORIZED', 'ACCESS_DENIED', 'THROTTLED', 'DEFAULT_4XX', 'DEFAULT_5XX']),
    );
  });

  it('deploys stage api with access logs, tracing, error logging and throttling', () => {
    synthesized.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'api',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: getAtt(synthesized.stack.api.accessLogGroup), Format: Match.stringLikeRegexp('requestId') },
      // The stage's throttle, then the inference routes' own (test/lib/invoke-access.test.ts).
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
        }),
        Match.objectLike({
          HttpMethod: 'POST',
          ResourcePath: '/~1v1~1endpoints~1{endpointName}~1invocations',
          ThrottlingRateLimit: 20,
          ThrottlingBurstLimit: 40,
        }),
        Match.objectLike({
          HttpMethod: 'POST',
          ResourcePath: '/~1v1~1endpoints~1{endpointName}~1chat~1completions',
          ThrottlingRateLimit: 20,
          ThrottlingBurstLimit: 40,
        }),
      ],
    });
    synthesized.template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'modelplane-test', EndpointConfiguration: { Types: ['REGIONAL'] } });
  });

  it('lets API Gateway invoke each function once, only from the api stage of this API', () => {
    synthesized.template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'apigateway.amazonaws.com' }, areas.length);
    for (const area of areas) {
      synthesized.template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: getAtt(functionOf(area).function),
        Principal: 'apigateway.amazonaws.com',
        SourceArn: {
          'Fn::Join': ['', Match.arrayWith([{ Ref: logicalId(synthesized.stack.api.restApi) }, '/api/*/*'])],
        },
      });
    }
  });
});

describe('ModelplaneUserPool', () => {
  it('has no self sign-up, a strong password policy and an immutable tenant attribute', () => {
    synthesized.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
      },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'tenant', AttributeDataType: 'String', Mutable: false })]),
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('creates a public app client that cannot write the tenant', () => {
    synthesized.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      WriteAttributes: ['name'],
    });
  });
});

describe('ModelplaneStack', () => {
  it('outputs the API URL, the user pool and client ids, the table and the bucket names', () => {
    expect(Object.keys(synthesized.template.toJSON().Outputs as Json)).toEqual(
      expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'ArtifactBucketName', 'SageMakerExecutionRoleArn']),
    );
  });

  it('writes no literal partition into any ARN', () => {
    expect(JSON.stringify(synthesized.template.toJSON())).not.toMatch(/arn:aws[a-z-]*:/);
  });
});

describe('AwsSolutions checks', () => {
  it('reports no unacknowledged error when the whole app is checked', () => {
    expect(unacknowledgedFindings(synthesized.app, 'error')).toEqual([]);
  });

  it('reports no unacknowledged warning when the whole app is checked', () => {
    expect(unacknowledgedFindings(synthesized.app, 'warning')).toEqual([]);
  });
});
