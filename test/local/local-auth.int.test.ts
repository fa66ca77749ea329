import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localResources } from '../../local/bootstrap.js';
import { localUserPool } from '../../local/local-auth.js';
import { emulatorClients, uploadTinyModel } from '../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../support/control-plane.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';
const burst = 40;

/**
 * The local plane with JWT auth on: the tenant comes only from a verified ID token's
 * custom:tenant claim, placed where API Gateway's Cognito authorizer puts it, so the handlers'
 * own tenant resolution decides. The clock is injected (token expiry, throttling): nothing sleeps.
 */
describe('local control plane with JWT auth', () => {
  let at = Date.now();
  const now = () => at;
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  let tokenA: string;
  let tokenB: string;

  async function mint(body: unknown): Promise<Response> {
    return fetch(`${api.url}/local/tokens`, { method: 'POST', body: JSON.stringify(body) });
  }
  async function tokenFor(tenant: string, expiresIn?: number): Promise<string> {
    const answer = await mint({ tenant, ...(expiresIn ? { expiresIn } : {}) });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { token: string }).token;
  }
  const as = <T = any>(token: string | undefined, request: ApiCall): Promise<ApiAnswer<T>> =>
    api.call<T>({ ...request, headers: { ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }), ...request.headers } });

  beforeAll(async () => {
    // A burst well above what one test asks; the throttling test drains its own tenant's bucket.
    api = await startTestControlPlane({ auth: 'jwt', throttle: { rate: 1, burst }, now });
    tokenA = await tokenFor('team-a');
    tokenB = await tokenFor('team-b');
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves the JWKS the tokens verify against', async () => {
    const jwks = (await (await fetch(`${api.url}/.well-known/jwks.json`)).json()) as { keys: { kty: string; kid: string }[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256' })]);
  });

  it('accepts a token with and without the Bearer prefix, and refuses the tenant header alone', async () => {
    expect((await as(tokenA, { method: 'GET', path: '/v1/models' })).status).toBe(200);
    expect((await api.call({ method: 'GET', path: '/v1/models', headers: { Authorization: tokenA } })).status).toBe(200);
    const header = await api.call({ method: 'GET', path: '/v1/models', tenant: 'team-a' });
    expect(header.status).toBe(401);
    expect(header.headers.get('www-authenticate')).toBe('Bearer');
  });

  describe('tenant isolation', () => {
    let model: string;
    let endpoint: string;
    let jobId: string;

    beforeAll(async () => {
      at += 60_000; // a full bucket
      const { s3 } = emulatorClients();
      const artifact = await uploadTinyModel(s3, localResources.artifactBucket, `uploads/${uniqueName('auth-weights')}/`); // packaging reads uploads/ of the artifact bucket
      model = uniqueName('owned');
      endpoint = uniqueName('owned-ep');
      expect((await as(tokenA, { method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
      expect((await as(tokenA, { method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact.uri, imageUri: image } })).status).toBe(
        201,
      );
      expect(
        (await as(tokenA, { method: 'POST', path: '/v1/endpoints', body: { name: endpoint, model, version: 1, instanceType: 'ml.g5.2xlarge' } })).status,
      ).toBe(202);
      const job = await as(tokenA, {
        method: 'POST',
        path: '/v1/packaging-jobs',
        body: { source: { type: 's3', uri: artifact.uri }, model, buildImage: false },
      });
      expect(job.status).toBe(202);
      jobId = job.body.jobId as string;
    });
    afterAll(async () => {
      if (endpoint) await as(tokenA, { method: 'DELETE', path: `/v1/endpoints/${endpoint}` });
    });

    it('lets tenant A see its own model, version, endpoint and packaging job', async () => {
      expect((await as(tokenA, { method: 'GET', path: `/v1/models/${model}` })).body).toMatchObject({ name: model });
      expect((await as(tokenA, { method: 'GET', path: `/v1/models/${model}/versions/1` })).status).toBe(200);
      expect((await as(tokenA, { method: 'GET', path: `/v1/endpoints/${endpoint}` })).status).toBe(200);
      expect((await as(tokenA, { method: 'GET', path: `/v1/packaging-jobs/${jobId}` })).status).toBe(200);
    });

    it("answers 404 to tenant B for every read and change of tenant A's resources", async () => {
      const requests: ApiCall[] = [
        { method: 'GET', path: `/v1/models/${model}` },
        { method: 'PATCH', path: `/v1/models/${model}`, body: { description: 'mine now' } },
        { method: 'DELETE', path: `/v1/models/${model}` },
        { method: 'GET', path: `/v1/models/${model}/versions` },
        { method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: 's3://elsewhere/x/', imageUri: image } },
        { method: 'GET', path: `/v1/models/${model}/versions/1` },
        { method: 'PATCH', path: `/v1/models/${model}/versions/1`, body: { description: 'mine now' } },
        { method: 'DELETE', path: `/v1/models/${model}/versions/1` },
        { method: 'PUT', path: `/v1/models/${model}/aliases/prod`, body: { version: 1 } },
        { method: 'GET', path: `/v1/endpoints/${endpoint}` },
        { method: 'PATCH', path: `/v1/endpoints/${endpoint}`, body: { instanceCount: 2 } },
        { method: 'DELETE', path: `/v1/endpoints/${endpoint}` },
        { method: 'GET', path: `/v1/endpoints/${endpoint}/metrics` },
        { method: 'GET', path: `/v1/packaging-jobs/${jobId}` },
        { method: 'DELETE', path: `/v1/packaging-jobs/${jobId}` },
      ];
      for (const request of requests) {
        const answer = await as(tokenB, request);
        expect({ request: `${request.method} ${request.path}`, status: answer.status }).toEqual({ request: `${request.method} ${request.path}`, status: 404 });
      }
    });

    it("lists none of tenant A's resources to tenant B", async () => {
      const names = async (path: string, key: string) =>
        ((await as(tokenB, { method: 'GET', path })).body.items as Record<string, string>[]).map((item) => item[key]);
      expect(await names('/v1/models', 'name')).not.toContain(model);
      expect(await names('/v1/endpoints', 'name')).not.toContain(endpoint);
      expect(await names('/v1/packaging-jobs', 'jobId')).not.toContain(jobId);
    });
  });

  describe('bad tokens are 401 problems with WWW-Authenticate: Bearer', () => {
    const seconds = () => Math.floor(at / 1000);
    const idClaims = (extra: Record<string, unknown> = {}) => ({
      'custom:tenant': 'team-a',
      token_use: 'id',
      aud: localUserPool.clientId,
      sub: 'someone',
      ...extra,
    });
    async function otherKeyToken(): Promise<string> {
      const jwks = (await (await fetch(`${api.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT(idClaims())
        .setProtectedHeader({ alg: 'RS256', kid: jwks.keys[0]!.kid })
        .setIssuer(localUserPool.issuer)
        .setExpirationTime(seconds() + 600)
        .sign(privateKey);
    }
    /** A valid token of ours with its payload swapped, the signature kept. */
    async function tampered(): Promise<string> {
      const [header, , signature] = (await tokenFor('team-a')).split('.');
      return `${header}.${Buffer.from(JSON.stringify({ ...idClaims({ 'custom:tenant': 'team-b' }), iss: localUserPool.issuer, exp: seconds() + 600 })).toString('base64url')}.${signature}`;
    }

    it.each<[string, () => Promise<string | undefined>, RegExp]>([
      ['missing', () => Promise.resolve(undefined), /no ID token/],
      ['malformed', () => Promise.resolve('definitely.not.a-jwt'), /well-formed/],
      [
        'alg none',
        () =>
          Promise.resolve(
            new UnsecuredJWT(idClaims())
              .setIssuer(localUserPool.issuer)
              .setExpirationTime(seconds() + 600)
              .encode(),
          ),
        /RS256|well-formed/,
      ],
      ['signed by another key', otherKeyToken, /signature/],
      ['tampered payload', tampered, /signature/],
    ])('%s', async (_name, token, detail) => {
      const answer = await as(await token(), { method: 'GET', path: '/v1/models' });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(answer.body).toMatchObject({ code: 'Unauthorized', status: 401, detail: expect.stringMatching(detail) });
    });

    it('expired, by the injected clock', async () => {
      const token = await tokenFor('team-a', 60);
      expect((await as(token, { method: 'GET', path: '/v1/models' })).status).toBe(200);
      at += 61_000;
      const answer = await as(token, { method: 'GET', path: '/v1/models' });
      expect(answer.status).toBe(401);
      expect(answer.body.detail).toMatch(/expired/);
    });

    it.each<[string, Record<string, unknown>, RegExp]>([
      ['not yet valid', { nbf: Math.floor(Date.now() / 1000) + 3600 }, /not valid yet/],
      ['from another issuer', { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_someoneElse' }, /not issued by this user pool/],
      ['for another audience', { aud: 'another-app-client' }, /audience/],
      ['an access token', { token_use: 'access', aud: undefined, client_id: localUserPool.clientId }, /token_use/],
    ])('%s (signed by the plane itself)', async (_name, claims, detail) => {
      const answer = await as(await api.mintToken!({ tenant: 'team-a', claims }), { method: 'GET', path: '/v1/models' });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      expect(answer.body).toMatchObject({ code: 'Unauthorized', detail: expect.stringMatching(detail) });
    });

    it('no tenant claim, or an unusable one: the token passes the authorizer and the handlers answer 401, as in production', async () => {
      const none = await as(await api.mintToken!({}), { method: 'GET', path: '/v1/models' });
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('MissingTenant');
      const invalid = await as(await tokenFor('Not A Tenant'), { method: 'GET', path: '/v1/models' });
      expect(invalid.status).toBe(401);
      expect(invalid.body.code).toBe('InvalidTenant');
    });

    it('refuses to mint without a tenant (400 problem)', async () => {
      const answer = await mint({});
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { code: string }).code).toBe('ValidationFailed');
    });
  });

  it('throttles a tenant over its burst with 429 Throttled and Retry-After, then lets it through after the wait', async () => {
    at += 60_000;
    const token = await tokenFor('team-throttled');
    const answers: ApiAnswer[] = [];
    for (let i = 0; i <= burst; i++) answers.push(await as(token, { method: 'GET', path: '/v1/series' }));
    expect(answers.slice(0, burst).every((a) => a.status === 200)).toBe(true);
    const refused = answers[burst]!;
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'Throttled', status: 429 });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect((await as(tokenA, { method: 'GET', path: '/v1/series' })).status).toBe(200);
    at += retryAfter * 1000;
    expect((await as(token, { method: 'GET', path: '/v1/series' })).status).toBe(200);
  });
});
