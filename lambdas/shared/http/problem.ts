import type { APIGatewayProxyResult } from 'aws-lambda';
import { ApiError } from '../errors.js';

export const problemMediaType = 'application/problem+json';

/** The problem `type` for a code: a stable URN (a name, not a page), as the spec documents. */
export function problemType(code: string): string {
  return `urn:modelplane:problem:${code}`;
}

/**
 * Maps any error to an RFC 9457 problem document, in one place. Our own errors keep their
 * status, code and message; anything else becomes a 500 carrying only the request id (the
 * real error is logged by the caller, never returned).
 */
export function toProblem(error: unknown, context: { requestId: string; instance: string }): APIGatewayProxyResult {
  const problem =
    error instanceof ApiError
      ? {
          type: problemType(error.code),
          title: error.title,
          status: error.status,
          detail: error.message,
          instance: context.instance,
          code: error.code,
          requestId: context.requestId,
          ...error.extensions(),
        }
      : {
          type: problemType('InternalError'),
          title: 'Internal Server Error',
          status: 500,
          detail: `Something went wrong on our side. Quote request id ${context.requestId} when you report it.`,
          instance: context.instance,
          code: 'InternalError',
          requestId: context.requestId,
        };
  return {
    statusCode: problem.status,
    headers: { 'Content-Type': problemMediaType, 'Cache-Control': 'no-store' },
    body: JSON.stringify(problem),
  };
}
