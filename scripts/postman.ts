/**
 * Builds the Postman collection (v2.1) and its environments from the OpenAPI document.
 * One folder per tag, one request per operation, the spec's examples as bodies and
 * collection variables for every path parameter, and tests that check the documented
 * success status and media type, so `newman run` works as a smoke suite.
 */
import { type OpenApiDocument, type OperationObject, type ParameterObject, type Reference } from '../lambdas/shared/http/openapi-document.js';

type Json = Record<string, unknown>;

const collectionSchema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** Sample values for path parameters, so the collection runs in order against a fresh stack. */
const pathDefaults: Record<string, string> = {
  modelName: 'demo-model',
  version: '1',
  alias: 'prod',
  endpointName: 'demo-endpoint',
  jobId: 'replace-with-a-job-id',
};

function resolve<T>(document: OpenApiDocument, value: T | Reference): T {
  if (value && typeof value === 'object' && '$ref' in value) {
    const path = value.$ref.replace(/^#\//, '').split('/');
    let node: unknown = document;
    for (const key of path) node = (node as Json)[key];
    return node as T;
  }
  return value;
}

function successStatus(operation: OperationObject): string {
  return Object.keys(operation.responses).find((status) => status.startsWith('2')) ?? '200';
}

function exampleBody(document: OpenApiDocument, operation: OperationObject): unknown {
  if (!operation.requestBody) return undefined;
  const body = resolve(document, operation.requestBody);
  const media = body.content['application/json'];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const schema = media.schema ? resolve<Json>(document, media.schema) : undefined;
  return schema?.example ?? {};
}

function request(document: OpenApiDocument, path: string, method: string, operation: OperationObject, pathLevel: readonly (ParameterObject | Reference)[]): Json {
  const parameters = [...pathLevel, ...(operation.parameters ?? [])].map((p) => resolve<ParameterObject>(document, p));
  const segments = path.replace(/^\//, '').split('/').map((segment) => segment.replace(/^\{(.+)\}$/, '{{$1}}'));
  const query = parameters
    .filter((p) => p.in === 'query')
    .map((p) => ({ key: p.name, value: '', description: p.description ?? '', disabled: true }));
  const headers: Json[] = [{ key: 'Accept', value: 'application/json' }];
  if (parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
    headers.push({ key: 'Idempotency-Key', value: '{{$guid}}', description: 'The same key and body return the same result.' });
  }
  const body = exampleBody(document, operation);
  if (body !== undefined) headers.push({ key: 'Content-Type', value: 'application/json' });
  const status = successStatus(operation);
  return {
    name: operation.summary ?? operation.operationId,
    event: [
      {
        listen: 'test',
        script: {
          type: 'text/javascript',
          exec: [
            `pm.test('answers ${status}', function () { pm.response.to.have.status(${status}); });`,
            ...(status === '204'
              ? []
              : [`pm.test('answers JSON', function () { pm.expect(pm.response.headers.get('Content-Type')).to.include('json'); });`]),
          ],
        },
      },
    ],
    request: {
      method: method.toUpperCase(),
      description: `\`${operation.operationId ?? ''}\`: see the docs page for the full contract.`,
      header: headers,
      url: { raw: `{{baseUrl}}/${segments.join('/')}`, host: ['{{baseUrl}}'], path: segments, query },
      ...(body === undefined ? {} : { body: { mode: 'raw', raw: JSON.stringify(body, null, 2), options: { raw: { language: 'json' } } } }),
    },
  };
}

/** Within a folder: create, read, change; deletes run last of all, in a clean-up folder. */
const methodOrder = ['post', 'get', 'put', 'patch'] as const;

export function buildPostman(document: OpenApiDocument): Map<string, Json> {
  const tagOrder = ((document as { tags?: { name: string }[] }).tags ?? []).map((t) => t.name);
  const folders = new Map<string, Json[]>(tagOrder.map((tag) => [tag, []]));
  const deletes: { tag: string; item: Json }[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of [...methodOrder, 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? 'other';
      const built = request(document, path, method, operation, item.parameters ?? []);
      if (method === 'delete') deletes.push({ tag, item: built });
      else folders.set(tag, [...(folders.get(tag) ?? []), built]);
    }
  }
  // Delete in the reverse order of creation: endpoints before versions before models.
  deletes.sort((a, b) => tagOrder.indexOf(b.tag) - tagOrder.indexOf(a.tag));
  const cleanUp = deletes.map((d) => d.item);
  const info = document.info as { title?: string; version?: string };
  const collection: Json = {
    info: {
      name: `${info.title ?? 'modelplane'} ${info.version ?? ''}`.trim(),
      description: 'Generated from openapi/openapi.yaml by `npm run api:generate`. Do not edit by hand.',
      schema: collectionSchema,
    },
    auth: { type: 'apikey', apikey: [{ key: 'key', value: 'Authorization' }, { key: 'value', value: '{{idToken}}' }, { key: 'in', value: 'header' }] },
    variable: [
      { key: 'baseUrl', value: 'http://127.0.0.1:8080' },
      ...Object.entries(pathDefaults).map(([key, value]) => ({ key, value })),
    ],
    item: [...[...folders].filter(([, item]) => item.length > 0).map(([name, item]) => ({ name, item })), { name: 'clean-up', item: cleanUp }],
  };
  const environment = (name: string, baseUrl: string, idToken: string): Json => ({
    name,
    values: [
      { key: 'baseUrl', value: baseUrl, enabled: true },
      { key: 'idToken', value: idToken, enabled: true, type: 'secret' },
    ],
    _postman_variable_scope: 'environment',
  });
  return new Map([
    ['modelplane.postman_collection.json', collection],
    ['local.postman_environment.json', environment('modelplane local', 'http://127.0.0.1:8080', 'local')],
    ['aws.postman_environment.json', environment('modelplane on AWS', 'https://API_ID.execute-api.REGION.amazonaws.com/api', '')],
  ]);
}
