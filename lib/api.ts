import { readFileSync } from 'node:fs';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { parse } from 'yaml';
import { toApiGatewayDefinition, type ApiAuthorization } from './api-definition.js';
import type { InvocationLimits, UsagePlanConfig } from './deploy-config.js';
import { acknowledgeFindings, managedPolicyFinding } from './nag.js';
import { openApiSpecPath } from './project-paths.js';
import { binaryMediaTypes } from '../lambdas/shared/http/binary-media.js';
import { handlerAreas } from '../lambdas/operations.js';

/** How callers authenticate to the API. */
export type ApiAuthorizationProps = { readonly type: 'cognito'; readonly userPool: cognito.IUserPool } | { readonly type: 'iam' };

export interface ModelplaneApiProps {
  /** The function serving each deployed operation, by operationId. */
  readonly integrations: Readonly<Record<string, lambda.IFunction>>;
  /** Operations of the spec that are not deployed (they answer 404). @default [] */
  readonly pendingOperations?: readonly string[];
  /** Cognito user pool ID tokens or IAM (SigV4). */
  readonly authorization: ApiAuthorizationProps;
  /** Origins allowed by CORS. @default - CORS off */
  readonly allowedOrigins?: readonly string[];
  /** The REST API's name. @default - the construct's id */
  readonly restApiName?: string;
  /** The stage the API is deployed to: the first segment of its URL path. @default 'api' */
  readonly stageName?: string;
  /** Steady-state requests per second over the whole stage. @default 50 */
  readonly throttlingRateLimit?: number;
  /** Burst of requests over the whole stage. @default 100 */
  readonly throttlingBurstLimit?: number;
  /** How long access logs are kept. @default logs.RetentionDays.THREE_MONTHS */
  readonly accessLogRetention?: logs.RetentionDays;
  /** The OpenAPI document the API is built from. @default openapi/openapi.yaml */
  readonly specPath?: string;
  /** Usage plans, one API key each; with any, every operation requires an API key. @default - none */
  readonly usagePlans?: readonly UsagePlanConfig[];
  /** Throttle of the inference routes (the invoke area's operations), separate from the stage's. @default - the stage's only */
  readonly invocationLimits?: InvocationLimits;
}

/** The path and method of each of `operationIds` in the spec (`/v1/endpoints/{endpointName}/invocations`, `POST`). */
export function operationRoutes(spec: unknown, operationIds: readonly string[]): { path: string; method: string }[] {
  const paths = ((spec as { paths?: Record<string, Record<string, unknown>> }).paths ?? {}) as Record<string, Record<string, { operationId?: string }>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, operation]) => typeof operation === 'object' && operation !== null && operationIds.includes(operation.operationId ?? ''))
      .map(([method]) => ({ path, method: method.toUpperCase() })),
  );
}

/** The security scheme usage plans add: API Gateway reads the caller's API key from `x-api-key`. */
export const apiKeySecurityScheme = 'api_key';

/**
 * Makes every operation of an API Gateway definition require an API key besides its
 * authorization, which is what makes usage plans throttle per client (a plan only meters
 * methods that require a key). CORS preflights stay open.
 */
function requireApiKeys(definition: Record<string, unknown>): void {
  definition['x-amazon-apigateway-api-key-source'] = 'HEADER';
  const components = (definition.components ??= {}) as Record<string, unknown>;
  const schemes = (components.securitySchemes ??= {}) as Record<string, unknown>;
  schemes[apiKeySecurityScheme] = { type: 'apiKey', name: 'x-api-key', in: 'header' };
  for (const item of Object.values((definition.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method === 'options' || typeof operation !== 'object' || operation === null) continue;
      const op = operation as { security?: Record<string, string[]>[] };
      op.security = (op.security?.length ? op.security : [{}]).map((requirement) => ({ ...requirement, [apiKeySecurityScheme]: [] }));
    }
  }
}

/** The URI API Gateway invokes a Lambda proxy integration with. */
export function lambdaInvokeUri(fn: lambda.IFunction): string {
  return Stack.of(fn).formatArn({
    service: 'apigateway',
    account: 'lambda',
    resource: 'path/2015-03-31/functions',
    resourceName: `${fn.functionArn}/invocations`,
  });
}

/**
 * The REST API, built from openapi.yaml (see api-definition.ts for what changes on the way):
 * regional, one stage with access logs, execution error logs, X-Ray tracing and throttling,
 * and permission for API Gateway to invoke each integrated function from this API's stage.
 */
export class ModelplaneApi extends Construct {
  readonly restApi: apigateway.SpecRestApi;
  readonly accessLogGroup: logs.LogGroup;
  /** The API Gateway definition the REST API was created from. */
  readonly definition: Record<string, unknown>;
  /** The API key of each usage plan, by plan name (API Gateway generates the values). */
  readonly apiKeys: Readonly<Record<string, apigateway.IApiKey>> = {};

  constructor(scope: Construct, id: string, props: ModelplaneApiProps) {
    super(scope, id);
    const stageName = props.stageName ?? 'api';

    const spec: unknown = parse(readFileSync(props.specPath ?? openApiSpecPath, 'utf8'));
    const authorization: ApiAuthorization =
      props.authorization.type === 'cognito' ? { type: 'cognito', userPoolArns: [props.authorization.userPool.userPoolArn] } : { type: 'iam' };
    const integrations: Record<string, string> = {};
    for (const [operationId, fn] of Object.entries(props.integrations)) integrations[operationId] = lambdaInvokeUri(fn);
    this.definition = toApiGatewayDefinition(spec, {
      integrations,
      pendingOperations: props.pendingOperations ?? [],
      authorization,
      allowedOrigins: props.allowedOrigins,
    });
    if (props.usagePlans?.length) requireApiKeys(this.definition);
    // Invocation bodies may be bytes (images, audio, tensors): API Gateway hands those to Lambda base64-encoded.
    this.definition['x-amazon-apigateway-binary-media-types'] = [...binaryMediaTypes];
    const inferenceRoutes = operationRoutes(spec, handlerAreas.invoke.operations);
    const limits = props.invocationLimits;

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // One JSON object per request. Only values that cannot hold a double quote are logged
    // (not the user agent or the error message), so every line stays valid JSON; the error's
    // type says which API Gateway error it was.
    const F = apigateway.AccessLogField;
    const fields: [string, string][] = [
      ['requestId', F.contextRequestId()],
      ['requestTime', F.contextRequestTime()],
      ['ip', F.contextIdentitySourceIp()],
      ['httpMethod', F.contextHttpMethod()],
      ['resourcePath', F.contextResourcePath()],
      ['path', F.contextPath()],
      ['protocol', F.contextProtocol()],
      ['status', F.contextStatus()],
      ['responseLength', F.contextResponseLength()],
      ['responseLatency', F.contextResponseLatency()],
      ['integrationLatency', F.contextIntegrationLatency()],
      ['integrationStatus', F.contextIntegrationStatus()],
      ['errorType', F.contextErrorResponseType()],
      ['caller', props.authorization.type === 'cognito' ? F.contextAuthorizerClaims('sub') : F.contextIdentityUserArn()],
      ['xrayTraceId', F.contextXrayTraceId()],
    ];
    const accessLogFormat = apigateway.AccessLogFormat.custom(`{${fields.map(([name, value]) => `"${name}":"${value}"`).join(',')}}`);

    this.restApi = new apigateway.SpecRestApi(this, 'RestApi', {
      restApiName: props.restApiName,
      apiDefinition: apigateway.ApiDefinition.fromInline(this.definition),
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // The account-level role API Gateway writes CloudWatch Logs with (access and execution logs).
      cloudWatchRole: true,
      deployOptions: {
        stageName,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        // Request and response bodies would put tokens and payloads into the logs.
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttlingRateLimit ?? 50,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 100,
        // The inference routes' own throttle (all callers together): model calls are costlier than control calls.
        ...(limits
          ? {
              methodOptions: Object.fromEntries(
                inferenceRoutes.map(({ path, method }) => [
                  `${path}/${method}`,
                  {
                    throttlingRateLimit: limits.ratePerSecond,
                    throttlingBurstLimit: limits.burst,
                    metricsEnabled: true,
                    loggingLevel: apigateway.MethodLoggingLevel.ERROR,
                  },
                ]),
              ),
            }
          : {}),
      },
    });
    // SpecRestApi does not redeploy when the inline definition changes: make the deployment's
    // logical id depend on it, so a changed spec reaches the stage.
    this.restApi.latestDeployment?.addToLogicalId(this.definition);

    const apiName = props.restApiName ?? id;
    for (const plan of props.usagePlans ?? []) {
      const usagePlan = this.restApi.addUsagePlan(`UsagePlan-${plan.name}`, {
        name: `${apiName}-${plan.name}`,
        description: `Usage plan ${plan.name}: ${plan.rate} requests/s, bursts of ${plan.burst}${plan.quota ? `, ${plan.quota.limit} requests a ${plan.quota.period.toLowerCase()}` : ''}`,
        throttle: { rateLimit: plan.rate, burstLimit: plan.burst },
        ...(plan.quota ? { quota: { limit: plan.quota.limit, period: apigateway.Period[plan.quota.period] } } : {}),
        apiStages: [{ api: this.restApi, stage: this.restApi.deploymentStage }],
      });
      // Each client's own limit on the inference routes (a usage plan's per-method throttle, per API key).
      if (limits) {
        (usagePlan.node.defaultChild as apigateway.CfnUsagePlan).addPropertyOverride(
          'ApiStages.0.Throttle',
          Object.fromEntries(
            inferenceRoutes.map(({ path, method }) => [
              `${path}/${method}`,
              { RateLimit: Math.min(limits.ratePerSecond, plan.rate), BurstLimit: Math.min(limits.burst, plan.burst) },
            ]),
          ),
        );
      }
      const key = this.restApi.addApiKey(`ApiKey-${plan.name}`, { apiKeyName: `${apiName}-${plan.name}`, description: `API key of usage plan ${plan.name}` });
      usagePlan.addApiKey(key);
      (this.apiKeys as Record<string, apigateway.IApiKey>)[plan.name] = key;
    }

    const sourceArn = this.restApi.arnForExecuteApi('*', '/*', stageName);
    const functions = new Set(Object.values(props.integrations));
    for (const fn of functions) {
      fn.addPermission(`${id}Invoke`, { principal: new iam.ServicePrincipal('apigateway.amazonaws.com'), sourceArn });
    }

    acknowledgeFindings(
      this.restApi,
      'Request validation is defined in the OpenAPI body (x-amazon-apigateway-request-validators "all", validating body and parameters, set as the default x-amazon-apigateway-request-validator); cdk-nag only looks for AWS::ApiGateway::RequestValidator resources.',
      ['AwsSolutions-APIG2'],
    );
    acknowledgeFindings(
      this.restApi,
      'No WAF web ACL by default: every operation requires authentication (only CORS preflights, answered by API Gateway itself, do not) and the stage is throttled, and a web ACL adds a monthly cost. Associate a WAFv2 web ACL with the stage where the API faces untrusted networks.',
      ['AwsSolutions-APIG3'],
    );
    acknowledgeFindings(
      this.restApi,
      'The account-level API Gateway CloudWatch Logs role uses AmazonAPIGatewayPushToCloudWatchLogs, the AWS managed policy API Gateway documents for it; the setting is shared by every REST API of the account and Region, so it cannot be narrowed to this API.',
      [managedPolicyFinding('service-role/AmazonAPIGatewayPushToCloudWatchLogs')],
    );
  }

  /** The stage's base URL (`https://{id}.execute-api.{region}.amazonaws.com/{stage}/`). */
  get url(): string {
    return this.restApi.url;
  }
}
