import { describe, expect, it } from 'vitest';
import { fromRuntimeError } from '../../../lambdas/invoke/sagemaker-runtime.js';
import { chatChunks, asChatCompletion } from '../../../lambdas/invoke/chat.js';
import { InvokeService } from '../../../lambdas/invoke/service.js';
import { ModelFailedError, ModelRequestRejectedError } from '../../../lambdas/invoke/errors.js';
import type { InvocationTarget, InvocationTargets, ModelAnswer, ModelRequest, ModelRuntime } from '../../../lambdas/invoke/ports.js';
import { ConflictError, NotFoundError, UpstreamError, ValidationError } from '../../../lambdas/shared/errors.js';

/** An SDK-shaped service exception (name, $metadata), as the runtime client throws them. */
function sdkError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, ...extra });
}

class Targets implements InvocationTargets {
  constructor(
    private readonly records: Record<string, InvocationTarget>,
    private readonly statuses: Record<string, string> = {},
  ) {}
  async find(name: string) {
    return this.records[name];
  }
  async currentStatus(name: string) {
    return this.statuses[name];
  }
}

/** A runtime that answers by a function of the request (an in-memory model, not a mock of the SDK). */
class Runtime implements ModelRuntime {
  calls: string[] = [];
  constructor(
    private readonly answer: (request: ModelRequest) => ModelAnswer | Error,
    private readonly parts: string[] = [],
  ) {}
  async invoke(endpoint: string, request: ModelRequest) {
    this.calls.push(endpoint);
    const answer = this.answer(request);
    if (answer instanceof Error) throw answer;
    return answer;
  }
  async invokeStream(endpoint: string, request: ModelRequest) {
    this.calls.push(endpoint);
    const answer = this.answer(request);
    if (answer instanceof Error) throw answer;
    const parts = this.parts;
    return {
      contentType: 'text/event-stream',
      parts: (async function* () {
        for (const part of parts) yield new TextEncoder().encode(part);
      })(),
    };
  }
}

const json = (value: unknown): ModelAnswer => ({ body: new TextEncoder().encode(JSON.stringify(value)), contentType: 'application/json' });
const mine = { ep: { tenant: 'a' } };

async function collect(events: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const e of events) all.push(e);
  return all;
}

describe('InvokeService', () => {
  it('is a 404 for a missing endpoint and for another tenant’s, without calling the model', async () => {
    const runtime = new Runtime(() => json({}));
    const service = new InvokeService({ targets: new Targets(mine), runtime });
    await expect(service.invoke('a', 'nope', { body: new Uint8Array() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.invoke('b', 'ep', { body: new Uint8Array() })).rejects.toBeInstanceOf(NotFoundError);
    expect(runtime.calls).toEqual([]);
  });

  it('is a 409 EndpointNotRunning for a record whose own status is not running or updating (paused)', async () => {
    const runtime = new Runtime(() => json({}));
    const service = new InvokeService({ targets: new Targets({ ep: { tenant: 'a', status: 'paused' } }), runtime });
    const error = await service.invoke('a', 'ep', { body: new Uint8Array() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'EndpointNotRunning', message: 'Endpoint ep is paused; invoke it when it is running.' });
    expect((error as ConflictError).extensions()).toEqual({ currentStatus: 'paused' });
    expect(runtime.calls).toEqual([]);
    const updating = new InvokeService({ targets: new Targets({ ep: { tenant: 'a', status: 'updating' } }), runtime });
    await expect(updating.invoke('a', 'ep', { body: new Uint8Array() })).resolves.toMatchObject({ contentType: 'application/json' });
  });

  it('explains a SageMaker ValidationError: gone (404), not in service (409), an unknown variant (400 at /query/variant)', async () => {
    const refusing = (message: string) => new Runtime(() => sdkError('ValidationError', message));
    const gone = new InvokeService({ targets: new Targets(mine), runtime: refusing('Endpoint ep of account 1 not found.') });
    await expect(gone.invoke('a', 'ep', { body: new Uint8Array() })).rejects.toMatchObject({ code: 'EndpointNotFound' });
    const creating = new InvokeService({ targets: new Targets(mine, { ep: 'creating' }), runtime: refusing('Endpoint ep of account 1 not found.') });
    await expect(creating.invoke('a', 'ep', { body: new Uint8Array() })).rejects.toMatchObject({ code: 'EndpointNotRunning' });
    const variant = new InvokeService({
      targets: new Targets(mine, { ep: 'running' }),
      runtime: refusing('The variant(s) "[blue]" is/are not found for endpoint ep.'),
    });
    const error = await variant.invoke('a', 'ep', { body: new Uint8Array(), variant: 'blue' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ path: '/query/variant', message: 'The variant(s) "[blue]" is/are not found for endpoint ep.' }]);
  });

  it('answers a chat completion, and a 502 ModelError for an answer that is not one', async () => {
    const completion = { id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'hi' } }] };
    const service = new InvokeService({ targets: new Targets(mine), runtime: new Runtime(() => json(completion)) });
    await expect(service.chat('a', 'ep', { messages: [{ role: 'user', content: 'x' }] })).resolves.toEqual(completion);
    const encoder = new InvokeService({ targets: new Targets(mine), runtime: new Runtime(() => json([{ label: 'POSITIVE', score: 0.9 }])) });
    await expect(encoder.chat('a', 'ep', { messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(ModelFailedError);
  });

  it('streams chunk events then [DONE], whether the model sends SSE or JSON lines split anywhere', async () => {
    const chunk = (content: string) =>
      JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content } }] });
    const sse = `data: ${chunk('a')}\n\ndata: ${chunk('b')}\n\ndata: [DONE]\n\n`;
    const lines = `${chunk('a')}\n${chunk('b')}`;
    for (const text of [sse, lines]) {
      const parts = [text.slice(0, 7), text.slice(7, 50), text.slice(50)];
      const service = new InvokeService({ targets: new Targets(mine), runtime: new Runtime(() => json({}), parts) });
      const events = await collect(service.chatEvents('a', 'ep', { messages: [{ role: 'user', content: 'x' }], stream: true }));
      expect(events).toEqual([`data: ${chunk('a')}\n\n`, `data: ${chunk('b')}\n\n`, 'data: [DONE]\n\n']);
    }
  });

  it('fails the stream with a 502 when the model streams something that is not a chunk', async () => {
    const parts = ['data: {"error":"boom"}\n\n'];
    const chunks = chatChunks(
      (async function* () {
        for (const p of parts) yield new TextEncoder().encode(p);
      })(),
    );
    await expect(
      collect(
        (async function* () {
          for await (const c of chunks) yield JSON.stringify(c);
        })(),
      ),
    ).rejects.toMatchObject({ code: 'ModelError', message: 'The model streamed no chat completion chunk: boom' });
    expect(() => asChatCompletion(new TextEncoder().encode('not json'))).toThrow(ModelFailedError);
  });
});

describe('fromRuntimeError', () => {
  it('keeps the container message: a 4xx is a 422 ModelRequestRejected, a 5xx a 502 ModelError', () => {
    const refused = fromRuntimeError(
      sdkError('ModelError', 'Received client error (400)...', { OriginalStatusCode: 400, OriginalMessage: 'bad inputs', LogStreamArn: 'arn:log' }),
    );
    expect(refused).toBeInstanceOf(ModelRequestRejectedError);
    expect(refused).toMatchObject({ status: 422, message: 'The model refused the request (400): bad inputs' });
    expect((refused as ModelRequestRejectedError).extensions()).toEqual({ originalStatusCode: 400, originalMessage: 'bad inputs', logs: 'arn:log' });
    const failed = fromRuntimeError(
      sdkError('ModelError', 'Received server error (500)...', { OriginalStatusCode: 500, OriginalMessage: 'CUDA out of memory' }),
    );
    expect(failed).toMatchObject({ status: 502, code: 'ModelError', message: 'The model failed (500): CUDA out of memory' });
  });

  it('maps stream errors and model-not-ready, and leaves everything else to the caller', () => {
    expect(fromRuntimeError(sdkError('ModelStreamError', 'reset', { ErrorCode: 'StreamBroken' }))).toMatchObject({ status: 502, code: 'ModelStreamError' });
    expect(fromRuntimeError(sdkError('InternalStreamFailure', 'oops'))).toBeInstanceOf(UpstreamError);
    expect(fromRuntimeError(sdkError('ModelNotReadyException', 'loading'))).toMatchObject({ status: 503, retryAfterSeconds: 10 });
    const validation = sdkError('ValidationError', 'x');
    expect(fromRuntimeError(validation)).toBe(validation);
  });
});
