import { httpMethods, type HttpMethod, type JsonSchema, type OpenApiDocument, type ParameterObject, type Reference } from './openapi-document.js';

/** One spec operation, with its parameters and body resolved, ready for routing and validation. */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: Uppercase<HttpMethod>;
  /** The spec's path template, which is also API Gateway's `resource` (for example `/v1/models/{modelName}`). */
  readonly path: string;
  readonly parameters: readonly ResolvedParameter[];
  readonly body?: { readonly schema: JsonSchema; readonly required: boolean; readonly mediaType: string };
  /** The first 2xx status the spec documents: what the operation answers on success. */
  readonly successStatus: number;
  /** Whether the operation takes an `Idempotency-Key` header. */
  readonly idempotent: boolean;
}

export interface ResolvedParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: JsonSchema;
  /** The parameter's type (and its items' type), references followed: how to read it from a string. */
  readonly coercion: { type?: unknown; items?: { type?: unknown } };
}

export const idempotencyHeader = 'Idempotency-Key';

/** Follows a local `#/...` reference inside the document. */
export function resolveRef<T>(document: OpenApiDocument, value: T | Reference): T {
  if (value !== null && typeof value === 'object' && '$ref' in value) {
    const ref = value.$ref;
    if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, got ${ref}`);
    let node: unknown = document;
    for (const key of ref.slice(2).split('/')) {
      node = (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (node === undefined) throw new Error(`Unresolvable reference ${ref}`);
    return node as T;
  }
  return value;
}

function coercionOf(document: OpenApiDocument, schema: JsonSchema): ResolvedParameter['coercion'] {
  const resolved = resolveRef<JsonSchema>(document, schema);
  const items = resolved.items ? resolveRef<JsonSchema>(document, resolved.items as JsonSchema | Reference) : undefined;
  return { type: resolved.type, ...(items ? { items: { type: items.type } } : {}) };
}

/**
 * A path segment, percent-decoded. A malformed escape (`%E0%A4%A`, or `%ED%A0%80`, a lone
 * surrogate) stays as sent: the parameter's schema then refuses it as a 400, where
 * decodeURIComponent would throw and the request end as a 500.
 */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function compileTemplate(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}/?$`);
}

interface Template {
  regex: RegExp;
  names: string[];
  path: string;
}

export interface RouteMatch {
  readonly operation: OperationSpec;
  readonly pathParameters: Record<string, string>;
}

/** Every operation of the document, indexed by id and by (method, path template). */
export class OperationIndex {
  readonly operations: ReadonlyMap<string, OperationSpec>;
  private readonly byResource = new Map<string, OperationSpec>();
  private readonly templates: Template[] = [];

  constructor(readonly document: OpenApiDocument) {
    const operations = new Map<string, OperationSpec>();
    for (const [path, item] of Object.entries(document.paths)) {
      this.templates.push({ regex: compileTemplate(path), names: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''), path });
      for (const method of httpMethods) {
        const operation = item[method];
        if (!operation) continue;
        if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
        const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
          .map((p) => resolveRef<ParameterObject>(document, p))
          .filter((p): p is ParameterObject & { in: ResolvedParameter['in'] } => p.in !== 'cookie')
          .map((p) => ({
            name: p.name,
            in: p.in,
            required: p.required === true || p.in === 'path',
            schema: p.schema ?? {},
            coercion: coercionOf(document, p.schema ?? {}),
          }));
        const requestBody = operation.requestBody ? resolveRef(document, operation.requestBody) : undefined;
        const mediaType = requestBody ? Object.keys(requestBody.content)[0] : undefined;
        const bodySchema = mediaType ? requestBody?.content[mediaType]?.schema : undefined;
        const successStatus = Number(Object.keys(operation.responses).find((status) => /^2\d\d$/.test(status)) ?? 200);
        const spec: OperationSpec = {
          operationId: operation.operationId,
          method: method.toUpperCase() as Uppercase<HttpMethod>,
          path,
          parameters,
          ...(bodySchema && mediaType ? { body: { schema: bodySchema, required: requestBody?.required === true, mediaType } } : {}),
          successStatus,
          idempotent: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === idempotencyHeader.toLowerCase()),
        };
        operations.set(spec.operationId, spec);
        this.byResource.set(`${spec.method} ${path}`, spec);
      }
    }
    this.operations = operations;
  }

  get(operationId: string): OperationSpec {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`The spec has no operation ${operationId}`);
    return operation;
  }

  /** Looks up the operation API Gateway resolved (its `resource` template and method). */
  byTemplate(method: string, resource: string): OperationSpec | undefined {
    return this.byResource.get(`${method.toUpperCase()} ${resource}`);
  }

  /**
   * Matches a concrete path (as the local server sees it) to a template. Returns the template
   * and its parameters, or undefined. A path that matches but has no such method gives
   * `{ allowed }` so the caller can answer 405.
   */
  matchPath(path: string): { template: string; pathParameters: Record<string, string>; allowed: string[] } | undefined {
    // Literal segments win over parameters (for example /v1/models/x/versions vs a deeper template).
    const candidates = this.templates
      .map((t) => ({ t, m: t.regex.exec(path) }))
      .filter((c): c is { t: Template; m: RegExpExecArray } => c.m !== null)
      .sort((a, b) => a.t.names.length - b.t.names.length);
    const best = candidates[0];
    if (!best) return undefined;
    const pathParameters: Record<string, string> = {};
    best.t.names.forEach((name, i) => {
      pathParameters[name] = decodeSegment(best.m[i + 1] ?? '');
    });
    const allowed = [...this.operations.values()].filter((o) => o.path === best.t.path).map((o) => o.method);
    return { template: best.t.path, pathParameters, allowed };
  }
}
