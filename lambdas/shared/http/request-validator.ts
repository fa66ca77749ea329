import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { FieldError } from '../errors.js';
import type { OpenApiDocument } from './openapi-document.js';
import type { OperationSpec, ResolvedParameter } from './operation-index.js';
import { toJsonSchema } from './openapi-schema.js';

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, which carries `default`.
const addFormats = addFormatsModule.default;

const specId = 'modelplane-openapi';

const rebase = (schema: unknown): unknown => toJsonSchema(schema, specId);

export interface RawRequest {
  pathParameters: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** Header names in any case. */
  headers: Record<string, string | undefined>;
  /** The raw body text, if any. */
  body: string | null | undefined;
  contentType: string | undefined;
}

export interface ValidatedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

export type ValidationResult = { ok: true; request: ValidatedRequest } | { ok: false; errors: FieldError[] };

/**
 * Numbers in paths and queries are plain decimals: `Number()` would also read `0x10`, `1e3`,
 * `0b1` or ` 7 ` as numbers, so `/versions/0x10` would be version 16. Anything else stays a
 * string, and the schema then refuses it ("must be integer").
 */
const decimal = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/ } as const;

function coerce(value: string, schema: { type?: unknown; items?: { type?: unknown } }): unknown {
  const type = schema.type;
  if (type === 'integer' || type === 'number') {
    const number = Number(value);
    return decimal[type].test(value) && Number.isFinite(number) ? number : value;
  }
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (type === 'array') {
    return value === '' ? [] : value.split(',').map((item) => coerce(item.trim(), schema.items ?? {}));
  }
  return value;
}

function pointer(base: string, instancePath: string, property?: string): string {
  return `${base}${instancePath}${property === undefined ? '' : `/${property}`}`;
}

/** A UTF-16 surrogate with no partner: not a character, so no AWS API (nor UTF-8) can carry it. */
const loneSurrogate = /\p{Surrogate}/u;
const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every string (and object key) in a value that is not valid Unicode. JSON's `\ud800` escape
 * gives one; SageMaker and DynamoDB refuse it with an error we would otherwise answer as a 500.
 */
function invalidUnicode(value: unknown, at: string, found: FieldError[] = []): FieldError[] {
  const problem = 'not valid Unicode: it holds a lone surrogate (such as \\ud800)';
  const message = `is ${problem}`;
  if (typeof value === 'string') {
    if (loneSurrogate.test(value)) found.push({ path: at, message });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => invalidUnicode(item, `${at}/${i}`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A bad key cannot be named in a pointer without repeating it; point at its object.
      if (loneSurrogate.test(key)) found.push({ path: at, message: `has a key that is ${problem}` });
      invalidUnicode(item, `${at}/${escapePointer(key)}`, found);
    }
  }
  return found;
}

/**
 * RFC 3339 date-times that also name a real instant: ajv-formats accepts a leap second
 * (`23:59:60Z`), which `Date` cannot read and CloudWatch cannot take.
 */
const rfc3339 = (fullFormats['date-time'] as { validate: (value: string) => boolean }).validate;
const dateTime = (value: string): boolean => rfc3339(value) && Number.isFinite(Date.parse(value));

/** Turns ajv's errors into one clear message per problem, with a JSON pointer into the request. */
function describe(base: string, errors: readonly ErrorObject[]): FieldError[] {
  // oneOf failures report every branch; keep the branch that came closest (fewest errors).
  const branchErrors = new Map<string, ErrorObject[]>();
  const plain: ErrorObject[] = [];
  for (const error of errors) {
    const branch = /^(.*\/oneOf\/\d+)\//.exec(error.schemaPath)?.[1];
    if (branch) branchErrors.set(branch, [...(branchErrors.get(branch) ?? []), error]);
    // propertyNames only repeats the pattern error on the key, which names it.
    else if (error.keyword !== 'oneOf' && error.keyword !== 'propertyNames') plain.push(error);
  }
  const byOneOf = new Map<string, ErrorObject[]>();
  for (const [branch, list] of branchErrors) {
    const oneOf = branch.replace(/\/\d+$/, '');
    const best = byOneOf.get(oneOf);
    if (!best || list.length < best.length) byOneOf.set(oneOf, list);
  }
  const chosen = [...plain, ...[...byOneOf.values()].flat()];
  if (chosen.length === 0 && errors.some((e) => e.keyword === 'oneOf')) {
    const oneOf = errors.find((e) => e.keyword === 'oneOf')!;
    return [{ path: pointer(base, oneOf.instancePath), message: 'must match exactly one of the documented shapes' }];
  }
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of chosen) {
    const field = ((): FieldError => {
      switch (error.keyword) {
        case 'required':
          return { path: pointer(base, error.instancePath, String(error.params.missingProperty)), message: 'is required' };
        case 'additionalProperties':
          return { path: pointer(base, error.instancePath, String(error.params.additionalProperty)), message: 'is not a known property' };
        case 'enum':
          return { path: pointer(base, error.instancePath), message: `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}` };
        case 'pattern':
          // A map key the schema's key pattern refuses (x-key-pattern): ajv names the key beside the error.
          if (error.propertyName !== undefined) {
            return {
              path: pointer(base, error.instancePath, error.propertyName),
              message: `is not an allowed key: keys must match the pattern ${String(error.params.pattern)}`,
            };
          }
          return { path: pointer(base, error.instancePath), message: `must match the pattern ${String(error.params.pattern)}` };
        case 'format':
          if (error.params.format === 'date-time') {
            return {
              path: pointer(base, error.instancePath),
              message: 'must be an RFC 3339 date-time such as 2025-06-01T12:00:00Z (leap seconds, :60, are not taken)',
            };
          }
          return { path: pointer(base, error.instancePath), message: error.message ?? 'is not valid' };
        default:
          return { path: pointer(base, error.instancePath), message: error.message ?? 'is not valid' };
      }
    })();
    const key = `${field.path} ${field.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push(field);
    }
  }
  return result;
}

/** Whether a spec media type is JSON (`application/json`, `application/problem+json`). */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/([a-z.+-]*\+)?json\b/i.test(mediaType);
}

interface CompiledOperation {
  path: ValidateFunction;
  query: ValidateFunction;
  headers: ValidateFunction;
  headerNames: Map<string, string>;
  body?: ValidateFunction;
}

/**
 * Validates requests against the spec's own schemas (no hand-written duplicates): path, query
 * and header parameters are coerced from strings by their schema, defaults are applied, and
 * every problem is reported at once.
 */
export class RequestValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, CompiledOperation>();

  constructor(document: OpenApiDocument) {
    this.ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, discriminator: false });
    addFormats(this.ajv);
    this.ajv.addFormat('date-time', dateTime);
    this.ajv.addSchema({ components: rebase(document.components ?? {}) }, specId);
  }

  private parameterSchema(parameters: readonly ResolvedParameter[], location: ResolvedParameter['in'], closed: boolean): object {
    const own = parameters.filter((p) => p.in === location);
    return {
      type: 'object',
      properties: Object.fromEntries(own.map((p) => [location === 'header' ? p.name.toLowerCase() : p.name, rebase(p.schema)])),
      required: own.filter((p) => p.required).map((p) => (location === 'header' ? p.name.toLowerCase() : p.name)),
      additionalProperties: !closed,
    };
  }

  private compile(operation: OperationSpec): CompiledOperation {
    const cached = this.compiled.get(operation.operationId);
    if (cached) return cached;
    const compiled: CompiledOperation = {
      path: this.ajv.compile(this.parameterSchema(operation.parameters, 'path', false)),
      // Unknown query parameters are refused: a typo such as `limt` should not be silently ignored.
      query: this.ajv.compile(this.parameterSchema(operation.parameters, 'query', true)),
      headers: this.ajv.compile(this.parameterSchema(operation.parameters, 'header', false)),
      headerNames: new Map(operation.parameters.filter((p) => p.in === 'header').map((p) => [p.name.toLowerCase(), p.name])),
      ...(operation.body && isJsonMediaType(operation.body.mediaType) ? { body: this.ajv.compile(rebase(operation.body.schema) as object) } : {}),
    };
    this.compiled.set(operation.operationId, compiled);
    return compiled;
  }

  validate(operation: OperationSpec, raw: RawRequest): ValidationResult {
    const compiled = this.compile(operation);
    const errors: FieldError[] = [];
    const bySchema = (location: ResolvedParameter['in'], values: Record<string, string | undefined>): Record<string, unknown> => {
      const result: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(values)) {
        if (value === undefined) continue;
        const key = location === 'header' ? name.toLowerCase() : name;
        if (location === 'header' && !compiled.headerNames.has(key)) continue;
        const parameter = operation.parameters.find((p) => p.in === location && (location === 'header' ? p.name.toLowerCase() === key : p.name === key));
        result[key] = parameter ? coerce(value, parameter.coercion) : value;
      }
      return result;
    };
    const path = bySchema('path', raw.pathParameters);
    const query = bySchema('query', raw.query);
    const headers = bySchema('header', raw.headers);
    // Checked before the schemas: a string that is not Unicode is wrong whatever else it is.
    errors.push(...invalidUnicode(path, '/path'), ...invalidUnicode(query, '/query'), ...invalidUnicode(headers, '/header'));
    if (!compiled.path(path)) errors.push(...describe('/path', compiled.path.errors ?? []));
    if (!compiled.query(query)) errors.push(...describe('/query', compiled.query.errors ?? []));
    if (!compiled.headers(headers)) {
      errors.push(
        ...describe('/header', compiled.headers.errors ?? []).map((e) => ({
          ...e,
          path: e.path.replace(/^\/header\/(.+)$/, (_, h: string) => `/header/${compiled.headerNames.get(h) ?? h}`),
        })),
      );
    }

    let body: unknown = undefined;
    const hasBody = raw.body !== null && raw.body !== undefined && raw.body !== '';
    if (operation.body && !isJsonMediaType(operation.body.mediaType)) {
      // A passthrough body (`*/*`: the invocation route) is the caller's bytes: no schema to check.
      if (!hasBody && operation.body.required) errors.push({ path: '/body', message: 'a body is required' });
      body = hasBody ? raw.body : undefined;
    } else if (operation.body && compiled.body) {
      if (!hasBody) {
        if (operation.body.required) errors.push({ path: '/body', message: 'a JSON body is required' });
      } else if (raw.contentType !== undefined && !/^application\/([a-z.+-]*\+)?json\b/i.test(raw.contentType)) {
        errors.push({ path: '/header/Content-Type', message: `must be application/json, got ${raw.contentType}` });
      } else {
        try {
          body = JSON.parse(raw.body as string);
          const unicode = invalidUnicode(body, '/body');
          errors.push(...unicode);
          if (!compiled.body(body)) errors.push(...describe('/body', compiled.body.errors ?? []).filter((e) => !unicode.some((u) => u.path === e.path)));
        } catch {
          errors.push({ path: '/body', message: 'is not valid JSON' });
        }
      }
    } else if (hasBody) {
      errors.push({ path: '/body', message: 'this operation takes no body' });
    }
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, request: { path, query, headers, body } };
  }
}
