import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** An API Gateway REST proxy event as the Cognito-authorized API delivers it. */
export function proxyEvent(init: {
  method: string;
  resource: string;
  path?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  tenant?: string | null;
}): APIGatewayProxyEvent {
  const body = init.body === undefined ? null : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  return {
    resource: init.resource,
    path: init.path ?? init.resource,
    httpMethod: init.method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    multiValueHeaders: {},
    queryStringParameters: init.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: init.pathParameters ?? null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      authorizer: init.tenant === null ? {} : { claims: { 'custom:tenant': init.tenant ?? 'team-a' } },
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

export const lambdaContext = { awsRequestId: 'req-1', functionName: 'test', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
