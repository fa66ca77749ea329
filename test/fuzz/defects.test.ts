/**
 * The defects the spec-driven fuzzing found (test/fuzz/api.int.test.ts), each held here at the
 * unit it lives in; test/fuzz/defects.int.test.ts holds the ones seen through the local plane.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { metricNames } from '../../lambdas/metrics/catalog.js';
import { resolveWindow } from '../../lambdas/metrics/rules.js';
import { countParameters } from '../../lambdas/registry/s3-artifacts.js';
import { createApiHandler } from '../../lambdas/shared/http/api-handler.js';
import { asUriReference, toProblem } from '../../lambdas/shared/http/problem.js';
import { OperationIndex } from '../../lambdas/shared/http/operation-index.js';
import { RequestValidator } from '../../lambdas/shared/http/request-validator.js';
import { openApiDocument } from '../../openapi/generated/spec.js';
import { proxyEvent } from '../support/events.js';

const index = new OperationIndex(openApiDocument);
const validator = new RequestValidator(openApiDocument);
const validate = (operationId: string, raw: { path?: Record<string, string>; query?: Record<string, string>; body?: string }) =>
  validator.validate(index.operations.get(operationId)!, {
    pathParameters: raw.path ?? {},
    query: raw.query ?? {},
    headers: {},
    body: raw.body,
    contentType: raw.body === undefined ? undefined : 'application/json',
  });

describe('leap seconds in metrics windows (defect 5)', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it.each([
    ['start', { start: '2025-12-31T23:59:60Z' }],
    ['end', { end: '2025-12-31T23:59:60Z' }],
  ])('refuses a leap second in %s at the request validator', (name, query) => {
    const result = validate('getEndpointMetrics', { path: { endpointName: 'e' }, query });
    expect(result).toEqual({ ok: false, errors: [{ path: `/query/${name}`, message: expect.stringContaining('leap seconds') }] });
  });

  it('says which time it cannot read instead of "is NaN minutes ago" when the service is called directly', () => {
    const result = resolveWindow({ metrics: metricNames, end: '2025-12-31T23:59:60Z', period: 60, now });
    expect(result).toEqual({ problems: [{ path: '/query/end', message: expect.stringContaining('not a time we can read') }] });
    expect(JSON.stringify(result)).not.toContain('NaN');
  });
});

describe('lone surrogates (defect 6)', () => {
  it('refuses one in any string or key of a body, naming where', () => {
    const body = JSON.stringify({ name: 'm', description: 'a\ud800b', labels: { team: '\udc00', '\ud800': 'x' } });
    const result = validate('createModel', { body });
    expect(result.ok).toBe(false);
    // The key is also not an allowed label key (Labels' x-key-pattern), which names it.
    expect(!result.ok && result.errors.map((e) => e.path).sort()).toEqual(['/body/description', '/body/labels', '/body/labels/team', '/body/labels/\ud800']);
  });

  it('takes a well-formed pair (an emoji) and right-to-left text', () => {
    expect(validate('createModel', { body: JSON.stringify({ name: 'm', description: '\ud83d\ude00 \u05e9\u05dc\u05d5\u05dd \u202e' }) }).ok).toBe(true);
  });

  it('refuses one in a query value', () => {
    expect(validate('listModels', { query: { nextToken: '\ud800' } })).toMatchObject({
      ok: false,
      errors: [{ path: '/query/nextToken', message: expect.stringContaining('Unicode') }],
    });
  });

  it('answers a path segment whose escape is malformed as a parameter problem, not a throw', () => {
    expect(index.matchPath('/v1/models/%ED%A0%80')?.pathParameters).toEqual({ modelName: '%ED%A0%80' });
  });
});

describe('numbers in paths and queries are plain decimals (defect 8)', () => {
  it.each(['0x10', '1e3', '0b1', ' 7', '16.0', '', '+1'])('refuses version %j', (version) => {
    expect(validate('getModelVersion', { path: { modelName: 'm', version } })).toMatchObject({ ok: false, errors: [{ path: '/path/version' }] });
  });

  it('reads 16 as 16', () => {
    expect(validate('getModelVersion', { path: { modelName: 'm', version: '16' } })).toMatchObject({ ok: true, request: { path: { version: 16 } } });
  });

  it('refuses limit=1e1 rather than reading it as 10', () => {
    expect(validate('listModels', { query: { limit: '1e1' } }).ok).toBe(false);
  });
});

describe('safetensors headers (defect 4)', () => {
  it.each([
    ['a header that is not an object', [], 'not a JSON object'],
    ['a tensor without a shape', { w: { dtype: 'BF16', data_offsets: [0, 2] } }, 'no shape'],
    ['a negative dimension', { w: { dtype: 'BF16', shape: [-1, 4], data_offsets: [0, 8] } }, 'no shape'],
    ['a shape whose size overflows', { w: { dtype: 'BF16', shape: [2 ** 40, 2 ** 40], data_offsets: [0, 2] } }, 'too large'],
    ['a dimension that is not an integer', { w: { dtype: 'BF16', shape: ['x'], data_offsets: [0, 2] } }, 'no shape'],
    ['data beyond the file', { w: { dtype: 'BF16', shape: [4], data_offsets: [0, 8] } }, 'truncated'],
    ['no data offsets', { w: { dtype: 'BF16', shape: [1] } }, 'data_offsets'],
  ])('says what is wrong with %s', (_label, header, problem) => {
    expect(countParameters(header, 4)).toEqual({ problem: expect.stringContaining(problem) });
  });

  it('counts a valid header', () => {
    expect(
      countParameters(
        { __metadata__: { format: 'pt' }, a: { dtype: 'BF16', shape: [2, 3], data_offsets: [0, 12] }, b: { dtype: 'BF16', shape: [], data_offsets: [12, 14] } },
        14,
      ),
    ).toEqual({ parameters: 7 });
  });
});

describe('one log context per request (defect 8)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs a 500 with its own request id while another request runs on the same logger', async () => {
    const lines: Record<string, unknown>[] = [];
    const capture = (chunk: string | Uint8Array) => {
      for (const line of String(chunk).split('\n')) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
      return true;
    };
    // Powertools writes errors to stderr and the rest to stdout.
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const logger = new Logger({ serviceName: 'fuzz', logLevel: 'INFO' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const slowStarted = new Promise<void>((resolve) => (entered = resolve));
    const handler = createApiHandler(
      {
        getModel: async ({ path }) => {
          if (path.modelName === 'slow') {
            entered();
            await gate;
            throw new Error('boom');
          }
          throw new Error('fast boom');
        },
      },
      { logger },
    );
    const context = (id: string) => ({ awsRequestId: id, functionName: 'fuzz', getRemainingTimeInMillis: () => 10_000 }) as unknown as Context;
    const event = (name: string) =>
      proxyEvent({
        method: 'GET',
        resource: '/v1/models/{modelName}',
        path: `/v1/models/${name}`,
        pathParameters: { modelName: name },
        tenant: name === 'slow' ? 'team-slow' : 'team-fast',
      });
    const slow = handler(event('slow'), context('req-slow'));
    await slowStarted;
    expect((await handler(event('fast'), context('req-fast'))).statusCode).toBe(500);
    release();
    expect((await slow).statusCode).toBe(500);
    const failures = lines.filter((line) => line.message === 'request failed');
    expect(failures.map((line) => [line.function_request_id, line.tenant])).toEqual([
      ['req-fast', 'team-fast'],
      ['req-slow', 'team-slow'],
    ]);
  });
});

describe("a problem's instance is a URI reference whatever path came (defect 9)", () => {
  it.each([
    ['a truncated escape', '/v1/models/%E0%A4%A', '/v1/models/%E0%A4%25A'],
    ['a lone percent sign', '/v1/models/100%', '/v1/models/100%25'],
    ['raw non-ASCII and a space (a decoded path)', '/v1/models/\u05e9 x', '/v1/models/%D7%A9%20x'],
    ['a lone surrogate', '/v1/models/\ud800', '/v1/models/%EF%BF%BD'],
  ])('encodes %s', (_label, path, instance) => {
    expect(asUriReference(path)).toBe(instance);
    expect(JSON.parse(toProblem(new Error('x'), { requestId: 'r', instance: path }).body)).toMatchObject({ instance });
  });

  it('keeps a path that is one already as it came', () => {
    for (const path of ['/v1/models/demo-model/versions/1', '/v1/models/%D7%A9', "/v1/x/a:b@c!$&'()*+,;=-._~"]) expect(asUriReference(path)).toBe(path);
  });
});
