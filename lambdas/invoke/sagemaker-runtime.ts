import {
  InvokeEndpointCommand,
  InvokeEndpointWithResponseStreamCommand,
  type ResponseStream,
  type SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';
import { UpstreamError } from '../shared/errors.js';
import { awsErrorName } from '../shared/aws-errors.js';
import { ModelFailedError, ModelRequestRejectedError } from './errors.js';
import type { ModelAnswer, ModelRequest, ModelRuntime } from './ports.js';

/**
 * SageMaker's ModelError (the container answered 4xx or 5xx) and the errors of an answer stream,
 * as our problems, keeping what the container said. Anything else (ValidationError for a
 * missing endpoint or variant, throttling, outages) goes on unchanged: the service explains a
 * ValidationError, and the HTTP core maps the rest.
 */
export function fromRuntimeError(error: unknown): unknown {
  const name = awsErrorName(error) ?? (error instanceof Error ? error.name : undefined);
  if (name === 'ModelError') {
    const e = error as { OriginalStatusCode?: number; OriginalMessage?: string; LogStreamArn?: string; message: string };
    const status = e.OriginalStatusCode;
    const message = e.OriginalMessage ?? e.message;
    const container = { originalStatusCode: status, originalMessage: message, logs: e.LogStreamArn };
    if (status !== undefined && status >= 400 && status < 500) {
      return new ModelRequestRejectedError(`The model refused the request (${status}): ${message}`, container, { cause: error });
    }
    return new ModelFailedError('ModelError', `The model failed (${status ?? 'no status'}): ${message}`, container, { cause: error });
  }
  if (name === 'ModelStreamError') {
    const e = error as { ErrorCode?: string; message: string };
    return new ModelFailedError(
      'ModelStreamError',
      `The model's answer stream broke off${e.ErrorCode ? ` (${e.ErrorCode})` : ''}: ${e.message}`,
      { originalMessage: e.message },
      { cause: error },
    );
  }
  if (name === 'InternalStreamFailure') {
    return new UpstreamError('ServiceUnavailable', `SageMaker could not stream the answer (${(error as Error).message}); retry.`, { cause: error });
  }
  if (name === 'ModelNotReadyException') {
    return new UpstreamError('ServiceUnavailable', `The model is not ready yet (${(error as Error).message}); retry shortly.`, {
      cause: error,
      retryAfterSeconds: 10,
    });
  }
  return error;
}

async function* payloadParts(events: AsyncIterable<ResponseStream>): AsyncIterable<Uint8Array> {
  try {
    for await (const event of events) {
      if (event.PayloadPart?.Bytes) yield event.PayloadPart.Bytes;
      // The SDK throws modelled stream errors; a member that arrives instead is the same failure.
      else if (event.ModelStreamError)
        throw Object.assign(new Error(event.ModelStreamError.Message ?? 'model stream error'), {
          name: 'ModelStreamError',
          ErrorCode: event.ModelStreamError.ErrorCode,
        });
      else if (event.InternalStreamFailure)
        throw Object.assign(new Error(event.InternalStreamFailure.Message ?? 'internal stream failure'), { name: 'InternalStreamFailure' });
    }
  } catch (error) {
    throw fromRuntimeError(error);
  }
}

/** SageMaker Runtime InvokeEndpoint and InvokeEndpointWithResponseStream. */
export class SageMakerModelRuntime implements ModelRuntime {
  constructor(private readonly client: SageMakerRuntimeClient) {}

  async invoke(endpoint: string, request: ModelRequest): Promise<ModelAnswer> {
    try {
      const answer = await this.client.send(
        new InvokeEndpointCommand({
          EndpointName: endpoint,
          Body: request.body,
          ...(request.contentType ? { ContentType: request.contentType } : {}),
          ...(request.accept ? { Accept: request.accept } : {}),
          ...(request.variant ? { TargetVariant: request.variant } : {}),
        }),
      );
      return {
        body: answer.Body ?? new Uint8Array(),
        contentType: answer.ContentType ?? 'application/octet-stream',
        ...(answer.InvokedProductionVariant ? { variant: answer.InvokedProductionVariant } : {}),
      };
    } catch (error) {
      throw fromRuntimeError(error);
    }
  }

  async invokeStream(endpoint: string, request: ModelRequest): Promise<{ parts: AsyncIterable<Uint8Array>; contentType: string; variant?: string }> {
    try {
      const answer = await this.client.send(
        new InvokeEndpointWithResponseStreamCommand({
          EndpointName: endpoint,
          Body: request.body,
          ...(request.contentType ? { ContentType: request.contentType } : {}),
          ...(request.accept ? { Accept: request.accept } : {}),
          ...(request.variant ? { TargetVariant: request.variant } : {}),
        }),
      );
      return {
        parts: payloadParts(answer.Body ?? (async function* () {})()),
        contentType: answer.ContentType ?? 'application/octet-stream',
        ...(answer.InvokedProductionVariant ? { variant: answer.InvokedProductionVariant } : {}),
      };
    } catch (error) {
      throw fromRuntimeError(error);
    }
  }
}
