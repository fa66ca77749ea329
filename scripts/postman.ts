/**
 * Builds the Postman collection (v2.1) and its environments from the OpenAPI document.
 *
 * Every request is built from its operation: method, path, headers, the spec's example as the
 * body, and tests taken from the documented response (status, media type, and the body
 * validated against the response schema, inlined here because the Postman sandbox has no
 * document to resolve `$ref`s against). The order and the few things a spec cannot say (which
 * ids to carry from one answer to the next, where to wait for an endpoint to settle, the
 * negative cases, the weights in S3) are the `flow` below, so one run creates, exercises and
 * deletes its own resources under names unique to the run, and can run again at once.
 */
import { type OpenApiDocument, type OperationObject, type ParameterObject, type PathItem, type Reference } from '../lambdas/shared/http/openapi-document.js';

type Json = Record<string, unknown>;

const collectionSchema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** The spec's paths start with the API version; `baseUrl` includes it, as `npm start` prints it. */
const apiPrefix = '/v1';

function resolve<T>(document: OpenApiDocument, value: T | Reference): T {
  if (value && typeof value === 'object' && '$ref' in value) {
    const path = value.$ref.replace(/^#\//, '').split('/');
    let node: unknown = document;
    for (const key of path) node = (node as Json)[key];
    if (node === undefined) throw new Error(`Unresolved $ref ${value.$ref}`);
    return resolve(document, node as T | Reference);
  }
  return value;
}

/** Schema keywords whose value is a map of names to schemas, or a list of schemas. */
const schemaMaps = new Set(['properties', 'patternProperties', 'definitions']);
const schemaLists = new Set(['allOf', 'anyOf', 'oneOf']);
const schemaValues = new Set(['items', 'additionalProperties', 'not']);
/** Annotations the validator does not need (and OpenAPI-only keywords it does not know). */
const dropped = new Set(['description', 'example', 'examples', 'discriminator', 'externalDocs', 'xml', 'title']);

/**
 * An OpenAPI 3.0 schema as the JSON Schema (draft-07) that the sandbox's ajv 6 validates:
 * every `$ref` inlined, boolean `exclusiveMinimum`/`exclusiveMaximum` in draft-07's numeric
 * form, `nullable` as a `null` type, and annotations left out to keep the scripts short.
 */
export function sandboxSchema(document: OpenApiDocument, schema: unknown, refs: readonly string[] = []): unknown {
  if (typeof schema === 'boolean' || schema === null || typeof schema !== 'object') return schema;
  const source = schema as Json;
  if (typeof source.$ref === 'string') {
    if (refs.includes(source.$ref)) throw new Error(`Recursive schema ${source.$ref} cannot be inlined for Postman`);
    return sandboxSchema(document, resolve(document, source as unknown as Reference), [...refs, source.$ref]);
  }
  const result: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (dropped.has(key) || key === 'nullable') continue;
    if (schemaMaps.has(key)) {
      result[key] = Object.fromEntries(Object.entries(value as Json).map(([name, child]) => [name, sandboxSchema(document, child, refs)]));
    } else if (schemaLists.has(key)) {
      result[key] = (value as unknown[]).map((child) => sandboxSchema(document, child, refs));
    } else if (schemaValues.has(key)) {
      result[key] = sandboxSchema(document, value, refs);
    } else if (key === 'exclusiveMinimum' && typeof value === 'boolean') {
      if (value) result.exclusiveMinimum = source.minimum;
    } else if (key === 'exclusiveMaximum' && typeof value === 'boolean') {
      if (value) result.exclusiveMaximum = source.maximum;
    } else {
      result[key] = value;
    }
  }
  if (source.exclusiveMinimum === true) delete result.minimum;
  if (source.exclusiveMaximum === true) delete result.maximum;
  if (source.nullable === true) {
    if (typeof result.type === 'string') result.type = [result.type, 'null'];
    if (Array.isArray(result.enum) && !result.enum.includes(null)) result.enum = [...(result.enum as unknown[]), null];
  }
  return result;
}

interface Operation {
  path: string;
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  operation: OperationObject;
  pathItem: PathItem;
}

function operations(document: OpenApiDocument): Map<string, Operation> {
  const found = new Map<string, Operation>();
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const method of ['post', 'get', 'put', 'patch', 'delete'] as const) {
      const operation = pathItem[method];
      if (operation?.operationId) found.set(operation.operationId, { path, method, operation, pathItem });
    }
  }
  return found;
}

/**
 * One request of the flow: an operation of the spec and what this step expects of it.
 * Path parameters are the collection variables of the same name unless `pathValues` says otherwise.
 */
interface Step {
  operationId: string;
  /** Defaults to the operation's summary. */
  name?: string;
  /** The item's id, unique in the collection; defaults to the operationId. */
  id?: string;
  /** The documented response the step expects; defaults to the first 2xx. */
  status?: string;
  /** Replaces the spec's example body. */
  body?: unknown;
  /** Fields merged over the spec's example body. */
  bodyPatch?: Json;
  pathValues?: Record<string, string>;
  /** Query parameters the step sends (the others stay listed, disabled). */
  query?: Record<string, string>;
  /** Collection variables set from fields of a successful answer. */
  capture?: Record<string, string>;
  /** Further test lines (the answer's JSON is `answer`). */
  tests?: string[];
  /** Repeats the request, a bounded number of times, until `until` (a JS condition) holds. */
  poll?: { until: string; what: string };
  description?: string;
}

/** A request outside the spec: the weights the flow registers, put into and taken out of S3. */
interface S3Step {
  s3: 'put' | 'delete';
  name: string;
  id: string;
  description: string;
}

interface Folder {
  name: string;
  description?: string;
  steps: (Step | S3Step)[];
}

/** Sets the names this run works on; run by the first request, and by any request run alone. */
const startRun = [
  "const runId = Date.now().toString(36) + Math.floor(Math.random() * 46656).toString(36).padStart(3, '0');",
  "pm.collectionVariables.set('runId', runId);",
  "pm.collectionVariables.set('modelName', 'pm-' + runId + '-model');",
  "pm.collectionVariables.set('missingModel', 'pm-' + runId + '-missing');",
  "pm.collectionVariables.set('endpointName', 'pm-' + runId + '-endpoint');",
  "pm.collectionVariables.set('weightsPrefix', 'postman/' + runId + '/');",
  "pm.collectionVariables.set('pollTries', 0);",
];

/**
 * The emulator's URL changes with every `npm start`: unless the environment names it (`s3Url`),
 * ask the local plane (`GET /local/info`, a dev-only route), so newman needs only `baseUrl`.
 */
const findEmulator = [
  "if (!pm.variables.get('s3Url')) {",
  "  const root = pm.variables.replaceIn('{{baseUrl}}').replace(/\\/v1\\/?$/, '');",
  "  pm.sendRequest(root + '/local/info', function (error, response) {",
  "    if (error || response.code !== 200) throw new Error('s3Url is not set and ' + root + '/local/info did not answer: pass --env-var s3Url=<the emulator URL npm start prints>');",
  '    const info = response.json();',
  "    pm.collectionVariables.set('s3Url', info.emulatorEndpoint);",
  "    if (!pm.variables.get('artifactBucket')) pm.collectionVariables.set('artifactBucket', info.artifactBucket);",
  '  });',
  '}',
];

/** A config.json is all the registry needs to size and register a version. */
const weightsConfig = { architectures: ['LlamaForCausalLM'], model_type: 'llama', torch_dtype: 'bfloat16' };

const notFound = (code: string) => [`pm.test('is a ${code} problem', function () { pm.expect(answer.code).to.eql('${code}'); });`];

const flow: Folder[] = [
  {
    name: 'packaging',
    description:
      "Creates a packaging job of the spec's example (a Hub model, registering nothing), reads and lists it, and cancels it at once: the local plane cannot reach the Hub, and cancelling a queued job tests create, get, list and cancel without it. Then submits an S3 source in a bucket packaging may not read, which is refused with a 400 SourceNotAllowed listing the allowed locations (nothing is created).",
    steps: [
      {
        operationId: 'createPackagingJob',
        capture: { jobId: 'jobId' },
        tests: ["pm.test('is queued', function () { pm.expect(answer.status).to.eql('queued'); });"],
      },
      { operationId: 'getPackagingJob' },
      {
        operationId: 'listPackagingJobs',
        tests: [
          "pm.test('lists the job', function () { pm.expect(answer.items.map(function (j) { return j.jobId; })).to.include(pm.collectionVariables.get('jobId')); });",
        ],
      },
      { operationId: 'cancelPackagingJob', tests: ["pm.test('is cancelled', function () { pm.expect(answer.status).to.eql('cancelled'); });"] },
      {
        operationId: 'createPackagingJob',
        id: 'createPackagingJob-source-not-allowed',
        name: 'Submit a packaging job: an S3 source outside uploads/ and the source buckets is a 400 SourceNotAllowed',
        status: '400',
        body: { source: { type: 's3', uri: 's3://pm-not-a-source-bucket/training/output/model.tar.gz' }, buildImage: false },
        tests: [
          "pm.test('is a SourceNotAllowed problem', function () { pm.expect(answer.code).to.eql('SourceNotAllowed'); });",
          "pm.test('points at the source', function () { pm.expect(answer.errors.map(function (e) { return e.path; })).to.eql(['/body/source/uri']); });",
          "pm.test('lists where sources may be, uploads/ of the artifact bucket among them', function () {",
          "  pm.expect(answer.allowedSources).to.be.an('array').that.is.not.empty;",
          "  const bucket = pm.variables.get('artifactBucket');",
          "  if (bucket) pm.expect(answer.allowedSources).to.include('s3://' + bucket + '/uploads/');",
          '});',
        ],
      },
    ],
  },
  {
    name: 'models',
    steps: [
      { operationId: 'createModel', capture: { modelName: 'name' } },
      {
        operationId: 'createModel',
        id: 'createModel-invalid',
        name: 'Create a model: an invalid body is a 400 listing every problem',
        status: '400',
        body: { name: '-bad-', colour: 1 },
        tests: [
          "pm.test('is a ValidationFailed problem', function () { pm.expect(answer.code).to.eql('ValidationFailed'); });",
          "pm.test('lists both problems', function () { pm.expect(answer.errors.map(function (e) { return e.path; })).to.include.members(['/body/name', '/body/colour']); });",
        ],
      },
      { operationId: 'listModels' },
      { operationId: 'getModel' },
      {
        operationId: 'getModel',
        id: 'getModel-missing',
        name: 'Describe a model: a missing one is a 404 ModelNotFound',
        status: '404',
        pathValues: { modelName: '{{missingModel}}' },
        tests: notFound('ModelNotFound'),
      },
      { operationId: 'updateModel' },
    ],
  },
  {
    name: 'versions',
    steps: [
      {
        s3: 'put',
        id: 's3-put-weights',
        name: 'Upload the weights (config.json) to the artifact bucket',
        description:
          'Not an API call: puts a config.json under `{{weightsPrefix}}` of the artifact bucket, signed with SigV4 (the environment carries the S3 URL and credentials), so that the version below has weights to register.',
      },
      { operationId: 'createModelVersion', bodyPatch: { modelDataUri: 's3://{{artifactBucket}}/{{weightsPrefix}}' }, capture: { version: 'version' } },
      { operationId: 'listModelVersions' },
      { operationId: 'getModelVersion' },
      { operationId: 'updateModelVersion' },
    ],
  },
  { name: 'aliases', steps: [{ operationId: 'putModelAlias' }] },
  {
    name: 'endpoints',
    steps: [
      { operationId: 'createEndpoint', capture: { endpointName: 'name' } },
      {
        operationId: 'getEndpoint',
        id: 'getEndpoint-created',
        name: 'Wait until the endpoint is running',
        poll: { until: "answer.status === 'running'", what: 'is running' },
      },
      { operationId: 'listEndpoints' },
      { operationId: 'getEndpoint' },
      { operationId: 'updateEndpoint' },
      {
        operationId: 'getEndpoint',
        id: 'getEndpoint-updated',
        name: 'Wait until the update is done',
        poll: { until: "answer.status === 'running'", what: 'is running' },
      },
      {
        operationId: 'pauseEndpoint',
        tests: ["pm.test('is paused, with when', function () { pm.expect(answer.status).to.eql('paused'); pm.expect(answer.pausedAt).to.be.a('string'); });"],
      },
      {
        operationId: 'getEndpoint',
        id: 'getEndpoint-paused',
        name: 'Wait until SageMaker has deleted the paused endpoint',
        poll: { until: "answer.status === 'paused' && answer.sagemakerStatus === 'Deleted'", what: 'is paused with nothing in SageMaker' },
      },
      {
        operationId: 'resumeEndpoint',
        tests: ["pm.test('is being recreated', function () { pm.expect(answer.status).to.eql('creating'); pm.expect(answer.pausedAt).to.eql(undefined); });"],
      },
      {
        operationId: 'getEndpoint',
        id: 'getEndpoint-resumed',
        name: 'Wait until the resumed endpoint is running',
        poll: { until: "answer.status === 'running'", what: 'is running again' },
      },
    ],
  },
  {
    name: 'variants',
    description:
      'A/B and shadow tests on the endpoint: two variants at 90/10 (the second serves the same version here, the run registers one), 50/50 in place, promote the second, then a shadow added and removed.',
    steps: [
      {
        operationId: 'updateEndpoint',
        id: 'updateEndpoint-ab',
        name: 'Split traffic 90/10 between two variants',
        body: {
          autoscaling: null,
          variants: [
            { name: 'main', weight: 90 },
            { name: 'green', version: '{{version}}#number', instanceType: 'ml.g5.2xlarge', instanceCount: 1, weight: 10 },
          ],
        },
        tests: ["pm.test('is updating', function () { pm.expect(answer.status).to.eql('updating'); });"],
      },
      {
        operationId: 'getEndpoint',
        id: 'getEndpoint-ab',
        name: 'Wait until both variants serve',
        tests: ["pm.test('has two variants', function () { pm.expect(answer.variants.map(function (v) { return v.name; })).to.eql(['main', 'green']); });"],
        poll: { until: "answer.status === 'running'", what: 'is running' },
      },
      {
        operationId: 'updateEndpoint',
        id: 'updateEndpoint-weights',
        name: 'Shift to 50/50 in place',
        body: {
          variants: [
            { name: 'main', weight: 50 },
            { name: 'green', weight: 50 },
          ],
        },
        tests: ["pm.test('wants 50/50', function () { pm.expect(answer.variants.map(function (v) { return v.weight.desired; })).to.eql([50, 50]); });"],
      },
      {
        operationId: 'getEndpoint',
        id: 'getEndpoint-weights',
        name: 'Wait until the weights are in effect',
        poll: { until: "answer.status === 'running'", what: 'is running' },
      },
      { operationId: 'promoteEndpointVariant' },
      {
        operationId: 'getEndpoint',
        id: 'getEndpoint-promoted',
        name: 'Wait until the promoted variant takes all traffic',
        tests: ["pm.test('serves only green', function () { pm.expect(answer.variants.map(function (v) { return v.name; })).to.eql(['green']); });"],
        poll: { until: "answer.status === 'running'", what: 'is running' },
      },
      {
        operationId: 'updateEndpoint',
        id: 'updateEndpoint-shadow',
        name: 'Add a shadow variant sampling 20 % of the traffic',
        body: { shadow: { version: '{{version}}#number', instanceType: 'ml.g5.2xlarge', samplingPercent: 20 } },
      },
      {
        operationId: 'getEndpoint',
        id: 'getEndpoint-shadowed',
        name: 'Wait until the shadow serves',
        tests: ["pm.test('has the shadow', function () { pm.expect(answer.shadow.samplingPercent).to.eql(20); });"],
        poll: { until: "answer.status === 'running'", what: 'is running' },
      },
      {
        operationId: 'updateEndpoint',
        id: 'updateEndpoint-no-shadow',
        name: 'Remove the shadow variant',
        body: { shadow: null },
      },
      {
        operationId: 'getEndpoint',
        id: 'getEndpoint-unshadowed',
        name: 'Wait until the shadow is gone',
        tests: ["pm.test('has no shadow', function () { pm.expect(answer.shadow).to.eql(undefined); });"],
        poll: { until: "answer.status === 'running'", what: 'is running' },
      },
    ],
  },
  {
    name: 'inference',
    description:
      'Calls the running endpoint: its own request format passed through, and an OpenAI-style chat completion. Locally the answers come from the inference stand-in (deterministic text, no model runs).',
    steps: [
      {
        operationId: 'invokeEndpoint',
        body: { inputs: 'What is deep learning?', parameters: { max_new_tokens: 8 } },
        tests: [
          "pm.test('answers JSON', function () { pm.expect(String(pm.response.headers.get('Content-Type'))).to.include('json'); });",
          "pm.test('the model generated text', function () { pm.expect(JSON.stringify(answer)).to.include('generated_text'); });",
        ],
      },
      {
        operationId: 'createChatCompletion',
        tests: [
          "pm.test('is a chat completion', function () { pm.expect(answer.object).to.eql('chat.completion'); });",
          "pm.test('the assistant answered', function () { pm.expect(answer.choices[0].message.role).to.eql('assistant'); pm.expect(answer.choices[0].message.content).to.be.a('string').and.not.empty; });",
        ],
      },
    ],
  },
  {
    name: 'metrics',
    steps: [
      {
        operationId: 'getEndpointMetrics',
        // Per variant, as an A/B endpoint answers by default: each series names its variant.
        query: { perVariant: 'true' },
        tests: [
          "pm.test('names the variant of each series', function () { pm.expect(answer.series.every(function (s) { return typeof s.variant === 'string' && s.role === 'production'; })).to.be.true; });",
        ],
      },
    ],
  },
  { name: 'catalog', steps: [{ operationId: 'listInstanceTypes' }, { operationId: 'listSeries' }] },
  {
    name: 'clean-up',
    description: 'Deletes everything the run created, in the reverse order of creation, so nothing is left behind.',
    steps: [
      { operationId: 'deleteEndpoint' },
      {
        operationId: 'getEndpoint',
        id: 'getEndpoint-deleted',
        name: 'Wait until the endpoint is gone',
        status: '404',
        poll: { until: 'pm.response.code === 404', what: 'is gone' },
        tests: notFound('EndpointNotFound'),
      },
      { operationId: 'deleteModelAlias' },
      { operationId: 'deleteModelVersion' },
      { operationId: 'deleteModel' },
      { operationId: 'getModel', id: 'getModel-deleted', name: 'The model is gone', status: '404', tests: notFound('ModelNotFound') },
      {
        s3: 'delete',
        id: 's3-delete-weights',
        name: 'Delete the weights from the artifact bucket',
        description: 'Not an API call: removes the config.json the run uploaded.',
      },
    ],
  },
];

/** JSON for a raw body; `"{{version}}"`-style placeholders of numbers lose their quotes. */
function rawBody(body: unknown): string {
  return JSON.stringify(body, null, 2).replace(/"\{\{(\w+)\}\}#number"/g, '{{$1}}');
}

/**
 * The spec's example body with the values it gives as path parameter examples (`demo-model`,
 * `prod`, ...) replaced by the variables of those parameters, so the body names what the run made.
 */
function exampleBody(document: OpenApiDocument, operation: OperationObject, parameterExamples: Map<unknown, string>): unknown {
  if (!operation.requestBody) return undefined;
  const media = resolve(document, operation.requestBody).content['application/json'];
  if (!media) return undefined;
  const example = media.example ?? (media.schema ? resolve<Json>(document, media.schema).example : undefined) ?? {};
  const substitute = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => substitute(item));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, k)]));
    const variable = parameterExamples.get(value);
    if (typeof value === 'string' && variable) return `{{${variable}}}`;
    // A number stands for a parameter only under the parameter's own name (`version: 1`).
    if (typeof value === 'number' && variable && variable === key) return `{{${variable}}}#number`;
    return value;
  };
  return substitute(example);
}

function testScript(document: OpenApiDocument, step: Step, op: Operation, status: string): string[] {
  const response = op.operation.responses[status];
  if (!response) throw new Error(`${step.operationId} documents no ${status} response`);
  const content = resolve<{ content?: Record<string, { schema?: unknown }> }>(document, response).content ?? {};
  const [mediaType, media] = Object.entries(content)[0] ?? [];
  const lines: string[] = [`pm.test('answers ${status}', function () { pm.response.to.have.status(${status}); });`];
  // `*/*` (a model's answer): any media type, bytes the spec gives no schema for; the step's tests say what to expect.
  if (mediaType === '*/*') lines.push('let answer = {};', 'try { answer = pm.response.json(); } catch (e) { answer = {}; }');
  else if (mediaType) {
    lines.push(
      `pm.test('answers ${mediaType}', function () { pm.expect(String(pm.response.headers.get('Content-Type')).split(';')[0].trim()).to.eql('${mediaType}'); });`,
    );
    if (media?.schema) {
      const ref = (media.schema as Partial<Reference>).$ref?.split('/').pop() ?? 'response';
      lines.push(
        `const schema = ${JSON.stringify(sandboxSchema(document, media.schema))};`,
        `pm.test('matches the ${ref} schema', function () { pm.response.to.have.jsonSchema(schema); });`,
      );
    }
    lines.push('let answer = {};', 'try { answer = pm.response.json(); } catch (e) { answer = {}; }');
  }
  for (const [variable, field] of Object.entries(step.capture ?? {})) {
    lines.push(`if (pm.response.code === ${status} && answer.${field} !== undefined) pm.collectionVariables.set('${variable}', answer.${field});`);
  }
  lines.push(...(step.tests ?? []));
  if (!step.poll) return lines;
  // Only the last try records assertions, so a poll that settles adds no failures on the way.
  return [
    "const tries = Number(pm.collectionVariables.get('pollTries') || 0);",
    "const maxTries = Number(pm.variables.get('pollMaxTries') || 60);",
    'let answer = {};',
    'try { answer = pm.response.json(); } catch (e) { answer = {}; }',
    `if (!(${step.poll.until}) && tries + 1 < maxTries) {`,
    "  pm.collectionVariables.set('pollTries', tries + 1);",
    '  pm.execution.setNextRequest(pm.info.requestId);',
    "  setTimeout(function () {}, Number(pm.variables.get('pollIntervalMs') || 1000));",
    '} else {',
    "  pm.collectionVariables.set('pollTries', 0);",
    `  pm.test('${step.poll.what} within ' + maxTries + ' tries', function () { pm.expect(${step.poll.until}).to.eql(true); });`,
    ...lines.filter((line) => !line.startsWith('let answer') && !line.startsWith('try { answer')).map((line) => `  ${line}`),
    '}',
  ];
}

function script(listen: 'test' | 'prerequest', exec: string[]): Json {
  return { listen, script: { type: 'text/javascript', exec } };
}

function apiRequest(document: OpenApiDocument, step: Step, op: Operation, parameterExamples: Map<unknown, string>): Json {
  const parameters = [...(op.pathItem.parameters ?? []), ...(op.operation.parameters ?? [])].map((p) => resolve<ParameterObject>(document, p));
  if (!op.path.startsWith(`${apiPrefix}/`)) throw new Error(`${step.operationId}: path ${op.path} does not start with ${apiPrefix}`);
  const segments = op.path
    .slice(apiPrefix.length + 1)
    .split('/')
    .map((segment) => segment.replace(/^\{(.+)\}$/, (_, name: string) => step.pathValues?.[name] ?? `{{${name}}}`));
  const query = parameters
    .filter((p) => p.in === 'query')
    .map((p) => {
      const value = step.query?.[p.name];
      return value === undefined
        ? { key: p.name, value: '', description: p.description ?? '', disabled: true }
        : { key: p.name, value, description: p.description ?? '' };
    });
  for (const name of Object.keys(step.query ?? {})) {
    if (!query.some((q) => q.key === name)) throw new Error(`${step.operationId}: the spec has no query parameter ${name}`);
  }
  const queryString = Object.entries(step.query ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const headers: Json[] = [{ key: 'Accept', value: 'application/json' }];
  if (parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
    headers.push({ key: 'Idempotency-Key', value: '{{$guid}}', description: 'The same key and body return the same result.' });
  }
  const example = exampleBody(document, op.operation, parameterExamples);
  const body = step.body ?? (example === undefined ? undefined : { ...(example as Json), ...step.bodyPatch });
  if (body !== undefined) headers.push({ key: 'Content-Type', value: 'application/json' });
  const status = step.status ?? Object.keys(op.operation.responses).find((s) => s.startsWith('2')) ?? '200';
  return {
    id: step.id ?? step.operationId,
    name: step.name ?? op.operation.summary ?? step.operationId,
    event: [script('test', testScript(document, step, op, status))],
    request: {
      method: op.method.toUpperCase(),
      description: `\`${step.operationId}\`${step.description ? `: ${step.description}` : ''}. See the docs page for the full contract.`,
      header: headers,
      url: { raw: `{{baseUrl}}/${segments.join('/')}${queryString ? `?${queryString}` : ''}`, host: ['{{baseUrl}}'], path: segments, query },
      ...(body === undefined ? {} : { body: { mode: 'raw', raw: rawBody(body), options: { raw: { language: 'json' } } } }),
    },
  };
}

function s3Request(step: S3Step): Json {
  const put = step.s3 === 'put';
  const segments = ['{{artifactBucket}}', '{{weightsPrefix}}config.json'];
  return {
    id: step.id,
    name: step.name,
    event: [script('test', [`pm.test('answers ${put ? 200 : 204}', function () { pm.response.to.have.status(${put ? 200 : 204}); });`])],
    request: {
      method: put ? 'PUT' : 'DELETE',
      description: step.description,
      auth: {
        type: 'awsv4',
        awsv4: [
          { key: 'accessKey', value: '{{awsAccessKeyId}}', type: 'string' },
          { key: 'secretKey', value: '{{awsSecretAccessKey}}', type: 'string' },
          { key: 'sessionToken', value: '{{awsSessionToken}}', type: 'string' },
          { key: 'region', value: '{{awsRegion}}', type: 'string' },
          { key: 'service', value: 's3', type: 'string' },
        ],
      },
      header: put ? [{ key: 'Content-Type', value: 'application/json' }] : [],
      url: { raw: `{{s3Url}}/${segments.join('/')}`, host: ['{{s3Url}}'], path: segments },
      ...(put ? { body: { mode: 'raw', raw: JSON.stringify(weightsConfig, null, 2), options: { raw: { language: 'json' } } } } : {}),
    },
  };
}

const description = `Generated from openapi/openapi.yaml by \`npm run api:generate\` (scripts/postman.ts). Do not edit by hand.

One run creates a model, a version (from a config.json it uploads to the artifact bucket), an alias and an endpoint under names unique to the run (\`pm-{{runId}}-...\`), exercises every operation, and deletes all of it in \`clean-up\`, so the collection can run again at once. Every request checks the documented status, media type and response schema.

Environments: \`postman/local.postman_environment.json\` for \`npm start\`, \`postman/aws.postman_environment.json\` for a deployed stack. \`baseUrl\` is the API's base URL as \`npm start\` prints it, ending in \`/v1\`; on another port: \`newman run postman/modelplane.postman_collection.json -e postman/local.postman_environment.json --env-var baseUrl=http://127.0.0.1:18080/v1\`. Locally the first request asks the plane where its emulator is (\`GET /local/info\`, a dev-only route) to upload the weights; elsewhere set \`s3Url\`.

Packaging: the local plane cannot reach the Hugging Face Hub, so the \`packaging\` folder cancels its job right after creating it. On AWS, the \`endpoints\` folder starts a real GPU endpoint from a config.json without weights, which does not pass health checks: run the other folders with \`--folder\`.`;

export function buildPostman(document: OpenApiDocument): Map<string, Json> {
  const byId = operations(document);
  const parameterExamples = new Map<unknown, string>();
  for (const parameter of Object.values((document.components?.parameters ?? {}) as Record<string, ParameterObject & { example?: unknown }>)) {
    if (parameter.in === 'path' && parameter.example !== undefined) parameterExamples.set(parameter.example, parameter.name);
  }
  const used = new Set<string>();
  const folders = flow.map((folder) => ({
    name: folder.name,
    ...(folder.description ? { description: folder.description } : {}),
    item: folder.steps.map((step) => {
      if ('s3' in step) return s3Request(step);
      const op = byId.get(step.operationId);
      if (!op) throw new Error(`The Postman flow names ${step.operationId}, which the spec does not have`);
      used.add(step.operationId);
      return apiRequest(document, step, op, parameterExamples);
    }),
  }));
  // An operation the flow does not name yet still gets a request, in its tag's folder, before clean-up.
  for (const [operationId, op] of byId) {
    if (used.has(operationId)) continue;
    const tag = op.operation.tags?.[0] ?? 'other';
    let folder = folders.find((f) => f.name === tag);
    if (!folder) {
      folder = { name: tag, item: [] };
      folders.splice(folders.length - 1, 0, folder);
    }
    folder.item.push(apiRequest(document, { operationId }, op, parameterExamples));
  }
  const first = folders[0]?.item[0];
  if (first)
    first.event = [
      script('prerequest', ['// A new run: fresh names, so nothing collides with an earlier run.', ...startRun, ...findEmulator]),
      ...(first.event as Json[]),
    ];
  const info = document.info as { title?: string; version?: string };
  const collection: Json = {
    info: {
      name: `${info.title ?? 'modelplane'} ${info.version ?? ''}`.trim(),
      description,
      schema: collectionSchema,
    },
    // Cognito ID token as a Bearer token; the local plane ignores it (the tenant is `local`).
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    event: [
      script('prerequest', [
        '// A request run on its own still gets names of its own.',
        "if (!pm.collectionVariables.get('runId')) {",
        ...startRun.map((line) => `  ${line}`),
        '}',
      ]),
    ],
    variable: [
      ...['runId', 'modelName', 'missingModel', 'endpointName', 'weightsPrefix', 'jobId', 'version'].map((key) => ({ key, value: '' })),
      { key: 'alias', value: 'prod' },
      { key: 'pollTries', value: '0' },
    ],
    item: folders,
  };
  const environment = (name: string, values: Record<string, string>, secrets: string[]): Json => ({
    name,
    values: Object.entries(values).map(([key, value]) => ({ key, value, enabled: true, ...(secrets.includes(key) ? { type: 'secret' } : {}) })),
    _postman_variable_scope: 'environment',
  });
  const secrets = ['token', 'awsSecretAccessKey', 'awsSessionToken'];
  return new Map([
    ['modelplane.postman_collection.json', collection],
    [
      'local.postman_environment.json',
      environment(
        'modelplane local',
        {
          baseUrl: 'http://127.0.0.1:8080/v1',
          token: 'local',
          // No s3Url: the first request asks the plane for its emulator (GET /local/info).
          artifactBucket: 'modelplane-artifacts-local',
          awsAccessKeyId: 'local',
          awsSecretAccessKey: 'local',
          awsSessionToken: '',
          awsRegion: 'us-east-1',
          pollIntervalMs: '500',
          pollMaxTries: '60',
        },
        secrets,
      ),
    ],
    [
      'aws.postman_environment.json',
      environment(
        'modelplane on AWS',
        {
          baseUrl: 'https://API_ID.execute-api.REGION.amazonaws.com/api/v1',
          token: '',
          s3Url: 'https://s3.REGION.amazonaws.com',
          artifactBucket: 'modelplane-artifacts-ACCOUNT',
          awsAccessKeyId: '',
          awsSecretAccessKey: '',
          awsSessionToken: '',
          awsRegion: 'REGION',
          pollIntervalMs: '30000',
          pollMaxTries: '60',
        },
        secrets,
      ),
    ],
  ]);
}
