import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { openApiDocument } from '../../../openapi/generated/spec.js';
import { awsCallOf, fromAwsError } from '../aws-errors.js';
import { EnvNames } from '../../../core/env-names.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { fingerprint, type IdempotencyStore } from '../idempotency.js';
import { logger as defaultLogger } from '../logger.js';
import { idempotencyHeader, OperationIndex, type OperationSpec } from './operation-index.js';
import { toProblem } from './problem.js';
import { RequestValidator } from './request-validator.js';
import { tenantOf } from './tenant.js';
import type { ApiRequest, ApiResult, OperationId, Routes } from './types.js';

/** Parsed once per cold start and shared by every handler in the bundle. */
let shared: { index: OperationIndex; validator: RequestValidator } | undefined;
export function specRuntime(): { index: OperationIndex; validator: RequestValidator } {
  shared ??= { index: new OperationIndex(openApiDocument), validator: new RequestValidator(openApiDocument) };
  return shared;
}

export interface ApiHandlerOptions {
  /** Where Idempotency-Key headers are remembered; created lazily (once per cold start). */
  idempotency?: () => IdempotencyStore;
  logger?: typeof defaultLogger;
}

export type ApiHandler = middy.MiddyfiedHandler<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> & {
  /** The operations this handler serves (checked against lambdas/operations.ts and the spec by a test). */
  readonly operationIds: readonly string[];
};

function lowerCaseHeaders(headers: APIGatewayProxyEvent['headers']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function render(result: { status: number; body?: unknown; headers?: Record<string, string> }): APIGatewayProxyResult {
  if (result.status === 204 || result.body === undefined) {
    return { statusCode: result.status, headers: { ...result.headers }, body: '' };
  }
  return {
    statusCode: result.status,
    headers: { 'Content-Type': 'application/json', ...result.headers },
    body: JSON.stringify(result.body),
  };
}

/**
 * CORS for browser consoles: API Gateway answers preflights and its own errors; the handlers add
 * the header to everything they answer, for the origins the deployment allows.
 */
/** The response headers a browser console may read. */
export const exposedHeaders = 'Location, Retry-After, Idempotent-Replayed';

function corsHeaders(): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> {
  const allowed = (process.env[EnvNames.allowedOrigins] ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  const add = (request: middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>) => {
    if (allowed.length === 0 || !request.response) return;
    const origin = lowerCaseHeaders(request.event.headers).origin;
    const value = allowed.includes('*') ? '*' : origin !== undefined && allowed.includes(origin) ? origin : undefined;
    // Browsers hide every response header but a few unless told: consoles need these (SDK retries, created resources, replays).
    if (value)
      request.response.headers = {
        ...request.response.headers,
        'Access-Control-Allow-Origin': value,
        'Access-Control-Expose-Headers': exposedHeaders,
        Vary: 'Origin',
      };
  };
  return { after: add, onError: add };
}

type Log = typeof defaultLogger;

/**
 * One logger per request: a child of the area's logger carrying this request's Lambda context
 * (its request id), operation and tenant. The local server runs requests concurrently on one
 * logger (and Lambda may too), so keys appended to a shared logger would be the last request's:
 * a 500's line once carried another request's id, or none.
 */
const requestLogs = new WeakMap<APIGatewayProxyEvent, Log>();
function requestLogging(log: Log): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> {
  return {
    before: (request) => {
      const child = log.createChild();
      child.addContext(request.context);
      requestLogs.set(request.event, child);
    },
  };
}
const logOf = (event: APIGatewayProxyEvent, fallback: Log): Log => requestLogs.get(event) ?? fallback;

/** The problem middleware: maps every error to problem+json in one place, logging the unknown ones. */
function problemResponses(areaLog: Log): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> {
  return {
    onError: (request) => {
      const log = logOf(request.event, areaLog);
      const requestId = request.context.awsRequestId;
      const instance = request.event.path ?? request.event.resource ?? '';
      const mapped = fromAwsError(request.error);
      const problem = toProblem(mapped, { requestId, instance });
      // The AWS call that failed (`SageMaker UpdateEndpoint`), when one did: what to look at first.
      const awsCall = awsCallOf(request.error);
      if (problem.statusCode >= 500)
        log.error('request failed', { status: problem.statusCode, ...(awsCall ? { awsCall } : {}), error: request.error as Error });
      else log.info('request refused', { status: problem.statusCode, code: (mapped as { code?: string }).code, ...(awsCall ? { awsCall } : {}) });
      request.response = problem;
    },
  };
}

/**
 * Builds the Lambda handler for one area: routes API Gateway proxy events to the area's
 * operations by the spec (the event's `resource` and method), validates them against the
 * spec's schemas, resolves the tenant, honours Idempotency-Key, and maps errors to problems.
 */
export function createApiHandler<K extends OperationId>(routes: Routes<K>, options: ApiHandlerOptions = {}): ApiHandler {
  const areaLog = options.logger ?? defaultLogger;
  let idempotency: IdempotencyStore | undefined;

  const dispatch = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const log = logOf(event, areaLog);
    const { index, validator } = specRuntime();
    const operation: OperationSpec | undefined = index.byTemplate(event.httpMethod, event.resource);
    const route = operation && (routes as unknown as Record<string, ((r: ApiRequest<K>) => Promise<ApiResult<K>>) | undefined>)[operation.operationId];
    if (!operation || !route) {
      throw new NotFoundError(`No operation ${event.httpMethod} ${event.resource} is served here.`, 'RouteNotFound');
    }
    log.appendKeys({ operationId: operation.operationId });
    const tenant = tenantOf(event);
    log.appendKeys({ tenant });
    const validation = validator.validate(operation, {
      pathParameters: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
      headers: lowerCaseHeaders(event.headers),
      body: event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body,
      contentType: lowerCaseHeaders(event.headers)['content-type'],
    });
    if (!validation.ok) throw new ValidationError(validation.errors);
    const request = {
      operationId: operation.operationId,
      tenant,
      requestId: context.awsRequestId,
      path: validation.request.path,
      query: validation.request.query,
      headers: validation.request.headers,
      body: validation.request.body,
    } as unknown as ApiRequest<K>;

    const key = operation.idempotent ? (validation.request.headers[idempotencyHeader.toLowerCase()] as string | undefined) : undefined;
    if (key === undefined || !options.idempotency) {
      return render(await route(request));
    }
    idempotency ??= options.idempotency();
    const scope = { tenant, operationId: operation.operationId, key };
    const started = await idempotency.start(scope, fingerprint({ path: request.path, body: request.body }));
    if (started.state === 'replay') {
      log.info('replayed an idempotent request', { idempotencyKey: key });
      const stored = started.response;
      return { statusCode: stored.status, headers: { ...stored.headers, 'Idempotent-Replayed': 'true' }, body: stored.body };
    }
    try {
      const response = render(await route(request));
      await idempotency.complete(scope, {
        status: response.statusCode,
        headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, String(v)])),
        body: response.body,
      });
      return response;
    } catch (error) {
      await idempotency.release(scope).catch((releaseError: unknown) => log.warn('could not release an idempotency key', { error: releaseError as Error }));
      throw error;
    }
  };

  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(requestLogging(areaLog))
    // onError runs in reverse order: the problem is made first, then CORS headers go on it.
    .use(corsHeaders())
    .use(problemResponses(areaLog))
    .handler(dispatch);
  return Object.assign(handler, { operationIds: Object.keys(routes) });
}
