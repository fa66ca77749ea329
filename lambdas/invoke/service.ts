import type { ChatCompletion, ChatCompletionRequest } from '../../core/api.js';
import { awsErrorName } from '../shared/aws-errors.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { asChatCompletion, chatChunks, chunkEvent, doneEvent } from './chat.js';
import type { InvocationTargets, ModelAnswer, ModelRequest, ModelRuntime } from './ports.js';

/** Our statuses in which an endpoint serves requests. */
const invocable = new Set(['running', 'updating']);

export interface InvokeDependencies {
  targets: InvocationTargets;
  runtime: ModelRuntime;
}

/**
 * Calling running endpoints: the body passed through to the model (InvokeEndpoint), and
 * OpenAI-style chat, whole or streamed (InvokeEndpointWithResponseStream). The caller's tenant
 * must own the endpoint (another tenant's is a 404, as everywhere). SageMaker is asked for the
 * endpoint's state only when an invocation fails, to say why (not running, no such variant).
 */
export class InvokeService {
  constructor(private readonly deps: InvokeDependencies) {}

  private async ensureInvocable(tenant: string, name: string): Promise<void> {
    const target = await this.deps.targets.find(name);
    if (!target || target.tenant !== tenant) throw new NotFoundError(`Endpoint ${name} does not exist.`, 'EndpointNotFound');
    if (target.status !== undefined && !invocable.has(target.status)) throw notRunning(name, target.status);
  }

  /** Why SageMaker refused (a ValidationError): gone, not in service, no such variant, or the request itself. */
  private async explain(name: string, error: unknown, variant: string | undefined): Promise<unknown> {
    if (awsErrorName(error) !== 'ValidationError') return error;
    const status = await this.deps.targets.currentStatus(name);
    if (status === undefined) return new NotFoundError(`Endpoint ${name} does not exist.`, 'EndpointNotFound', { cause: error });
    if (!invocable.has(status)) return notRunning(name, status, error);
    const message = (error as Error).message;
    const path = variant !== undefined && /variant/i.test(message) ? '/query/variant' : '/body';
    return new ValidationError([{ path, message }], `SageMaker refused the invocation: ${message}`);
  }

  private async call<T>(name: string, variant: string | undefined, invoke: () => Promise<T>): Promise<T> {
    try {
      return await invoke();
    } catch (error) {
      throw await this.explain(name, error, variant);
    }
  }

  async invoke(tenant: string, name: string, request: ModelRequest): Promise<ModelAnswer> {
    await this.ensureInvocable(tenant, name);
    return this.call(name, request.variant, () => this.deps.runtime.invoke(name, request));
  }

  async chat(tenant: string, name: string, request: ChatCompletionRequest): Promise<ChatCompletion> {
    await this.ensureInvocable(tenant, name);
    const answer = await this.call(name, undefined, () => this.deps.runtime.invoke(name, chatRequest(request, false)));
    return asChatCompletion(answer.body);
  }

  /** The chat's server-sent events, `[DONE]` last; the model is called when the first is read. */
  async *chatEvents(tenant: string, name: string, request: ChatCompletionRequest): AsyncIterable<string> {
    await this.ensureInvocable(tenant, name);
    const answer = await this.call(name, undefined, () => this.deps.runtime.invokeStream(name, chatRequest(request, true)));
    for await (const chunk of chatChunks(answer.parts)) yield chunkEvent(chunk);
    yield doneEvent;
  }
}

function chatRequest(request: ChatCompletionRequest, stream: boolean): ModelRequest {
  return { body: new TextEncoder().encode(JSON.stringify({ ...request, stream })), contentType: 'application/json' };
}

function notRunning(name: string, currentStatus: string, cause?: unknown): ConflictError {
  return new ConflictError('EndpointNotRunning', `Endpoint ${name} is ${currentStatus}; invoke it when it is running.`, { currentStatus }, { cause });
}
