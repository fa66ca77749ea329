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
import { isJsonMediaType, RequestValidator } from './request-validator.js';
import { isBinaryMediaType } from './binary-media.js';
import { tenantOf } from './tenant.js';
import type { ApiRequest, ApiResult, EventStreamResult, OperationId, RawResult, Routes } from './types.js';

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
  /**
   * The same handler for a caller that can stream: an event-stream answer is written to the
   * sink event by event instead of being buffered into one body; any other answer is written
   * whole. The local server uses it; a Lambda response-streaming integration could too.
   */
  readonly stream: (event: APIGatewayProxyEvent, context: Context, sink: StreamSink) => Promise<void>;
};

function lowerCaseHeaders(headers: APIGatewayProxyEvent['headers']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function renderJson(result: { status: number; body?: unknown; headers?: Record<string, string> }): APIGatewayProxyResult {
  if (result.status === 204 || result.body === undefined) {
    return { statusCode: result.status, headers: { ...result.headers }, body: '' };
  }
  return {
    statusCode: result.status,
    headers: { 'Content-Type': 'application/json', ...result.headers },
    body: JSON.stringify(result.body),
  };
}

/** A model's answer as it came: base64 for binary media types (API Gateway decodes it), text otherwise. */
function renderRaw(result: RawResult): APIGatewayProxyResult {
  const binary = isBinaryMediaType(result.contentType);
  return {
    statusCode: result.status,
    headers: { 'Content-Type': result.contentType, ...result.headers },
    body: Buffer.from(result.raw).toString(binary ? 'base64' : 'utf8'),
    isBase64Encoded: binary,
  };
}

/** An event stream being answered: its first event (already read) and the rest. */
interface OpenStream {
  first: IteratorResult<string>;
  rest: AsyncIterator<string>;
  instance: string;
  requestId: string;
}

/** Where a streaming caller (StreamSink) takes the events of a request, keyed by its event. */
const sinks = new WeakMap<APIGatewayProxyEvent, StreamSink>();
const openStreams = new WeakMap<APIGatewayProxyEvent, OpenStream>();

/** The last event of a stream that failed midway: the problem, as `event: error`. */
export function errorEvent(error: unknown, context: { requestId: string; instance: string }): string {
  return `event: error\ndata: ${toProblem(fromAwsError(error), context).body}\n\n`;
}

async function renderEvents(result: EventStreamResult, event: APIGatewayProxyEvent, requestId: string): Promise<APIGatewayProxyResult> {
  const rest = result.events[Symbol.asyncIterator]();
  // Read before the status goes out: an error up to the first event is a problem with its own status.
  const first = await rest.next();
  const headers = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', ...result.headers };
  const instance = event.path ?? event.resource ?? '';
  if (sinks.has(event)) {
    openStreams.set(event, { first, rest, instance, requestId });
    return { statusCode: result.status, headers, body: '' };
  }
  // Buffered (a Lambda proxy integration): the whole stream in one body.
  let body = first.done ? '' : first.value;
  try {
    for (let next = await rest.next(); !next.done; next = await rest.next()) body += next.value;
  } catch (error) {
    body += errorEvent(error, { requestId, instance });
  }
  return { statusCode: result.status, headers, body };
}

type AnyResult = { status: number; body?: unknown; headers?: Record<string, string> } | RawResult | EventStreamResult;

async function render(result: AnyResult, event: APIGatewayProxyEvent, requestId: string): Promise<APIGatewayProxyResult> {
  if ('events' in result) return renderEvents(result, event, requestId);
  if ('raw' in result) return renderRaw(result);
  return renderJson(result);
}

/** Where a streamed answer goes as it is produced (the local server's response; on Lambda, a response stream). */
export interface StreamSink {
  start(status: number, headers: Record<string, string>): void;
  write(chunk: string | Uint8Array): void;
  end(): void;
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
    const bytes = event.body === null || event.body === undefined ? undefined : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
    const validation = validator.validate(operation, {
      pathParameters: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
      headers: lowerCaseHeaders(event.headers),
      body: bytes?.toString('utf8') ?? event.body,
      contentType: lowerCaseHeaders(event.headers)['content-type'],
    });
    if (!validation.ok) throw new ValidationError(validation.errors);
    // A passthrough body (`*/*`) goes to the operation as the caller's bytes.
    const passthrough = operation.body !== undefined && !isJsonMediaType(operation.body.mediaType);
    const request = {
      operationId: operation.operationId,
      tenant,
      requestId: context.awsRequestId,
      path: validation.request.path,
      query: validation.request.query,
      headers: validation.request.headers,
      body: passthrough ? (bytes ?? Buffer.alloc(0)) : validation.request.body,
      ...(lowerCaseHeaders(event.headers)['content-type'] ? { contentType: lowerCaseHeaders(event.headers)['content-type'] } : {}),
      ...(lowerCaseHeaders(event.headers).accept ? { accept: lowerCaseHeaders(event.headers).accept } : {}),
    } as unknown as ApiRequest<K>;

    const key = operation.idempotent ? (validation.request.headers[idempotencyHeader.toLowerCase()] as string | undefined) : undefined;
    if (key === undefined || !options.idempotency) {
      return render(await route(request), event, context.awsRequestId);
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
      const response = await render(await route(request), event, context.awsRequestId);
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
  const stream = async (event: APIGatewayProxyEvent, context: Context, sink: StreamSink): Promise<void> => {
    sinks.set(event, sink);
    const response = await handler(event, context);
    const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, String(v)]));
    sink.start(response.statusCode, headers);
    const open = openStreams.get(event);
    if (!open) {
      sink.write(response.isBase64Encoded ? Buffer.from(response.body, 'base64') : response.body);
      return sink.end();
    }
    try {
      for (let next = open.first; !next.done; next = await open.rest.next()) sink.write(next.value);
    } catch (error) {
      logOf(event, areaLog).warn('an event stream failed after it started', { error: error as Error });
      sink.write(errorEvent(error, open));
    }
    sink.end();
  };
  return Object.assign(handler, { operationIds: Object.keys(routes), stream });
}
