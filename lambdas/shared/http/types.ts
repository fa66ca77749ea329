import type { operations } from '../../../openapi/generated/types.js';

/** Every operationId of the spec. */
export type OperationId = keyof operations;

type Parameters<O extends OperationId> = operations[O]['parameters'];
type Located<O extends OperationId, L extends 'path' | 'query' | 'header'> =
  Parameters<O> extends Partial<Record<L, infer P>> ? ([P] extends [never] ? Record<string, never> : NonNullable<P>) : Record<string, never>;

export type PathOf<O extends OperationId> = Located<O, 'path'>;
export type QueryOf<O extends OperationId> = Located<O, 'query'>;
export type HeadersOf<O extends OperationId> = Located<O, 'header'>;
export type BodyOf<O extends OperationId> = operations[O] extends { requestBody?: { content: { 'application/json': infer B } } }
  ? B
  : operations[O] extends { requestBody?: { content: { '*/*': unknown } } }
    ? Uint8Array
    : undefined;

type Responses<O extends OperationId> = operations[O]['responses'];
type SuccessStatus<O extends OperationId> = Extract<keyof Responses<O>, 200 | 201 | 202 | 204>;
type ResponseBody<O extends OperationId, S extends keyof Responses<O>> = Responses<O>[S] extends {
  content: { 'application/json': infer B };
}
  ? B
  : undefined;

/** A body that is not JSON, answered as it is with its content type (the invocation route's model answer). */
export interface RawResult {
  status: 200;
  raw: Uint8Array;
  contentType: string;
  headers?: Record<string, string>;
}

/**
 * Server-sent events (`text/event-stream`): each item is one whole event (`data: ...\n\n`).
 * The first is read before the status is sent, so an error up to then is a problem; a later
 * error ends the stream with an `event: error` carrying the problem (api-handler.ts).
 */
export interface EventStreamResult {
  status: 200;
  events: AsyncIterable<string>;
  headers?: Record<string, string>;
}

/** What an operation answers on success: a documented 2xx status and its body, typed from the spec. */
export type ApiResult<O extends OperationId> =
  | {
      [S in SuccessStatus<O>]: { status: S; body: ResponseBody<O, S>; headers?: Record<string, string> };
    }[SuccessStatus<O>]
  | RawResult
  | EventStreamResult;

/** A request that has passed validation against the spec, with the caller's tenant. */
export interface ApiRequest<O extends OperationId> {
  operationId: O;
  tenant: string;
  requestId: string;
  path: PathOf<O>;
  query: QueryOf<O>;
  headers: HeadersOf<O>;
  body: BodyOf<O>;
  /** The request's Content-Type and Accept (the spec cannot declare them as parameters; a passthrough body needs them). */
  contentType?: string;
  accept?: string;
}

export type OperationHandler<O extends OperationId> = (request: ApiRequest<O>) => Promise<ApiResult<O>>;

export type Routes<K extends OperationId> = { [O in K]: OperationHandler<O> };
