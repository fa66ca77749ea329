/**
 * The defects the fuzzing found, seen through the local control plane (the units' own tests
 * are in test/fuzz/defects.test.ts). Every call() answer is also checked against the spec.
 */
import { connect } from 'node:net';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localResources } from '../../local/bootstrap.js';
import { maxBodyBytes } from '../../local/server.js';
import { emulatorClients, safetensors, uploadTinyModel } from '../support/aws.js';
import { startTestControlPlane, uniqueName } from '../support/control-plane.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:fuzz';
const tenant = 'fuzz-defects';

/** Sends raw bytes and reads the whole answer: for requests fetch refuses to send. */
function raw(url: string, request: string): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      let body = rest.join('\r\n\r\n');
      // A chunked answer: size lines and chunks; the tests' answers are small, so join the chunks.
      if (/transfer-encoding: chunked/i.test(head))
        body = body
          .split('\r\n')
          .filter((_, i) => i % 2 === 1)
          .join('');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body });
    });
  });
}

describe('defects found by fuzzing, through the local plane', () => {
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const { s3 } = emulatorClients();
  let model: string;

  beforeAll(async () => {
    api = await startTestControlPlane();
    model = uniqueName('fuzz-d');
    expect((await api.call({ method: 'POST', path: '/v1/models', body: { name: model }, tenant })).status).toBe(201);
    const weights = await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('fuzz-d-w')}/`);
    expect(
      (await api.call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: weights.uri, imageUri: image }, tenant })).status,
    ).toBe(201);
  });
  afterAll(async () => api?.close());

  describe('corrupt safetensors weights are a 400 naming the file (defect 4)', () => {
    const header = (json: string) => {
      const length = Buffer.alloc(8);
      length.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
      return Buffer.concat([length, Buffer.from(json)]);
    };
    const good = safetensors({ w: [4, 4] });
    it.each([
      ['an empty file', Buffer.alloc(0), 'too short'],
      ['a file of 3 bytes', Buffer.from([1, 2, 3]), 'too short'],
      ['a header length of zero', Buffer.alloc(16), 'header length is 0'],
      ['a header length past the end', Buffer.concat([Buffer.from([255, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{}')]), 'only 10 bytes'],
      ['a header length over 100 MB', Buffer.from([255, 255, 255, 255, 255, 255, 255, 255]), 'must be 1 to'],
      ['a header that is not JSON', header('{"w": {"dtype": '), 'not valid JSON'],
      ['a header that is a list', header('[1, 2]'), 'not a JSON object'],
      ['a shape whose size overflows', header(JSON.stringify({ w: { dtype: 'BF16', shape: [2 ** 40, 2 ** 40], data_offsets: [0, 0] } })), 'too large'],
      ['a negative dimension', header(JSON.stringify({ w: { dtype: 'BF16', shape: [-4, 4], data_offsets: [0, 0] } })), 'non-negative'],
      ['data cut short', good.subarray(0, good.length - 8), 'truncated'],
    ])('%s', async (_label, bytes, problem) => {
      const prefix = `${uniqueName('fuzz-bad')}/`;
      await s3.send(
        new PutObjectCommand({ Bucket: localResources.artifactBucket, Key: `${prefix}config.json`, Body: JSON.stringify({ model_type: 'llama' }) }),
      );
      await s3.send(new PutObjectCommand({ Bucket: localResources.artifactBucket, Key: `${prefix}model-00001.safetensors`, Body: bytes }));
      const answer = await api.call({
        method: 'POST',
        path: `/v1/models/${model}/versions`,
        body: { modelDataUri: `s3://${localResources.artifactBucket}/${prefix}`, imageUri: image },
        tenant,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        {
          path: '/body/modelDataUri',
          message: expect.stringMatching(
            new RegExp(`model-00001\\.safetensors, which is not a valid safetensors file: .*${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
          ),
        },
      ]);
    });
  });

  it.each([
    ['start', 'start=2025-12-31T23:59:60Z'],
    ['end', 'end=2025-12-31T23:59:60Z'],
  ])('refuses a leap second in %s of a metrics window with a 400 (defect 5)', async (name, query) => {
    const answer = await api.call({ method: 'GET', path: `/v1/endpoints/no-such-endpoint/metrics?${query}`, tenant });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ path: `/query/${name}`, message: expect.stringContaining('leap seconds') }]);
    expect(JSON.stringify(answer.body)).not.toContain('NaN');
  });

  it.each([
    ['createModel', 'POST', () => '/v1/models', () => `{"name": "${uniqueName('fuzz-s')}", "description": "a\\ud800b"}`, '/body/description'],
    ['updateModel', 'PATCH', () => `/v1/models/${model}`, () => '{"labels": {"team": "\\ud800"}}', '/body/labels/team'],
    ['updateModelVersion', 'PATCH', () => `/v1/models/${model}/versions/1`, () => '{"description": "\\udfff"}', '/body/description'],
  ])('refuses a lone surrogate in %s with a 400 (defect 6)', async (_op, method, path, body, pointer) => {
    const answer = await api.call({ method, path: path(), body: body(), tenant });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ path: pointer, message: expect.stringContaining('not valid Unicode') }]);
  });

  it.each([
    [
      'an empty label key on updateModelVersion',
      'PATCH',
      () => `/v1/models/${model}/versions/1`,
      { labels: { '': 'café' }, approval: 'approved' },
      '/body/labels/',
    ],
    ['a label key with a space on updateModel', 'PATCH', () => `/v1/models/${model}`, { labels: { 'my team': 'search' } }, '/body/labels/my team'],
    [
      'an environment key starting with a digit on createModelVersion',
      'POST',
      () => `/v1/models/${model}/versions`,
      { modelDataUri: 's3://x/y/', imageUri: image, environment: { '1X': 'v' } },
      '/body/environment/1X',
    ],
  ])('refuses %s with a 400 naming the key (the spec’s x-key-pattern; found by the 100-run fuzz)', async (_case, method, path, body, pointer) => {
    const answer = await api.call({ method, path: path(), body, tenant });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toContainEqual({ path: pointer, message: expect.stringContaining('is not an allowed key') });
  });

  it.each(['/v1/instance-types', '/v1/series'])('answers %s with an unknown query parameter a declared 400 (defect 7)', async (path) => {
    const answer = await api.call({ method: 'GET', path: `${path}?limt=5`, tenant });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ path: '/query/limt', message: 'is not a known property' }]);
  });

  it('answers a URL over 16 KB with a problem+json 431 (defect 8)', async () => {
    const answer = await raw(api.url, `GET /v1/models/${'a'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 431, code: 'RequestHeaderFieldsTooLarge' });
  });

  it('answers a control character in a header with a problem+json 400 (defect 8)', async () => {
    const answer = await raw(api.url, 'GET /v1/series HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: 'BadRequest' });
  });

  it('answers a GET with a body as a problem, not a hang (sent on a socket: fetch refuses)', async () => {
    const answer = await raw(
      api.url,
      `GET /v1/series HTTP/1.1\r\nHost: x\r\nX-Modelplane-Tenant: ${tenant}\r\nContent-Type: application/json\r\nContent-Length: 7\r\nConnection: close\r\n\r\n{"a":1}`,
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ path: '/body', message: 'this operation takes no body' }] });
  });

  it('answers a body over the 6 MB limit with a declared problem+json 413', async () => {
    const answer = await api.call({ method: 'POST', path: '/v1/models', body: JSON.stringify({ name: 'x', description: 'd'.repeat(maxBodyBytes) }), tenant });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'RequestTooLarge' });
  });

  it.each(['/v1/models/%E0%A4%A', '/v1/endpoints/%E0%A4%A/metrics', '/v1/packaging-jobs/100%'])(
    'answers %s, a path with a broken escape, a problem whose instance is a URI reference (defect 9)',
    async (path) => {
      // call() checks the answer against the spec: instance is format uri-reference.
      const answer = await api.call({ method: 'GET', path, tenant });
      expect(answer.status).toBe(400);
      expect(answer.body.instance).toBe(path.replace(/%(?![0-9A-F]{2})/g, '%25'));
    },
  );

  it.each(['0x10', '1e0', '-0', '%00'])('does not read version %s as a number (defect 8)', async (version) => {
    const answer = await api.call({ method: 'GET', path: `/v1/models/${model}/versions/${version}`, tenant });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ path: '/path/version', message: expect.any(String) }]);
  });
});
