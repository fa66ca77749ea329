import type { APIGatewayProxyResult } from 'aws-lambda';
import { ApiError, ThrottledError, UpstreamError } from '../errors.js';

export const problemMediaType = 'application/problem+json';

/** The problem `type` for a code: a stable URN (a name, not a page), as the spec documents. */
export function problemType(code: string): string {
  return `urn:modelplane:problem:${code}`;
}

/**
 * A request path as the URI reference a problem's `instance` is (RFC 3986): a `%` that starts no
 * escape (`/v1/models/%E0%A4%A`, as sent) and any character a URI cannot hold are
 * percent-encoded as UTF-8 (a lone surrogate as U+FFFD); valid escapes stay as they came.
 */
export function asUriReference(path: string): string {
  return path.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (c) =>
    [...Buffer.from(c, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
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
          instance: asUriReference(context.instance),
          code: error.code,
          requestId: context.requestId,
          ...error.extensions(),
        }
      : {
          type: problemType('InternalError'),
          title: 'Internal Server Error',
          status: 500,
          detail: `Something went wrong on our side. Quote request id ${context.requestId} when you report it.`,
          instance: asUriReference(context.instance),
          code: 'InternalError',
          requestId: context.requestId,
        };
  // 429 and 503 say when to come back (RFC 9110 Retry-After, delta-seconds); the SDK waits that long.
  const retryAfter: Record<string, string> =
    error instanceof ThrottledError || error instanceof UpstreamError ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
  return {
    statusCode: problem.status,
    headers: { 'Content-Type': problemMediaType, 'Cache-Control': 'no-store', ...retryAfter },
    body: JSON.stringify(problem),
  };
}
