import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../../openapi/generated/spec.js';
import { OperationIndex, resolveRef } from '../../lambdas/shared/http/operation-index.js';
import type { JsonSchema } from '../../lambdas/shared/http/openapi-document.js';
import { toJsonSchema } from '../../lambdas/shared/http/openapi-schema.js';

const addFormats = addFormatsModule.default;
const index = new OperationIndex(openApiDocument);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ components: rebase(openApiDocument.components) }, 'contract');
const compiled = new Map<string, ValidateFunction>();

function rebase(schema: unknown): unknown {
  return toJsonSchema(schema, 'contract');
}

interface ResponseObject {
  content?: Record<string, { schema?: JsonSchema }>;
}

/**
 * Fails (throws) when a response is not what the spec documents for that operation: an
 * undocumented status, a wrong media type, or a body that does not validate.
 */
export function checkResponse(method: string, rawPath: string, status: number, contentType: string | null, body: unknown): void {
  const path = rawPath.split('?')[0] ?? rawPath;
  const match = index.matchPath(path);
  const operation = match && index.byTemplate(method, match.template);
  if (!operation) return; // not a spec route (docs page, unknown path): nothing to check
  const item = openApiDocument.paths[operation.path]?.[method.toLowerCase() as 'get'];
  const responses = item?.responses ?? {};
  const documented = responses[String(status)] ?? responses.default;
  if (!documented) throw new Error(`${operation.operationId} answered ${status}, which the spec does not document`);
  const response = resolveRef<ResponseObject>(openApiDocument, documented);
  const media = Object.keys(response.content ?? {});
  if (media.length === 0) {
    if (body !== undefined) throw new Error(`${operation.operationId} ${status} has a body but the spec documents none`);
    return;
  }
  const type = contentType?.split(';')[0]?.trim();
  // `*/*` (the invocation route's model answer) is any content type, bytes the spec does not describe.
  if (type && !media.includes(type) && media.includes('*/*')) return;
  if (!type || !media.includes(type)) throw new Error(`${operation.operationId} ${status} answered ${type}, the spec documents ${media.join(', ')}`);
  const schema = response.content?.[type]?.schema;
  if (!schema) return;
  const key = `${operation.operationId} ${status} ${type}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rebase(schema) as object);
    compiled.set(key, validate);
  }
  if (!validate(body)) {
    throw new Error(`${key} does not match the spec: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body, null, 2)}`);
  }
}
