import type { Client } from 'openapi-fetch';
import { ModelplaneProblem, type ProblemDocument } from './errors.js';
import type { paths } from './generated/schema.js';
import type { RequestOptions, Transport } from './transport.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from './types.js';

/** What a model answered an invocation: its bytes and content type, and the variant that answered. */
export interface InvocationAnswer {
  body: Uint8Array;
  contentType: string;
  variant?: string;
  /** The body as UTF-8 text. */
  text(): string;
  /** The body parsed as JSON. */
  json<T = unknown>(): T;
}

export interface InvokeOptions extends RequestOptions {
  /** The body's media type. @default application/json for objects, text/plain for strings, application/octet-stream for bytes */
  contentType?: string;
  /** The media type asked of the model. */
  accept?: string;
  /** A production variant to send the request to. */
  variant?: string;
}

function encode(body: unknown, contentType: string | undefined): { bytes: Uint8Array | string; contentType: string } {
  if (body instanceof Uint8Array) return { bytes: body, contentType: contentType ?? 'application/octet-stream' };
  if (typeof body === 'string') return { bytes: body, contentType: contentType ?? 'text/plain' };
  return { bytes: JSON.stringify(body), contentType: contentType ?? 'application/json' };
}

/** Sends any body to the model (invokeEndpoint) and answers its bytes. */
export async function invokeEndpoint(transport: Transport, name: string, body: unknown, options: InvokeOptions = {}): Promise<InvocationAnswer> {
  const api: Client<paths> = transport.api;
  const { bytes, contentType } = encode(body, options.contentType);
  let headers: Headers | undefined;
  const data = await transport.send<ArrayBuffer>(
    'invokeEndpoint',
    async (a) => {
      const answer = await api.POST('/v1/endpoints/{endpointName}/invocations', {
        params: { path: { endpointName: name }, query: options.variant ? { variant: options.variant } : {} },
        body: bytes as never,
        bodySerializer: (b: unknown) => b as string,
        parseAs: 'arrayBuffer',
        ...a,
        headers: { ...a.headers, 'Content-Type': contentType, ...(options.accept ? { Accept: options.accept } : {}) },
      });
      headers = answer.response.headers;
      return answer;
    },
    options,
  );
  const answered = new Uint8Array(data);
  const variant = headers?.get('x-modelplane-variant') ?? undefined;
  return {
    body: answered,
    contentType: headers?.get('content-type') ?? 'application/octet-stream',
    ...(variant ? { variant } : {}),
    text: () => new TextDecoder().decode(answered),
    json: <T>() => JSON.parse(new TextDecoder().decode(answered)) as T,
  };
}

/** A whole chat completion (createChatCompletion without stream). */
export function chatCompletion(transport: Transport, name: string, request: ChatCompletionRequest, options: RequestOptions = {}): Promise<ChatCompletion> {
  return transport.send(
    'createChatCompletion',
    (a) =>
      transport.api.POST('/v1/endpoints/{endpointName}/chat/completions', {
        params: { path: { endpointName: name } },
        body: { ...request, stream: false },
        ...a,
      }) as never,
    options,
  );
}

/** The server-sent events of a stream, one `data` (joined lines) and `event` name at a time. */
async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncIterable<{ event?: string; data: string }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let end = pending.indexOf('\n\n');
      while (end >= 0) {
        const block = pending.slice(0, end);
        pending = pending.slice(end + 2);
        let event: string | undefined;
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        if (data.length > 0) yield { ...(event ? { event } : {}), data: data.join('\n') };
        end = pending.indexOf('\n\n');
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * A streamed chat completion: the chunks as the model produces them, until `[DONE]`. A problem
 * before the stream starts rejects the first `next()` with ModelplaneProblem (retried like any
 * call when it is a 429 or 503); one after it started (an `event: error`) rejects the next one.
 */
export async function* chatCompletionStream(
  transport: Transport,
  name: string,
  request: ChatCompletionRequest,
  options: RequestOptions = {},
): AsyncIterable<ChatCompletionChunk> {
  const stream = await transport.send<ReadableStream<Uint8Array>>(
    'createChatCompletion',
    (a) =>
      transport.api.POST('/v1/endpoints/{endpointName}/chat/completions', {
        params: { path: { endpointName: name } },
        body: { ...request, stream: true },
        parseAs: 'stream',
        ...a,
      }) as never,
    options,
  );
  for await (const { event, data } of serverSentEvents(stream)) {
    if (event === 'error') {
      const problem = JSON.parse(data) as ProblemDocument & { status?: number };
      throw new ModelplaneProblem({ status: problem.status ?? 502, operationId: 'createChatCompletion', problem, headers: new Headers() });
    }
    if (data === '[DONE]') return;
    yield JSON.parse(data) as ChatCompletionChunk;
  }
}
