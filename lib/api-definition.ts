/**
 * Turns openapi/openapi.yaml into the body of an API Gateway REST API: a pure function of the
 * spec and the deployment (integration URIs, authorizer, CORS), unit-tested on its own.
 *
 * What it does to the document:
 * - removes the operations that are not deployed yet (and the paths left without one);
 * - adds a Lambda proxy integration to every other operation, and fails when an operation has
 *   none or an integration names an operation the spec lacks;
 * - puts the authorizer on every operation: the Cognito user pool authorizer on the spec's
 *   `cognito` security scheme, or IAM (SigV4) authorization;
 * - turns on request validation (body and parameters) for every method;
 * - makes API Gateway's own errors RFC 9457 problems (x-amazon-apigateway-gateway-responses);
 * - inlines references to components other than schemas, moves path-level parameters into
 *   the operations and drops `servers`, which API Gateway's importer handles poorly or not at all;
 * - removes or loosens schema keywords API Gateway's models (JSON Schema draft 4) reject.
 *
 * Schema changes only ever loosen validation: the handlers validate every request against the
 * untouched spec again (lambdas/shared/http/request-validator.ts), so nothing the spec forbids
 * gets through, and API Gateway never refuses a request the spec allows.
 */

type Json = Record<string, unknown>;

const httpMethods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** The name of the request validator every method uses. */
export const requestValidatorName = 'all';

/** The security scheme of openapi.yaml that the Cognito authorizer is attached to. */
export const cognitoSecurityScheme = 'cognito';

export type ApiAuthorization =
  | {
      /** Cognito user pool ID tokens, checked by API Gateway's Cognito authorizer. */
      readonly type: 'cognito';
      /** ARNs of the user pools whose tokens are accepted. */
      readonly userPoolArns: readonly string[];
    }
  | {
      /** SigV4-signed requests, checked against the caller's IAM policies. */
      readonly type: 'iam';
    };

export interface ApiGatewayDefinitionOptions {
  /** The Lambda proxy integration URI of every deployed operation, by operationId. */
  readonly integrations: Readonly<Record<string, string>>;
  /** Operations of the spec that are not deployed; they are removed. */
  readonly pendingOperations: readonly string[];
  /** How callers authenticate. */
  readonly authorization: ApiAuthorization;
  /** Origins allowed by CORS; empty or absent turns CORS off. @default [] */
  readonly allowedOrigins?: readonly string[];
}

export class ApiDefinitionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `openapi.yaml cannot be turned into an API Gateway definition, ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ApiDefinitionError';
  }
}

// ------------------------------------------------------------------------------- schemas

/**
 * Keywords removed from every schema. API Gateway rejects or ignores them
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html):
 * `discriminator`, `example`, `readOnly` are named there; the others are OpenAPI annotations
 * that JSON Schema draft 4 does not have. `default` is an annotation only (the handlers apply
 * defaults); `exclusiveMinimum`/`exclusiveMaximum` are not supported (the bound stays, loosened
 * to inclusive).
 */
export const removedSchemaKeywords = [
  'discriminator',
  'example',
  'examples',
  'readOnly',
  'writeOnly',
  'xml',
  'externalDocs',
  'deprecated',
  'default',
  'exclusiveMinimum',
  'exclusiveMaximum',
] as const;

/** The formats JSON Schema draft 4 defines; API Gateway rejects others (int32, int64, decimal, ...) or ignores them. */
export const keptFormats: readonly string[] = ['date-time', 'email', 'hostname', 'ipv4', 'ipv6', 'uri'];

/** Keywords whose value is a schema, an array of schemas, or a map of schemas. */
const subschemaKeywords = {
  single: ['items', 'not', 'additionalProperties'],
  array: ['allOf', 'anyOf', 'oneOf'],
  map: ['properties', 'patternProperties'],
} as const;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Rewrites one schema (in place, recursively) into what API Gateway's draft-4 models accept.
 * `nullable: true` becomes a `null` member of `type` (and of `enum`, when there is one).
 */
export function sanitizeSchema(schema: Json): Json {
  for (const keyword of removedSchemaKeywords) delete schema[keyword];
  if (typeof schema.format === 'string' && !keptFormats.includes(schema.format)) delete schema.format;
  if ('nullable' in schema) {
    if (schema.nullable === true) {
      if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
      if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
    }
    delete schema.nullable;
  }
  for (const keyword of subschemaKeywords.single) {
    const sub = schema[keyword];
    if (isObject(sub)) sanitizeSchema(sub);
  }
  for (const keyword of subschemaKeywords.array) {
    const subs = schema[keyword];
    if (Array.isArray(subs)) for (const sub of subs) if (isObject(sub)) sanitizeSchema(sub);
  }
  for (const keyword of subschemaKeywords.map) {
    const subs = schema[keyword];
    if (isObject(subs)) for (const sub of Object.values(subs)) if (isObject(sub)) sanitizeSchema(sub);
  }
  return schema;
}

/** Drops `example`/`examples` from a parameter, header or media type object and sanitizes its schema. */
function sanitizeHolder(holder: unknown): void {
  if (!isObject(holder)) return;
  delete holder.example;
  delete holder.examples;
  if (isObject(holder.schema)) sanitizeSchema(holder.schema);
}

/**
 * API Gateway reads only a parameter's name, location and `required` (it validates presence,
 * not values), so a parameter keeps just the `type` of its schema, with references resolved.
 */
function simplifyParameter(parameter: unknown, document: Json): void {
  if (!isObject(parameter)) return;
  delete parameter.example;
  delete parameter.examples;
  let schema: unknown = parameter.schema;
  for (let hops = 0; isObject(schema) && typeof schema.$ref === 'string' && hops < 8; hops++) schema = resolvePointer(document, schema.$ref);
  if (isObject(schema) && typeof schema.type === 'string') parameter.schema = { type: schema.type };
  else delete parameter.schema;
}

function sanitizeOperation(operation: Json, document: Json): void {
  if (Array.isArray(operation.parameters)) for (const parameter of operation.parameters) simplifyParameter(parameter, document);
  const body = operation.requestBody;
  if (isObject(body) && isObject(body.content)) Object.values(body.content).forEach(sanitizeHolder);
  if (isObject(operation.responses)) {
    for (const response of Object.values(operation.responses)) {
      if (!isObject(response)) continue;
      if (isObject(response.content)) Object.values(response.content).forEach(sanitizeHolder);
      if (isObject(response.headers)) Object.values(response.headers).forEach(sanitizeHolder);
    }
  }
}

// ---------------------------------------------------------------------------- references

function resolvePointer(document: Json, ref: string): unknown {
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return node;
}

/**
 * Replaces references to components other than schemas (parameters, responses, headers,
 * request bodies) with copies of what they point at. Schema references stay: API Gateway
 * turns each component schema into a model and the references into model links.
 */
function inlineReferences(node: unknown, document: Json, problems: string[], depth = 0): unknown {
  if (depth > 32) {
    problems.push('a reference cycle outside components/schemas');
    return node;
  }
  if (Array.isArray(node)) return node.map((item) => inlineReferences(item, document, problems, depth));
  if (!isObject(node)) return node;
  const ref = node.$ref;
  if (typeof ref === 'string') {
    if (ref.startsWith('#/components/schemas/')) {
      if (resolvePointer(document, ref) === undefined) problems.push(`unresolvable reference ${ref}`);
      return node;
    }
    if (!ref.startsWith('#/')) {
      problems.push(`only local references are supported, got ${ref}`);
      return node;
    }
    const target = resolvePointer(document, ref);
    if (target === undefined) {
      problems.push(`unresolvable reference ${ref}`);
      return node;
    }
    return inlineReferences(structuredClone(target), document, problems, depth + 1);
  }
  const result: Json = {};
  for (const [key, value] of Object.entries(node)) result[key] = inlineReferences(value, document, problems, depth);
  return result;
}

/** Path-level parameters apply to every operation of the path; an operation's own parameter of the same name and location wins. */
function mergeParameters(shared: unknown[], own: unknown[]): unknown[] {
  const key = (p: unknown) => (isObject(p) ? `${String(p.in)}:${String(p.name)}` : '');
  const ownKeys = new Set(own.map(key));
  return [...shared.filter((p) => !ownKeys.has(key(p))), ...own];
}

// ----------------------------------------------------------------------- gateway responses

export interface GatewayResponseRule {
  /** The HTTP status the client gets. */
  readonly status: number;
  /** The problem's `code` (and the last part of its `type`). */
  readonly code: string;
  /** The problem's `title`: the status's reason phrase. */
  readonly title: string;
  /** A fixed `detail`; by default API Gateway's own message for the error. */
  readonly detail?: string;
  /** Answer with an `errors` list holding one entry at this JSON pointer (validation problems). */
  readonly errorsAt?: string;
  /** Send `Retry-After` (seconds). */
  readonly retryAfter?: number;
}

/**
 * How every API Gateway response type answers. Statuses are API Gateway's defaults except
 * MISSING_AUTHENTICATION_TOKEN, which API Gateway sends for a path or method it does not have
 * (404 here, as the spec's `RouteNotFound`), and INTEGRATION_FAILURE (503: the Lambda could
 * not be invoked; retry later). DEFAULT_4XX and DEFAULT_5XX catch types added later.
 */
export const gatewayResponseRules = {
  BAD_REQUEST_BODY: { status: 400, code: 'ValidationFailed', title: 'Bad Request', errorsAt: '/body' },
  BAD_REQUEST_PARAMETERS: { status: 400, code: 'ValidationFailed', title: 'Bad Request', errorsAt: '' },
  UNAUTHORIZED: { status: 401, code: 'Unauthorized', title: 'Unauthorized', detail: 'The request carries no valid ID token in the Authorization header.' },
  ACCESS_DENIED: { status: 403, code: 'AccessDenied', title: 'Forbidden' },
  EXPIRED_TOKEN: { status: 403, code: 'AccessDenied', title: 'Forbidden' },
  INVALID_SIGNATURE: { status: 403, code: 'AccessDenied', title: 'Forbidden' },
  INVALID_API_KEY: { status: 403, code: 'AccessDenied', title: 'Forbidden' },
  WAF_FILTERED: { status: 403, code: 'AccessDenied', title: 'Forbidden' },
  MISSING_AUTHENTICATION_TOKEN: {
    status: 404,
    code: 'RouteNotFound',
    title: 'Not Found',
    detail: 'No operation of this API matches the method and path of the request.',
  },
  RESOURCE_NOT_FOUND: { status: 404, code: 'RouteNotFound', title: 'Not Found' },
  REQUEST_TOO_LARGE: { status: 413, code: 'RequestTooLarge', title: 'Content Too Large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, code: 'UnsupportedMediaType', title: 'Unsupported Media Type' },
  THROTTLED: { status: 429, code: 'Throttled', title: 'Too Many Requests', detail: 'Too many requests; retry in a few seconds.', retryAfter: 1 },
  QUOTA_EXCEEDED: { status: 429, code: 'Throttled', title: 'Too Many Requests', retryAfter: 60 },
  API_CONFIGURATION_ERROR: { status: 500, code: 'InternalError', title: 'Internal Server Error' },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, code: 'InternalError', title: 'Internal Server Error' },
  AUTHORIZER_FAILURE: { status: 500, code: 'InternalError', title: 'Internal Server Error' },
  INTEGRATION_FAILURE: {
    status: 503,
    code: 'ServiceUnavailable',
    title: 'Service Unavailable',
    detail: 'The service could not handle the request; retry later.',
    retryAfter: 5,
  },
  INTEGRATION_TIMEOUT: {
    status: 504,
    code: 'GatewayTimeout',
    title: 'Gateway Timeout',
    detail: 'The request took too long and its outcome is unknown; retry it (creates with the same Idempotency-Key).',
  },
  DEFAULT_4XX: { status: 400, code: 'BadRequest', title: 'Bad Request' },
  DEFAULT_5XX: { status: 500, code: 'InternalError', title: 'Internal Server Error' },
} as const satisfies Record<string, GatewayResponseRule>;

/**
 * The body template of a gateway response. Gateway response templates substitute `$context`
 * variables but are not run through VTL, so nothing can be escaped: only values that are
 * already JSON (`$context.error.messageString` is quoted) or cannot hold a quote (the request
 * id) are inserted. That is also why `$context.error.validationErrorString`, which quotes the
 * offending values, is not used; the handlers list every problem when API Gateway lets the
 * request through.
 */
export function problemTemplate(rule: GatewayResponseRule): string {
  const detail = rule.detail === undefined ? '$context.error.messageString' : JSON.stringify(rule.detail);
  const errors = rule.errorsAt === undefined ? '' : `,"errors":[{"path":${JSON.stringify(rule.errorsAt)},"message":$context.error.messageString}]`;
  return (
    `{"type":"urn:modelplane:problem:${rule.code}","title":${JSON.stringify(rule.title)},"status":${rule.status},` +
    `"detail":${detail},"code":"${rule.code}","requestId":"$context.requestId"${errors}}`
  );
}

function gatewayResponses(allowedOrigins: readonly string[]): Json {
  const responses: Json = {};
  for (const [type, rule] of Object.entries(gatewayResponseRules) as [string, GatewayResponseRule][]) {
    const headers: Record<string, string> = { 'gatewayresponse.header.Content-Type': "'application/problem+json'" };
    if (rule.retryAfter !== undefined) headers['gatewayresponse.header.Retry-After'] = `'${rule.retryAfter}'`;
    if (allowedOrigins.length === 1) headers['gatewayresponse.header.Access-Control-Allow-Origin'] = `'${allowedOrigins[0]}'`;
    // With several origins a static value cannot be right. These bodies are API Gateway's own
    // errors, and credentials travel in the Authorization header, never in cookies, so echoing
    // the caller's origin exposes nothing but the error to the page that made the request.
    else if (allowedOrigins.length > 1) headers['gatewayresponse.header.Access-Control-Allow-Origin'] = 'method.request.header.Origin';
    responses[type] = {
      statusCode: String(rule.status),
      responseParameters: headers,
      responseTemplates: { 'application/json': problemTemplate(rule) },
    };
  }
  return responses;
}

// ------------------------------------------------------------------------------------ CORS

/** Request headers browsers may send: the token, JSON bodies, idempotency keys, and the API key usage plans require. */
export const corsAllowedHeaders = ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Api-Key'];

/** A preflight (OPTIONS) method answered by API Gateway itself, without authorization. */
function preflight(methods: string[], allowedOrigins: readonly string[], authorization: ApiAuthorization): Json {
  const first = allowedOrigins[0] ?? '*';
  const headers: Record<string, string> = {
    'method.response.header.Access-Control-Allow-Origin': `'${first}'`,
    'method.response.header.Access-Control-Allow-Methods': `'${[...methods.map((m) => m.toUpperCase()), 'OPTIONS'].join(',')}'`,
    'method.response.header.Access-Control-Allow-Headers': `'${corsAllowedHeaders.join(',')}'`,
    'method.response.header.Access-Control-Max-Age': "'600'",
  };
  if (first !== '*') headers['method.response.header.Vary'] = "'Origin'";
  const integrationResponse: Json = { statusCode: '204', responseParameters: headers };
  // Several origins: answer with the caller's origin when it is one of them (as CDK's own
  // preflight does); the static header above holds the first.
  const others = allowedOrigins.slice(1);
  if (others.length > 0) {
    integrationResponse.responseTemplates = {
      'application/json': [
        '#set($origin = $input.params().header.get("Origin"))',
        '#if($origin == "")',
        '  #set($origin = $input.params().header.get("origin"))',
        '#end',
        `#if(${others.map((o) => `$origin == "${o}"`).join(' || ')})`,
        '  #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)',
        '#end',
      ].join('\n'),
    };
  }
  const responseHeaders: Json = {};
  for (const name of Object.keys(headers)) responseHeaders[name.replace('method.response.header.', '')] = { schema: { type: 'string' } };
  return {
    summary: 'CORS preflight',
    ...(authorization.type === 'cognito' ? { security: [] } : { 'x-amazon-apigateway-auth': { type: 'NONE' } }),
    responses: { '204': { description: 'The CORS preflight answer.', headers: responseHeaders } },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 204}' },
      passthroughBehavior: 'when_no_match',
      responses: { default: integrationResponse },
    },
  };
}

// --------------------------------------------------------------------------------- the API

/**
 * Builds the API Gateway REST API definition from the OpenAPI 3.0 document `spec` (not
 * changed). Throws an `ApiDefinitionError` listing every problem found.
 */
export function toApiGatewayDefinition(spec: unknown, options: ApiGatewayDefinitionOptions): Json {
  const problems: string[] = [];
  if (!isObject(spec) || !isObject(spec.paths)) throw new ApiDefinitionError(['the document has no paths']);
  if (typeof spec.openapi !== 'string' || !spec.openapi.startsWith('3.0.')) {
    problems.push(`API Gateway imports OpenAPI 3.0 documents; this one is ${String(spec.openapi)}`);
  }
  const original = spec;
  const document = structuredClone(spec);
  const paths = document.paths as Json;
  const allowedOrigins = options.allowedOrigins ?? [];
  const pending = new Set(options.pendingOperations);
  const seen = new Set<string>();

  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of httpMethods) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const operationId = operation.operationId;
      if (typeof operationId !== 'string') {
        problems.push(`${method.toUpperCase()} ${path} has no operationId`);
        continue;
      }
      if (seen.has(operationId)) problems.push(`operationId ${operationId} is used twice`);
      seen.add(operationId);
      if (pending.has(operationId)) {
        delete item[method];
        continue;
      }
      const uri = options.integrations[operationId];
      if (uri === undefined) problems.push(`operation ${operationId} (${method.toUpperCase()} ${path}) has no integration and is not pending`);
      else operation['x-amazon-apigateway-integration'] = { type: 'aws_proxy', httpMethod: 'POST', uri, passthroughBehavior: 'when_no_match' };
    }
    if (!httpMethods.some((method) => isObject(item[method]))) delete paths[path];
  }
  for (const operationId of Object.keys(options.integrations)) {
    if (!seen.has(operationId)) problems.push(`an integration is given for operation ${operationId}, which the spec does not have`);
    if (pending.has(operationId)) problems.push(`operation ${operationId} is both integrated and pending`);
  }
  for (const operationId of pending) if (!seen.has(operationId)) problems.push(`pending operation ${operationId} is not in the spec`);

  // References are resolved against the original document, whose components are all there.
  for (const [path, item] of Object.entries(paths)) paths[path] = inlineReferences(item, original, problems);

  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  for (const [name, schema] of Object.entries(schemas)) {
    // Component schemas become API Gateway models, whose names are alphanumeric.
    if (!/^[A-Za-z0-9]+$/.test(name)) problems.push(`schema name ${name} is not alphanumeric, as API Gateway model names must be`);
    if (isObject(schema)) sanitizeSchema(schema);
  }
  // Inlined above; API Gateway does not need them.
  for (const kind of ['parameters', 'responses', 'headers', 'requestBodies', 'examples']) delete components[kind];

  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  if (options.authorization.type === 'cognito') {
    const scheme = schemes[cognitoSecurityScheme];
    if (!isObject(scheme) || scheme.type !== 'apiKey' || scheme.in !== 'header') {
      problems.push(`the spec needs an apiKey security scheme "${cognitoSecurityScheme}" in a header for the Cognito authorizer`);
    } else {
      scheme['x-amazon-apigateway-authtype'] = 'cognito_user_pools';
      scheme['x-amazon-apigateway-authorizer'] = { type: 'cognito_user_pools', providerARNs: [...options.authorization.userPoolArns] };
    }
  } else {
    delete schemes[cognitoSecurityScheme];
    if (Object.keys(schemes).length === 0) delete components.securitySchemes;
    delete document.security;
  }

  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    delete item.parameters;
    const methods: string[] = [];
    for (const method of httpMethods) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      methods.push(method);
      const parameters = mergeParameters(shared, Array.isArray(operation.parameters) ? operation.parameters : []);
      if (parameters.length > 0) operation.parameters = parameters;
      else delete operation.parameters;
      // Every operation is authorized, whatever it or the document root says.
      if (options.authorization.type === 'cognito') operation.security = [{ [cognitoSecurityScheme]: [] }];
      else {
        delete operation.security;
        operation['x-amazon-apigateway-auth'] = { type: 'AWS_IAM' };
      }
      sanitizeOperation(operation, original);
    }
    if (allowedOrigins.length > 0 && !isObject(item.options)) item.options = preflight(methods, allowedOrigins, options.authorization);
  }

  if (problems.length > 0) throw new ApiDefinitionError(problems);

  // The stage's URL is the API's base URL; a servers entry would only confuse the import.
  delete document.servers;
  document['x-amazon-apigateway-request-validators'] = {
    [requestValidatorName]: { validateRequestBody: true, validateRequestParameters: true },
  };
  document['x-amazon-apigateway-request-validator'] = requestValidatorName;
  document['x-amazon-apigateway-gateway-responses'] = gatewayResponses(allowedOrigins);
  return document;
}
