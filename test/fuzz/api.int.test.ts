/**
 * Spec-driven fuzzing of every operation against the real local control plane (shared
 * emulator): requests valid by each operation's own schemas, and invalid ones (wrong types,
 * missing and extra fields, huge, unicode, NUL and lone-surrogate strings, huge and negative
 * numbers, deep nesting, malformed JSON, empty and wrong-content-type bodies, odd path and
 * query values), some as another tenant. Every answer must be one the spec documents for its
 * status (call() checks it), no 5xx but a documented 503, problem+json for every error, no
 * internals in any body, and quick.
 *
 * Valid requests are of two kinds: values from the schemas alone, and, for the operations whose
 * schema-valid requests never get past the services' checks, requests built on the fixtures
 * (test/fuzz/fixture-requests.ts: the model's versions, its alias, the endpoint, the weights in
 * the artifact bucket, real instance types and series, metrics windows CloudWatch keeps), so
 * the services' deeper paths are fuzzed too. What those create is removed at the end.
 *
 * Seeded and bounded: FUZZ_RUNS (default 20) runs per operation, FUZZ_SEED (default fixed).
 * `npm run fuzz -- --runs 500` runs longer. A summary per operation (requests, statuses, the
 * share of 2xx among valid requests) is printed at the end and written to .tmp/fuzz-report.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localResources } from '../../local/bootstrap.js';
import { OperationIndex, type OperationSpec } from '../../lambdas/shared/http/operation-index.js';
import { RequestValidator } from '../../lambdas/shared/http/request-validator.js';
import { openApiDocument } from '../../openapi/generated/spec.js';
import { emulatorClients, uploadTinyModel } from '../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer } from '../support/control-plane.js';
import { fixtureRequests, type FixtureRequest, type Fixtures } from './fixture-requests.js';
import { arbitraryOf } from './schema-arbitrary.js';

const runs = Number(process.env.FUZZ_RUNS ?? 20);
const seed = Number(process.env.FUZZ_SEED ?? 20260601);
const slowMs = 5_000;
const index = new OperationIndex(openApiDocument);
const validator = new RequestValidator(openApiDocument);
const operations = [...index.operations.values()];
const tenants = ['fuzz-a', 'fuzz-b'] as const;

/** What no body may show: stack frames, file paths, SDK error dumps. */
const leaks = [
  /\bat [^\s]+ \([^)]*:\d+:\d+\)/,
  /\/work\//,
  /node_modules/,
  /\$metadata/,
  /\b[A-Za-z]+Exception:/,
  /\bTypeError\b|\bRangeError\b|\bSyntaxError\b/,
];

/**
 * Not `..` in a path: fetch (WHATWG URL) resolves dot segments before it sends, so
 * `/v1/models/m/aliases/..` goes out as `/v1/models/m` and its answer is another operation's.
 */
const oddPathValues = [
  '0x10',
  '1e3',
  '-0',
  '%00',
  '%ED%A0%80',
  '%E0%A4%A',
  '-1',
  '99999999999999999999',
  'a'.repeat(3000),
  '\u{1F999}',
  '\u05e9',
  ' ',
  'null',
  'true',
  '[]',
];
const oddValues = [
  '0x10',
  '1e3',
  '-0',
  '%00',
  '%ED%A0%80',
  '%E0%A4%A',
  '..',
  '-1',
  '99999999999999999999',
  'a'.repeat(3000),
  '\u{1F999}',
  '\u05e9',
  ' ',
  'null',
  'true',
  '[]',
];

interface Sent {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: string;
  headers: Record<string, string>;
  tenant: string;
  kind: string;
  /** Valid by the spec: every path, query and body value from the schemas or the fixtures. */
  valid: boolean;
  /** Built on the fixtures (fixture-requests.ts). */
  fixture?: FixtureRequest;
}

interface Stats {
  sent: number;
  statuses: Record<number, number>;
  kinds: Record<string, number>;
  /** Valid requests, and how many of them got a 2xx. */
  valid: number;
  valid2xx: number;
  /** Of those, the ones built on the fixtures. */
  fixture: number;
  fixture2xx: number;
  /** Why fixture-built requests were refused: `{status} {code} {first field}` and how often. */
  fixtureRefusals: Record<string, number>;
}

const stats = new Map<string, Stats>();
const share = (part: number, whole: number) => (whole === 0 ? '-' : `${Math.round((100 * part) / whole)} %`);

describe('fuzzing every operation from the spec', () => {
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  let fixtures: Fixtures;
  /** What the fuzz made beyond the fixtures' models: endpoints and packaging jobs, to remove at the end. */
  const created = { endpoints: new Set<string>(), jobs: new Set<string>() };
  const fixtureArbitraries = new Map<string, fc.Arbitrary<FixtureRequest>>();
  const fixtureRequestOf = (operationId: string) => {
    if (fixtureArbitraries.size === 0) {
      const operation = (id: string) => index.operations.get(id)!;
      for (const [id, arbitrary] of Object.entries(fixtureRequests(() => fixtures, uniqueName, operation))) fixtureArbitraries.set(id, arbitrary);
    }
    return fixtureArbitraries.get(operationId);
  };

  beforeAll(async () => {
    api = await startTestControlPlane();
    const { s3 } = emulatorClients();
    const weights = await uploadTinyModel(s3, localResources.artifactBucket, `uploads/${uniqueName('fuzz-weights')}/`);
    const model = uniqueName('fuzz-m');
    const tenant = tenants[0];
    const made = await api.call({ method: 'POST', path: '/v1/models', body: { name: model }, tenant });
    expect(made.status).toBe(201);
    // Two versions (the endpoint can roll between them), alias prod on the first.
    let fitsOn: string[] = [];
    for (const _ of [1, 2]) {
      const version = await api.call<{ sizing: { fitsOn: string[] } }>({
        method: 'POST',
        path: `/v1/models/${model}/versions`,
        body: { modelDataUri: weights.uri, imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:fuzz' },
        tenant,
      });
      expect(version.status).toBe(201);
      fitsOn = version.body.sizing.fitsOn;
    }
    expect((await api.call({ method: 'PUT', path: `/v1/models/${model}/aliases/prod`, body: { version: 1 }, tenant })).status).toBe(200);
    const endpoint = uniqueName('fuzz-e');
    const served = await api.call({
      method: 'POST',
      path: '/v1/endpoints',
      body: { name: endpoint, model, version: 1, instanceType: 'ml.g5.2xlarge' },
      tenant,
    });
    expect(served.status).toBe(202);
    created.endpoints.add(endpoint);
    const job = await api.call<{ jobId: string }>({
      method: 'POST',
      path: '/v1/packaging-jobs',
      body: { source: { type: 'huggingface', modelId: 'fuzz/tiny' }, model },
      tenant,
    });
    expect(job.status).toBe(202);
    const types = await api.call<{ items: { name: string }[] }>({ method: 'GET', path: '/v1/instance-types', tenant });
    const series = await api.call<{ items: { name: string }[] }>({ method: 'GET', path: '/v1/series', tenant });
    fixtures = {
      tenant,
      model,
      versions: [1, 2],
      alias: 'prod',
      endpoint,
      jobId: job.body.jobId,
      weightsUri: weights.uri,
      artifactBucket: localResources.artifactBucket,
      instanceTypes: types.body.items.map((t) => t.name),
      fitsOn: fitsOn.filter((t) => types.body.items.some((i) => i.name === t)),
      series: series.body.items.map((s) => s.name),
    };
    expect(fixtures.fitsOn.length).toBeGreaterThan(0);
    await settled(endpoint, tenant);
  });

  /** Waits (a few seconds at most) until the endpoint is no longer creating, updating, rolling back or deleting. */
  async function settled(name: string, tenant: string, timeoutMs = 5_000): Promise<number> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const answer = await api.call<{ status: string }>({ method: 'GET', path: `/v1/endpoints/${name}`, tenant });
      if (answer.status !== 200 || !['creating', 'updating', 'rollingBack', 'deleting'].includes(answer.body.status) || Date.now() > until)
        return answer.status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  afterAll(async () => {
    const lines = [...stats].map(
      ([op, s]) =>
        `${op.padEnd(22)} ${String(s.sent).padStart(5)} sent  ${String(s.valid).padStart(4)} valid, 2xx ${share(s.valid2xx, s.valid).padStart(4)} (fixture-built ${s.fixture}, 2xx ${share(s.fixture2xx, s.fixture)})  statuses ${JSON.stringify(s.statuses)}`,
    );
    console.log(`fuzz: ${runs} runs per operation, seed ${seed}\n${lines.join('\n')}`);
    mkdirSync('.tmp', { recursive: true });
    writeFileSync('.tmp/fuzz-report.json', `${JSON.stringify({ runs, seed, operations: Object.fromEntries(stats) }, null, 2)}\n`);
    if (api) console.log(`fuzz: left behind on the emulator after clean-up: ${JSON.stringify(await cleanUp())}`);
    await api?.close();
  });

  /**
   * Leaves nothing behind on the shared emulator: every endpoint of the fuzz tenants (once it
   * has settled; they hold versions), the packaging jobs it queued, then every model with its
   * versions.
   */
  async function cleanUp(): Promise<{ endpoints: number; models: number }> {
    const all = async (path: string, tenant: string) => {
      const names: string[] = [];
      let next: string | undefined;
      do {
        const page = await api.call<{ items: { name?: string; jobId?: string }[]; nextToken?: string }>({
          method: 'GET',
          path: `${path}?limit=100${next ? `&nextToken=${encodeURIComponent(next)}` : ''}`,
          tenant,
        });
        names.push(...page.body.items.map((i) => i.name ?? i.jobId ?? ''));
        next = page.body.nextToken;
      } while (next);
      return names;
    };
    const retry = async (what: () => Promise<number>, done: (status: number) => boolean) => {
      const until = Date.now() + 8_000;
      for (let status = await what(); !done(status) && Date.now() < until; status = await what()) await new Promise((resolve) => setTimeout(resolve, 150));
    };
    for (const tenant of tenants) {
      const endpoints = await all('/v1/endpoints', tenant);
      await Promise.all(
        endpoints.map(async (name) => {
          await retry(
            async () => (await api.call({ method: 'DELETE', path: `/v1/endpoints/${name}`, tenant })).status,
            (status) => status !== 409,
          );
          await retry(
            async () => (await api.call({ method: 'GET', path: `/v1/endpoints/${name}`, tenant })).status,
            (status) => status === 404,
          );
        }),
      );
    }
    for (const jobId of created.jobs) await api.call({ method: 'POST', path: `/v1/packaging-jobs/${jobId}/cancel`, tenant: fixtures.tenant });
    for (const tenant of tenants) {
      for (const name of await all('/v1/models', tenant)) {
        await retry(
          async () => (await api.call({ method: 'DELETE', path: `/v1/models/${name}`, tenant })).status,
          (status) => status !== 409,
        );
      }
    }
    const left = { endpoints: 0, models: 0 };
    for (const tenant of tenants) {
      left.endpoints += (await all('/v1/endpoints', tenant)).length;
      left.models += (await all('/v1/models', tenant)).length;
    }
    return left;
  }

  /** Path values: the fixtures' real names, values valid by the schema, and odd ones. */
  function pathValue(operation: OperationSpec, name: string): fc.Arbitrary<{ value: string; odd: boolean }> {
    const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    const real: Record<string, () => string> = {
      modelName: () => fixtures.model,
      endpointName: () => fixtures.endpoint,
      version: () => String(fixtures.versions[0]),
      alias: () => fixtures.alias,
      jobId: () => fixtures.jobId,
    };
    const fixture = real[name];
    return fc.oneof(
      { weight: 3, arbitrary: fixture ? fc.constant(null).map(() => ({ value: fixture(), odd: false })) : fc.constant({ value: 'x', odd: false }) },
      { weight: 3, arbitrary: arbitraryOf(openApiDocument, parameter?.schema).map((v) => ({ value: String(v), odd: false })) },
      { weight: 2, arbitrary: fc.constantFrom(...oddPathValues).map((value) => ({ value, odd: true })) },
    );
  }

  function encodePath(template: string, values: Record<string, string>): string {
    // Odd values that are already escapes (%00, %ED%A0%80) go as sent.
    return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = values[name] ?? 'x';
      return /%[0-9A-F]{2}/i.test(value) ? value : encodeURIComponent(value);
    });
  }

  function queryOf(operation: OperationSpec): fc.Arbitrary<{ values: Record<string, string>; kind: string }> {
    // A made-up nextToken is always refused: valid queries start at the first page.
    const own = operation.parameters.filter((p) => p.in === 'query' && p.name !== 'nextToken');
    const valid = fc.record(
      Object.fromEntries(own.map((p) => [p.name, arbitraryOf(openApiDocument, p.schema).map((v) => (Array.isArray(v) ? v.join(',') : String(v)))])),
      { requiredKeys: own.filter((p) => p.required).map((p) => p.name) },
    );
    const names = own.length > 0 ? own.map((p) => p.name) : ['limit'];
    return fc.oneof(
      { weight: 4, arbitrary: valid.map((values) => ({ values: values, kind: 'valid query' })) },
      {
        weight: 1,
        arbitrary: fc
          .record({ n: fc.constantFrom(...names), v: fc.constantFrom(...oddValues) })
          .map(({ n, v }) => ({ values: { [n]: v }, kind: 'odd query value' })),
      },
      { weight: 1, arbitrary: fc.constant({ values: { limt: '5' }, kind: 'unknown query parameter' }) },
    );
  }

  /** A body: valid by the schema, or broken in one of many ways; with its content type. */
  function bodyOf(operation: OperationSpec): fc.Arbitrary<{ body?: string; contentType?: string; kind: string }> {
    const json = (value: unknown) => JSON.stringify(value);
    if (!operation.body) {
      // fetch cannot send a GET with a body (test/fuzz/defects.int.test.ts sends one on a socket).
      if (operation.method === 'GET') return fc.constant({ kind: 'no body' });
      return fc.oneof(
        { weight: 6, arbitrary: fc.constant({ kind: 'no body' }) },
        { weight: 1, arbitrary: fc.constant({ body: '{"a":1}', contentType: 'application/json', kind: 'body where none is taken' }) },
      );
    }
    const valid = arbitraryOf(openApiDocument, operation.body.schema);
    const mutate = valid.chain((value) => {
      const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      const keys = Object.keys(object);
      const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('name');
      const nasty = fc.constantFrom<unknown>(
        'x'.repeat(1_000_000),
        '\u0000',
        'a\u0000b',
        '\ud800',
        'x\udfff',
        '\u202e\u05e9\u{1F999}',
        -1,
        -0,
        1e308,
        -1e308,
        2 ** 53 + 1,
        1.5,
        'NaN',
        true,
        null,
        [],
        {},
        [[[[[[]]]]]],
        JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200)) as unknown,
      );
      return fc.oneof(
        key.chain((k) => nasty.map((v) => ({ body: json({ ...object, [k]: v }), kind: 'nasty field value' }))),
        key.map((k) => {
          const { [k]: _dropped, ...rest } = object;
          return { body: json(rest), kind: 'missing field' };
        }),
        fc.constant({ body: json({ ...object, colour: 'blue' }), kind: 'extra field' }),
        key.chain((k) => fc.constantFrom(42, 'str', true, [1], { x: 1 }).map((v) => ({ body: json({ ...object, [k]: v }), kind: 'wrong type' }))),
        fc.constant({ body: json(object).slice(0, -1), kind: 'malformed JSON' }),
        fc.constantFrom('', '   ', 'null', '[]', '"text"', '1', '{"a":' + '['.repeat(5000)).map((body) => ({ body, kind: 'odd JSON document' })),
        fc.constant({ body: json(object), contentType: 'text/plain', kind: 'wrong content type' }),
        fc.constant({ body: json(object), contentType: 'application/x-www-form-urlencoded', kind: 'wrong content type' }),
      );
    });
    return fc.oneof(
      { weight: 3, arbitrary: valid.map((value) => ({ body: json(value), contentType: 'application/json', kind: 'valid body' })) },
      { weight: 4, arbitrary: mutate.map((m) => ({ contentType: 'application/json', ...m })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'no body' }) },
    );
  }

  /** A request: explored from the schemas (valid or broken), or, for some operations, built on the fixtures. */
  function requestOf(operation: OperationSpec): fc.Arbitrary<Sent> {
    const built = fixtureRequestOf(operation.operationId);
    if (!built) return exploredRequestOf(operation);
    const fromFixtures = built.map((request): Sent => ({
      method: operation.method,
      path: encodePath(operation.path, request.path),
      query: request.query,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      headers: request.body === undefined ? {} : { 'Content-Type': 'application/json' },
      tenant: fixtures.tenant,
      kind: request.kind,
      valid: true,
      fixture: request,
    }));
    return fc.oneof({ weight: 1, arbitrary: exploredRequestOf(operation) }, { weight: 1, arbitrary: fromFixtures });
  }

  function exploredRequestOf(operation: OperationSpec): fc.Arbitrary<Sent> {
    const pathNames = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
    return fc
      .record({
        path: fc.record(Object.fromEntries(pathNames.map((name) => [name, pathValue(operation, name)]))),
        query: queryOf(operation),
        body: bodyOf(operation),
        tenant: fc.constantFrom(...tenants),
        idempotencyKey: operation.idempotent ? fc.option(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,40}$/), { nil: undefined }) : fc.constant(undefined),
      })
      .map(({ path, query, body, tenant, idempotencyKey }) => ({
        method: operation.method,
        path: encodePath(operation.path, Object.fromEntries(Object.entries(path as Record<string, { value: string }>).map(([k, v]) => [k, v.value]))),
        query: query.values,
        ...(body.body === undefined ? {} : { body: body.body }),
        headers: { ...(body.contentType ? { 'Content-Type': body.contentType } : {}), ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) },
        tenant,
        kind: body.kind === 'valid body' || body.kind === 'no body' ? query.kind : `${body.kind}${query.kind === 'valid query' ? '' : `, ${query.kind}`}`,
        valid:
          Object.values(path as Record<string, { odd: boolean }>).every((p) => !p.odd) &&
          query.kind === 'valid query' &&
          (body.kind === 'valid body' || (body.kind === 'no body' && !operation.body?.required)),
      }));
  }

  async function send(operation: OperationSpec, request: Sent): Promise<void> {
    const search = new URLSearchParams(request.query).toString();
    const path = `${request.path}${search ? `?${search}` : ''}`;
    if (request.fixture) {
      // What fixture-requests.ts builds must be valid by the spec, or its 2xx share means nothing.
      const checked = validator.validate(operation, {
        pathParameters: request.fixture.path,
        query: request.query,
        headers: request.headers,
        body: request.body,
        contentType: request.headers['Content-Type'],
      });
      expect(checked.ok ? [] : checked.errors, `a fixture-built request is valid by the spec: ${operation.operationId} ${path} ${request.body ?? ''}`).toEqual(
        [],
      );
      if (request.fixture.settle) await settled(fixtures.endpoint, fixtures.tenant);
    }
    const started = Date.now();
    let answer: ApiAnswer;
    try {
      answer = await api.call({
        method: request.method,
        path,
        ...(request.body === undefined ? {} : { body: request.body }),
        headers: request.headers,
        tenant: request.tenant,
      });
    } catch (error) {
      throw new Error(`${operation.operationId} ${request.kind}: ${request.method} ${path.slice(0, 300)} -> ${(error as Error).message.slice(0, 1500)}`, {
        cause: error,
      });
    }
    const took = Date.now() - started;
    const entry = stats.get(operation.operationId) ?? {
      sent: 0,
      statuses: {},
      kinds: {},
      valid: 0,
      valid2xx: 0,
      fixture: 0,
      fixture2xx: 0,
      fixtureRefusals: {},
    };
    const ok = answer.status >= 200 && answer.status < 300;
    entry.sent += 1;
    if (request.valid) {
      entry.valid += 1;
      entry.valid2xx += Number(ok);
    }
    if (request.fixture) {
      entry.fixture += 1;
      entry.fixture2xx += Number(ok);
      if (!ok) {
        const problem = answer.body as { code?: string; errors?: { path: string }[] } | undefined;
        const why = `${answer.status} ${problem?.code ?? ''} ${problem?.errors?.[0]?.path ?? ''}`.trim();
        entry.fixtureRefusals[why] = (entry.fixtureRefusals[why] ?? 0) + 1;
      }
    }
    entry.statuses[answer.status] = (entry.statuses[answer.status] ?? 0) + 1;
    entry.kinds[request.kind] = (entry.kinds[request.kind] ?? 0) + 1;
    stats.set(operation.operationId, entry);
    if (ok) await remember(operation.operationId, request.tenant, answer.body as Record<string, unknown>);
    const what = `${operation.operationId} (${request.kind}) ${request.method} ${path.slice(0, 200)} -> ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 800)}`;
    expect(answer.status >= 500 && answer.status !== 503, `no 5xx but a declared 503: ${what}`).toBe(false);
    if (answer.status >= 400) expect(answer.headers.get('content-type'), `errors are problem+json: ${what}`).toMatch(/^application\/problem\+json/);
    const text = JSON.stringify(answer.body ?? '');
    for (const leak of leaks) expect(leak.test(text), `no internals (${String(leak)}): ${what}`).toBe(false);
    expect(took, `answered within ${slowMs} ms: ${what}`).toBeLessThan(slowMs);
  }

  /** Records what a 2xx made: versions of the fixture model (updates use them), endpoints and jobs (cleaned up). */
  async function remember(operationId: string, tenant: string, body: Record<string, unknown> | undefined): Promise<void> {
    if (operationId === 'createModelVersion' && tenant === fixtures.tenant && body?.model === fixtures.model && typeof body.version === 'number')
      fixtures.versions.push(body.version);
    if (operationId === 'createEndpoint' && typeof body?.name === 'string') created.endpoints.add(body.name);
    // Versions 1 and 2 stay approved, so the endpoint operations after this one can serve them.
    if (
      operationId === 'updateModelVersion' &&
      tenant === fixtures.tenant &&
      body?.model === fixtures.model &&
      Number(body.version) <= 2 &&
      body.approval !== 'approved'
    ) {
      expect(
        (await api.call({ method: 'PATCH', path: `/v1/models/${fixtures.model}/versions/${String(body.version)}`, body: { approval: 'approved' }, tenant }))
          .status,
      ).toBe(200);
    }
    if (operationId === 'createPackagingJob' && typeof body?.jobId === 'string') created.jobs.add(body.jobId);
  }

  // Deletes last, so the other operations see the fixtures first.
  const order = [...operations].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
  it.each(order.map((o) => [o.operationId, o] as const))(
    '%s answers only what the spec documents',
    async (_id, operation) => {
      await fc.assert(
        fc.asyncProperty(requestOf(operation), async (request) => send(operation, request)),
        { numRuns: runs, seed, endOnFailure: true },
      );
    },
    Math.max(120_000, runs * 2_000),
  );
});
