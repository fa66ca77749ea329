import { createHash } from 'node:crypto';
import { ValidationError } from './errors.js';

/**
 * Opaque pagination cursors. A cursor wraps the upstream continuation (a DynamoDB key or a
 * SageMaker NextToken) and is bound to the listing it came from, so a token from another
 * list (or another tenant) is refused instead of silently returning the wrong page.
 */
function scopeDigest(scope: string): string {
  return createHash('sha256').update(scope).digest('base64url').slice(0, 16);
}

export function encodeCursor(scope: string, token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  return Buffer.from(JSON.stringify({ s: scopeDigest(scope), t: token })).toString('base64url');
}

export function decodeCursor(scope: string, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; t?: unknown };
    if (parsed.s === scopeDigest(scope) && typeof parsed.t === 'string') return parsed.t;
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError([{ path: '/query/nextToken', message: 'is not a token this list issued; start again without nextToken' }]);
}
