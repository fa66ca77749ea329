import { afterEach, describe, expect, it, vi } from 'vitest';
import { createModelplaneClient, ModelplaneNetworkError, ModelplaneProblem, ModelplaneTimeoutError, type ModelplaneClientOptions } from '@modelplane/sdk';

type Reply = Response | ((request: Request) => Response | Promise<Response>);

/** A fetch that answers from a script, one reply per request, and records what was sent. */
function scriptedFetch(...replies: Reply[]) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push(request.clone());
    const reply = replies.shift();
    if (!reply) throw new Error(`unexpected request ${request.method} ${request.url}`);
    return typeof reply === 'function' ? reply(request) : reply;
  });
  return { fetch, requests };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `urn:modelplane:problem:${code}`, title: 'T', status, code, detail: `a ${code}`, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
const model = (name: string) => ({ name, labels: {}, aliases: {}, createdAt: '2025-06-01T12:00:00Z', updatedAt: '2025-06-01T12:00:00Z' });

function client(fetch: ModelplaneClientOptions['fetch'], options: Partial<ModelplaneClientOptions> = {}) {
  return createModelplaneClient({ baseUrl: 'http://api.test/v1/', fetch, retry: { baseDelayMs: 1, maxDelayMs: 5_000 }, ...options });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('requests', () => {
  it('drops a trailing /v1 from the base URL (the spec paths carry it) and sends typed path, query and body', async () => {
    const { fetch, requests } = scriptedFetch(json(model('m1')), json({ endpoint: 'e', start: 's', end: 'e', period: 60, series: [] }));
    const api = client(fetch);
    await api.models.update('m1', { description: 'd' });
    await api.metrics.get('e1', { metrics: ['gpuUtilization', 'invocations'], period: 300 });
    expect(requests[0]!.method).toBe('PATCH');
    expect(requests[0]!.url).toBe('http://api.test/v1/models/m1');
    expect(await requests[0]!.json()).toEqual({ description: 'd' });
    // The spec's `metrics` is form, explode: false: one comma-separated value.
    expect(decodeURIComponent(requests[1]!.url)).toBe('http://api.test/v1/endpoints/e1/metrics?metrics=gpuUtilization,invocations&period=300');
  });

  it('sends the variants to read as one comma-separated value, and perVariant', async () => {
    const { fetch, requests } = scriptedFetch(json({ endpoint: 'e1', start: 's', end: 'e', period: 60, series: [] }));
    await client(fetch).metrics.get('e1', { metrics: ['modelLatency'], variant: ['a', 'b'], perVariant: true });
    expect(decodeURIComponent(requests[0]!.url)).toBe('http://api.test/v1/endpoints/e1/metrics?metrics=modelLatency&variant=a,b&perVariant=true');
  });

  it('calls the token function before every request and sends it as a bearer, with the extra headers', async () => {
    const { fetch, requests } = scriptedFetch(json(model('a')), json(model('b')), json(model('c')));
    let n = 0;
    const token = vi.fn(async () => `token-${++n}`);
    const api = client(fetch, { token, headers: { 'X-Modelplane-Tenant': 't1' } });
    for (const name of ['a', 'b', 'c']) await api.models.get(name);
    expect(token).toHaveBeenCalledTimes(3);
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2', 'Bearer token-3']);
    expect(requests.every((r) => r.headers.get('x-modelplane-tenant') === 't1')).toBe(true);
  });

  it('sends an Idempotency-Key on creates only', async () => {
    const { fetch, requests } = scriptedFetch(json(model('m'), 201), json(model('m')), json(model('m'), 201));
    const api = client(fetch);
    await api.models.create({ name: 'm' });
    await api.models.get('m');
    await api.models.create({ name: 'm' }, { idempotencyKey: 'mine-1' });
    expect(requests[0]!.headers.get('idempotency-key')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(requests[1]!.headers.get('idempotency-key')).toBeNull();
    expect(requests[2]!.headers.get('idempotency-key')).toBe('mine-1');
  });
});

describe('retries', () => {
  it('retries 429 and 503 after Retry-After, with the same Idempotency-Key on every attempt', async () => {
    vi.useFakeTimers();
    const { fetch, requests } = scriptedFetch(
      problem(429, 'Throttled', {}, { 'Retry-After': '2' }),
      problem(503, 'ServiceUnavailable', {}, { 'Retry-After': '1' }),
      json(model('m'), 201),
    );
    const created = client(fetch).models.create({ name: 'm' });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await created).toMatchObject({ name: 'm' });
    const keys = requests.map((r) => r.headers.get('idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBeTruthy();
  });

  it('gives up after the configured attempts and throws the last problem', async () => {
    const { fetch } = scriptedFetch(problem(503, 'InsufficientCapacity'), problem(503, 'InsufficientCapacity'), problem(503, 'InsufficientCapacity'));
    const error = await client(fetch, { retry: { attempts: 3, baseDelayMs: 1 } })
      .models.get('m')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelplaneProblem);
    expect(error).toMatchObject({ status: 503, code: 'InsufficientCapacity' });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('does not wait for a Retry-After beyond maxDelayMs, nor retry when retry is false or the status is not retryable', async () => {
    const long = scriptedFetch(problem(429, 'Throttled', {}, { 'Retry-After': '60' }));
    expect(
      await client(long.fetch)
        .models.get('m')
        .catch((e: unknown) => e),
    ).toMatchObject({ status: 429, retryAfter: 60 });
    expect(long.fetch).toHaveBeenCalledTimes(1);
    const off = scriptedFetch(problem(503, 'ServiceUnavailable'));
    expect(
      await client(off.fetch, { retry: false })
        .models.get('m')
        .catch((e: unknown) => e),
    ).toMatchObject({ status: 503 });
    expect(off.fetch).toHaveBeenCalledTimes(1);
    const conflict = scriptedFetch(problem(409, 'EndpointBusy', { currentStatus: 'updating' }));
    expect(
      await client(conflict.fetch)
        .endpoints.update('e', { instanceCount: 2 })
        .catch((e: unknown) => e),
    ).toMatchObject({ code: 'EndpointBusy' });
    expect(conflict.fetch).toHaveBeenCalledTimes(1);
  });

  it('retries a lost answer of a safe call, but not of a PATCH', async () => {
    const get = scriptedFetch(() => Promise.reject(new TypeError('fetch failed')), json(model('m')));
    expect(await client(get.fetch).models.get('m')).toMatchObject({ name: 'm' });
    const patch = scriptedFetch(() => Promise.reject(new TypeError('fetch failed')));
    const error = await client(patch.fetch)
      .models.update('m', { description: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelplaneNetworkError);
    expect(error).toMatchObject({ operationId: 'updateModel', message: 'updateModel failed: fetch failed' });
    expect(patch.fetch).toHaveBeenCalledTimes(1);
  });
});

describe('errors', () => {
  it('parses a problem document into ModelplaneProblem', async () => {
    const { fetch } = scriptedFetch(
      problem(400, 'ValidationFailed', { requestId: 'req-1', errors: [{ path: '/body/name', message: 'bad' }] }, { 'X-Request-Id': 'other' }),
    );
    const error = (await client(fetch)
      .models.create({ name: 'x' })
      .catch((e: unknown) => e)) as ModelplaneProblem;
    expect(error).toBeInstanceOf(ModelplaneProblem);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ModelplaneProblem',
      status: 400,
      code: 'ValidationFailed',
      title: 'T',
      detail: 'a ValidationFailed',
      errors: [{ path: '/body/name', message: 'bad' }],
      requestId: 'req-1',
      retryAfter: undefined,
      operationId: 'createModel',
    });
    expect(error.problem.type).toBe('urn:modelplane:problem:ValidationFailed');
    expect(error.is('ValidationFailed')).toBe(true);
  });

  it('gives a SourceNotAllowed refusal of a packaging job its field and the allowed locations, typed', async () => {
    const allowedSources = ['s3://artifacts/uploads/', 's3://training-output/'];
    const { fetch } = scriptedFetch(problem(400, 'SourceNotAllowed', { errors: [{ path: '/body/source/uri', message: 'is outside' }], allowedSources }));
    const error = (await client(fetch)
      .packagingJobs.create({ source: { type: 's3', uri: 's3://elsewhere/job/output/model.tar.gz' } })
      .catch((e: unknown) => e)) as ModelplaneProblem;
    expect(error.is('SourceNotAllowed')).toBe(true);
    expect(error.errors).toEqual([{ path: '/body/source/uri', message: 'is outside' }]);
    const listed: string[] | undefined = error.problem.allowedSources;
    expect(listed).toEqual(allowedSources);
  });

  it('takes the request id from X-Request-Id and the wait from Retry-After when the body has none', async () => {
    const { fetch } = scriptedFetch(problem(429, 'Throttled', {}, { 'X-Request-Id': 'req-h', 'Retry-After': '7' }));
    const error = await client(fetch, { retry: false })
      .models.get('m')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ requestId: 'req-h', retryAfter: 7, errors: [] });
  });

  it('keeps an answer that is not a problem document as UnexpectedResponse', async () => {
    const { fetch } = scriptedFetch(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const error = await client(fetch)
      .models.get('m')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'UnexpectedResponse', title: 'HTTP 502', problem: { body: '<html>Bad gateway</html>' } });
  });

  it('times out an attempt with ModelplaneTimeoutError, and passes the caller’s abort through', async () => {
    // Like a real fetch: rejects with the signal's reason once it aborts, or at once if it has.
    const hang = (request: Request) =>
      new Promise<Response>((_resolve, reject) => {
        if (request.signal.aborted) reject(request.signal.reason as Error);
        request.signal.addEventListener('abort', () => reject(request.signal.reason as Error));
      });
    const slow = scriptedFetch(hang);
    const error = await client(slow.fetch, { timeoutMs: 20, retry: false })
      .models.get('m')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelplaneTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 20 });

    const aborted = scriptedFetch(hang);
    const controller = new AbortController();
    const pending = client(aborted.fetch)
      .models.get('m', { signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort(new Error('user left'));
    expect(await pending).toMatchObject({ message: 'user left' });
  });
});

describe('pagination', () => {
  it('follows nextToken across pages, keeping the query, as items and as pages', async () => {
    const pages = () => [json({ items: [model('a'), model('b')], nextToken: 't1' }), json({ items: [model('c')], nextToken: 't2' }), json({ items: [] })];
    const items = scriptedFetch(...pages());
    const names: string[] = [];
    for await (const m of client(items.fetch).models.list({ limit: 2 })) names.push(m.name);
    expect(names).toEqual(['a', 'b', 'c']);
    expect(items.requests.map((r) => new URL(r.url).search)).toEqual(['?limit=2', '?limit=2&nextToken=t1', '?limit=2&nextToken=t2']);

    const whole = scriptedFetch(...pages());
    const sizes: number[] = [];
    for await (const page of client(whole.fetch).models.list({ limit: 2 }).pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([2, 1, 0]);
  });

  it('starts from a kept nextToken, and fetches nothing until iterated', async () => {
    const { fetch, requests } = scriptedFetch(json({ items: [{ ...model('m'), version: 3 }] }));
    const list = client(fetch).versions.list('m', { nextToken: 'kept' });
    expect(fetch).not.toHaveBeenCalled();
    expect(await list.toArray()).toHaveLength(1);
    expect(new URL(requests[0]!.url).pathname + new URL(requests[0]!.url).search).toBe('/v1/models/m/versions?nextToken=kept');
  });
});
