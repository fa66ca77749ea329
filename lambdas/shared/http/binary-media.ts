/**
 * Content types that travel as bytes rather than text. API Gateway (REST, Lambda proxy) hands a
 * request body to Lambda base64-encoded, and decodes a base64 response body, only for the
 * API's `binaryMediaTypes`; every other body is UTF-8 text. The list names binary types only,
 * so the JSON routes keep their text bodies (and API Gateway's body validation); lib/api.ts
 * sets it on the REST API and the local server encodes request bodies by the same list.
 */
export const binaryMediaTypes = [
  'application/octet-stream',
  'application/x-npy',
  'application/x-image',
  'application/x-protobuf',
  'application/x-recordio-protobuf',
  'image/*',
  'audio/*',
  'video/*',
] as const;

/** Whether a Content-Type (parameters ignored) is one of binaryMediaTypes (`image/*` matching `image/png`). */
export function isBinaryMediaType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '') return false;
  return binaryMediaTypes.some((pattern) => (pattern.endsWith('/*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern));
}
