import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ApiDefinitionError,
  gatewayResponseRules,
  problemTemplate,
  sanitizeSchema,
  toApiGatewayDefinition,
  type ApiGatewayDefinitionOptions,
} from '../../lib/api-definition.js';
import { openApiSpecPath } from '../../lib/project-paths.js';
import { handlerAreas, pendingOperations } from '../../lambdas/operations.js';

/** A small spec with what the transform must handle: refs of every kind, path-level parameters, pending operations. */
function fixture(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'fixture', version: '1' },
    servers: [{ url: '/' }],
    security: [{ cognito: [] }],
    paths: {
      '/v1/things': {
        get: {
          operationId: 'listThings',
          parameters: [{ $ref: '#/components/parameters/Limit' }],
          responses: { '200': { $ref: '#/components/responses/Things' } },
        },
        post: {
          operationId: 'createThing',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewThing' }, example: { name: 'a' } } } },
          responses: { '201': { description: 'created', headers: { Location: { $ref: '#/components/headers/Location' } } } },
        },
      },
      '/v1/things/{thingName}': {
        parameters: [{ name: 'thingName', in: 'path', required: true, schema: { $ref: '#/components/schemas/ThingName' }, example: 'a' }],
        get: { operationId: 'getThing', responses: { '200': { description: 'ok' } } },
        delete: { operationId: 'deleteThing', responses: { '204': { description: 'gone' } } },
      },
      '/v1/later': { get: { operationId: 'later', responses: { '200': { description: 'ok' } } } },
    },
    components: {
      securitySchemes: { cognito: { type: 'apiKey', name: 'Authorization', in: 'header' } },
      parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, default: 20 }, example: 5 } },
      headers: { Location: { schema: { type: 'string', format: 'uri-reference' }, example: '/v1/things/a' } },
      responses: {
        Things: { description: 'things', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } } } },
      },
      schemas: {
        ThingName: { type: 'string', pattern: '^[a-z]+$', example: 'a' },
        NewThing: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { $ref: '#/components/schemas/ThingName' } } },
        Thing: {
          type: 'object',
          readOnly: true,
          properties: {
            name: { type: 'string', format: 'uuid' },
            createdAt: { type: 'string', format: 'date-time' },
            weight: { type: 'number', minimum: 0, exclusiveMinimum: true },
            source: {
              oneOf: [{ $ref: '#/components/schemas/ThingName' }, { type: 'object', nullable: true, enum: [null] }],
              discriminator: { propertyName: 'type' },
            },
          },
        },
      },
    },
  };
}

const options: ApiGatewayDefinitionOptions = {
  integrations: { listThings: 'uri:list', createThing: 'uri:create', getThing: 'uri:get', deleteThing: 'uri:delete' },
  pendingOperations: ['later'],
  authorization: { type: 'cognito', userPoolArns: ['arn:pool'] },
};

type Json = Record<string, any>;

function problemsOf(call: () => unknown): readonly string[] {
  try {
    call();
  } catch (error) {
    if (error instanceof ApiDefinitionError) return error.problems;
    throw error;
  }
  throw new Error('expected an ApiDefinitionError');
}
const operations = (definition: Json): { path: string; method: string; operation: Json }[] =>
  Object.entries(definition.paths as Json).flatMap(([path, item]: [string, Json]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
      .map(([method, operation]): { path: string; method: string; operation: Json } => ({ path, method, operation: operation as Json })),
  );

describe('toApiGatewayDefinition', () => {
  it('adds an aws_proxy integration to every deployed operation when it has one', () => {
    const definition: Json = toApiGatewayDefinition(fixture(), options);
    expect(operations(definition).map(({ operation }): unknown[] => [operation.operationId, operation['x-amazon-apigateway-integration']])).toEqual([
      ['listThings', { type: 'aws_proxy', httpMethod: 'POST', uri: 'uri:list', passthroughBehavior: 'when_no_match' }],
      ['createThing', { type: 'aws_proxy', httpMethod: 'POST', uri: 'uri:create', passthroughBehavior: 'when_no_match' }],
      ['getThing', { type: 'aws_proxy', httpMethod: 'POST', uri: 'uri:get', passthroughBehavior: 'when_no_match' }],
      ['deleteThing', { type: 'aws_proxy', httpMethod: 'POST', uri: 'uri:delete', passthroughBehavior: 'when_no_match' }],
    ]);
  });

  it('removes pending operations and the paths they leave empty', () => {
    const definition: Json = toApiGatewayDefinition(fixture(), options);
    expect(Object.keys(definition.paths as Json)).toEqual(['/v1/things', '/v1/things/{thingName}']);
  });

  it('leaves the input document unchanged', () => {
    const spec = fixture();
    const copy = structuredClone(spec);
    toApiGatewayDefinition(spec, options);
    expect(spec).toEqual(copy);
  });

  it('puts the Cognito authorizer on the security scheme and on every operation when auth is cognito', () => {
    const definition: Json = toApiGatewayDefinition(fixture(), options);
    expect(definition.components.securitySchemes.cognito).toMatchObject({
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: ['arn:pool'] },
    });
    for (const { operation } of operations(definition)) expect(operation.security).toEqual([{ cognito: [] }]);
  });

  it('switches every operation to AWS_IAM and drops the Cognito scheme when auth is iam', () => {
    const definition: Json = toApiGatewayDefinition(fixture(), { ...options, authorization: { type: 'iam' } });
    expect(definition.security).toBeUndefined();
    expect(definition.components.securitySchemes).toBeUndefined();
    for (const { operation } of operations(definition)) {
      expect(operation['x-amazon-apigateway-auth']).toEqual({ type: 'AWS_IAM' });
      expect(operation.security).toBeUndefined();
    }
  });

  it('turns on body and parameter validation for every method at the root', () => {
    const definition: Json = toApiGatewayDefinition(fixture(), options);
    expect(definition['x-amazon-apigateway-request-validators']).toEqual({ all: { validateRequestBody: true, validateRequestParameters: true } });
    expect(definition['x-amazon-apigateway-request-validator']).toBe('all');
  });

  it('inlines parameter, response and header references but keeps schema references', () => {
    const definition: Json = toApiGatewayDefinition(fixture(), options);
    const things = definition.paths['/v1/things'];
    expect(things.get.parameters).toEqual([{ name: 'limit', in: 'query', schema: { type: 'integer' } }]);
    expect(things.get.responses['200'].content['application/json'].schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Thing' } });
    expect(things.post.responses['201'].headers.Location).toEqual({ schema: { type: 'string' } });
    expect(things.post.requestBody.content['application/json']).toEqual({ schema: { $ref: '#/components/schemas/NewThing' } });
    expect(Object.keys(definition.components)).toEqual(['securitySchemes', 'schemas']);
  });

  it('moves path-level parameters into each operation of the path', () => {
    const definition: Json = toApiGatewayDefinition(fixture(), options);
    const item = definition.paths['/v1/things/{thingName}'];
    expect(item.parameters).toBeUndefined();
    expect(item.get.parameters).toEqual([{ name: 'thingName', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(item.delete.parameters).toEqual(item.get.parameters);
  });

  it('strips the schema keywords API Gateway models reject and keeps the validating ones', () => {
    const definition: Json = toApiGatewayDefinition(fixture(), options);
    const { Thing, ThingName } = definition.components.schemas;
    expect(ThingName).toEqual({ type: 'string', pattern: '^[a-z]+$' });
    expect(Thing).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
        weight: { type: 'number', minimum: 0 },
        source: { oneOf: [{ $ref: '#/components/schemas/ThingName' }, { type: ['object', 'null'], enum: [null] }] },
      },
    });
  });

  it('drops servers, which would only confuse the import', () => {
    expect(toApiGatewayDefinition(fixture(), options).servers).toBeUndefined();
  });

  it('answers every API Gateway error as a problem+json document', () => {
    const responses: Json = toApiGatewayDefinition(fixture(), options)['x-amazon-apigateway-gateway-responses'] as Json;
    for (const type of [
      'BAD_REQUEST_BODY',
      'BAD_REQUEST_PARAMETERS',
      'UNAUTHORIZED',
      'ACCESS_DENIED',
      'THROTTLED',
      'DEFAULT_4XX',
      'DEFAULT_5XX',
      'MISSING_AUTHENTICATION_TOKEN',
    ]) {
      expect(responses[type].responseParameters['gatewayresponse.header.Content-Type'], type).toBe("'application/problem+json'");
      const body = responses[type].responseTemplates['application/json'] as string;
      expect(body, type).toContain(`"status":${responses[type].statusCode}`);
      expect(body, type).toMatch(/"type":"urn:modelplane:problem:\w+".*"title":".*"detail":.*"code":"\w+"/);
    }
    expect(responses.MISSING_AUTHENTICATION_TOKEN.statusCode).toBe('404');
    expect(responses.MISSING_AUTHENTICATION_TOKEN.responseTemplates['application/json']).toContain('"code":"RouteNotFound"');
    expect(responses.THROTTLED.responseParameters['gatewayresponse.header.Retry-After']).toBe("'1'");
  });

  it('adds an unauthenticated mock preflight to every path when origins are allowed', () => {
    const definition: Json = toApiGatewayDefinition(fixture(), { ...options, allowedOrigins: ['https://a.example.com', 'https://b.example.com'] });
    for (const item of Object.values(definition.paths as Json)) {
      expect(item.options.security).toEqual([]);
      expect(item.options['x-amazon-apigateway-integration']).toMatchObject({ type: 'mock' });
      const response = item.options['x-amazon-apigateway-integration'].responses.default;
      expect(response.responseParameters['method.response.header.Access-Control-Allow-Origin']).toBe("'https://a.example.com'");
      expect(response.responseTemplates['application/json']).toContain('$origin == "https://b.example.com"');
    }
    expect(definition.paths['/v1/things'].options.responses['204'].headers['Access-Control-Allow-Methods']).toBeDefined();
    expect(definition['x-amazon-apigateway-gateway-responses'].THROTTLED.responseParameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBe(
      'method.request.header.Origin',
    );
  });

  it('adds no preflight when no origin is allowed', () => {
    const definition: Json = toApiGatewayDefinition(fixture(), options);
    for (const item of Object.values(definition.paths as Json)) expect(item.options).toBeUndefined();
  });

  it('fails listing every problem when operations and integrations disagree', () => {
    const call = () =>
      toApiGatewayDefinition(fixture(), {
        ...options,
        integrations: { listThings: 'uri', getThing: 'uri', deleteThing: 'uri', later: 'uri', ghost: 'uri' },
        pendingOperations: ['later', 'phantom'],
      });
    expect(call).toThrow(ApiDefinitionError);
    expect(problemsOf(call)).toEqual([
      'operation createThing (POST /v1/things) has no integration and is not pending',
      'operation later is both integrated and pending',
      'an integration is given for operation ghost, which the spec does not have',
      'pending operation phantom is not in the spec',
    ]);
  });

  it('fails when a component schema name is not alphanumeric or a reference does not resolve', () => {
    const spec = fixture() as Json;
    spec.components.schemas['Bad-Name'] = { type: 'string' };
    spec.paths['/v1/things'].get.parameters.push({ $ref: '#/components/parameters/Missing' });
    expect(() => toApiGatewayDefinition(spec, options)).toThrow(
      /unresolvable reference #\/components\/parameters\/Missing[\s\S]*schema name Bad-Name is not alphanumeric/,
    );
  });
});

describe('sanitizeSchema', () => {
  it.each([
    [
      'drops example, readOnly, writeOnly, deprecated and default',
      { type: 'string', example: 'x', readOnly: true, writeOnly: false, deprecated: true, default: 'y' },
      { type: 'string' },
    ],
    ['drops formats draft 4 does not define', { type: 'integer', format: 'int64' }, { type: 'integer' }],
    ['keeps formats draft 4 defines', { type: 'string', format: 'date-time' }, { type: 'string', format: 'date-time' }],
    [
      'loosens exclusive bounds to inclusive ones',
      { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true },
      { type: 'number', minimum: 0, maximum: 1 },
    ],
    ['turns nullable into a null type', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    ['adds null to the enum of a nullable enum', { type: 'string', enum: ['a'], nullable: true }, { type: ['string', 'null'], enum: ['a', null] }],
    ['drops nullable: false', { type: 'string', nullable: false }, { type: 'string' }],
    [
      'drops discriminator and recurses into oneOf',
      { oneOf: [{ type: 'string', example: 1 }], discriminator: { propertyName: 't' } },
      { oneOf: [{ type: 'string' }] },
    ],
    [
      'recurses into items and additionalProperties',
      { type: 'array', items: { type: 'object', additionalProperties: { type: 'string', example: 'v' } } },
      { type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } },
    ],
  ])('%s', (_name, schema, expected) => {
    expect(sanitizeSchema(structuredClone(schema) as Record<string, unknown>)).toEqual(expected);
  });
});

describe('problemTemplate', () => {
  it('inserts only values that cannot break the JSON when API Gateway substitutes them', () => {
    expect(problemTemplate(gatewayResponseRules.BAD_REQUEST_BODY)).toBe(
      '{"type":"urn:modelplane:problem:ValidationFailed","title":"Bad Request","status":400,"detail":$context.error.messageString,' +
        '"code":"ValidationFailed","requestId":"$context.requestId","errors":[{"path":"/body","message":$context.error.messageString}]}',
    );
  });

  it('renders JSON once the context variables are substituted', () => {
    for (const rule of Object.values(gatewayResponseRules)) {
      const body = problemTemplate(rule).replaceAll('$context.error.messageString', '"Invalid request body"').replaceAll('$context.requestId', 'r-1');
      expect(JSON.parse(body)).toMatchObject({ status: rule.status, code: rule.code, title: rule.title });
    }
  });
});

describe('toApiGatewayDefinition on openapi/openapi.yaml', () => {
  const spec: unknown = parse(readFileSync(openApiSpecPath, 'utf8'));
  const served = Object.values(handlerAreas).flatMap((area) => [...area.operations]);
  const integrations = Object.fromEntries(served.map((operationId) => [operationId, `uri:${operationId}`]));

  it('builds the definition when every spec operation is served or pending', () => {
    const definition: Json = toApiGatewayDefinition(spec, { integrations, pendingOperations: Object.keys(pendingOperations), authorization: { type: 'iam' } });
    expect(
      operations(definition)
        .map(({ operation }) => operation.operationId as string)
        .sort(),
    ).toEqual([...served].sort());
  });

  it('leaves no keyword API Gateway rejects anywhere in the definition', () => {
    const definition: Json = toApiGatewayDefinition(spec, { integrations, pendingOperations: Object.keys(pendingOperations), authorization: { type: 'iam' } });
    const text = JSON.stringify(definition);
    for (const keyword of ['nullable', 'discriminator', 'readOnly', 'writeOnly', 'example', 'examples', 'exclusiveMinimum', 'exclusiveMaximum']) {
      expect(text, keyword).not.toContain(`"${keyword}":`);
    }
    expect(text).not.toMatch(/"format":"(?!date-time"|email"|hostname"|ipv4"|ipv6"|uri")/);
    expect(text).not.toContain('"#/components/parameters/');
    expect(text).not.toContain('"#/components/responses/');
  });
});
