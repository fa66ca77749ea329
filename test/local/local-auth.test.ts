import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalIssuer, TokenRefused, createLocalEdge, localUserPool, tokenOf } from '../../local/local-auth.js';
import { TokenBuckets, stageThrottling, throttleFromEnv } from '../../local/throttle.js';

/** A clock the tests move by hand: nothing here sleeps. */
function manualClock(start = Date.UTC(2030, 0, 1)): { now: () => number; advance(ms: number): void } {
  let at = start;
  return { now: () => at, advance: (ms) => (at += ms) };
}

async function refusal(issuer: LocalIssuer, token: string): Promise<string> {
  const error = await issuer.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenRefused);
  return (error as Error).message;
}

describe('LocalIssuer', () => {
  const clock = manualClock();
  let issuer: LocalIssuer;
  beforeAll(async () => {
    issuer = await LocalIssuer.create({ now: clock.now });
  });

  it('mints ID tokens that verify into string claims, as API Gateway hands them to handlers', async () => {
    const claims = await issuer.verify(await issuer.mint({ tenant: 'team-a' }));
    expect(claims).toMatchObject({ 'custom:tenant': 'team-a', token_use: 'id', aud: localUserPool.clientId, iss: localUserPool.issuer });
    expect(Object.values(claims).every((v) => typeof v === 'string')).toBe(true);
  });

  it('publishes one RS256 signing key without its private parts', () => {
    const [key, ...others] = issuer.jwks().keys;
    expect(others).toEqual([]);
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
  });

  it('refuses a token once it has expired, by the injected clock', async () => {
    const token = await issuer.mint({ tenant: 'team-a', expiresIn: 60 });
    await expect(issuer.verify(token)).resolves.toBeDefined();
    clock.advance(61_000);
    expect(await refusal(issuer, token)).toMatch(/expired/);
  });

  it.each<[string, (i: LocalIssuer) => Promise<string>, RegExp]>([
    ['not yet valid (nbf ahead)', (i) => i.mint({ tenant: 'a', claims: { nbf: Math.floor(clock.now() / 1000) + 600 } }), /not valid yet/],
    [
      'from another issuer',
      (i) => i.mint({ tenant: 'a', claims: { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' } }),
      /not issued by this user pool/,
    ],
    ['for another app client', (i) => i.mint({ tenant: 'a', claims: { aud: 'another-client' } }), /audience/],
    [
      'an access token (client_id, no aud)',
      (i) => i.mint({ tenant: 'a', claims: { token_use: 'access', aud: undefined, client_id: localUserPool.clientId } }),
      /token_use is "access"/,
    ],
    ['malformed', () => Promise.resolve('not-a-jwt'), /well-formed/],
    [
      'unsigned (alg none)',
      () =>
        Promise.resolve(
          new UnsecuredJWT({ 'custom:tenant': 'a', token_use: 'id', aud: localUserPool.clientId })
            .setIssuer(localUserPool.issuer)
            .setExpirationTime('1h')
            .encode(),
        ),
      /not signed with RS256|well-formed/,
    ],
    [
      'tampered (payload changed, signature kept)',
      async (i) => {
        const [header, , signature] = (await i.mint({ tenant: 'team-a' })).split('.');
        const payload = Buffer.from(
          JSON.stringify({ 'custom:tenant': 'team-b', token_use: 'id', aud: localUserPool.clientId, iss: localUserPool.issuer, sub: 'x', exp: 4e9 }),
        ).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
      /signature does not verify/,
    ],
    [
      'signed by another key under our key id',
      async (i) => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT({ 'custom:tenant': 'a', token_use: 'id', aud: localUserPool.clientId, sub: 'x' })
          .setProtectedHeader({ alg: 'RS256', kid: i.jwks().keys[0]?.kid })
          .setIssuer(localUserPool.issuer)
          .setExpirationTime(Math.floor(clock.now() / 1000) + 600)
          .sign(privateKey);
      },
      /signature does not verify/,
    ],
  ])('refuses a token %s', async (_name, forge, reason) => {
    expect(await refusal(issuer, await forge(issuer))).toMatch(reason);
  });

  it('lets a token without a tenant claim through: the handlers answer it 401 MissingTenant, as in production', async () => {
    await expect(issuer.verify(await issuer.mint({}))).resolves.not.toHaveProperty('custom:tenant');
  });
});

describe('tokenOf', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer   abc.def.ghi', 'abc.def.ghi'],
    ['abc.def.ghi', 'abc.def.ghi'],
    ['  ', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (header, token) => {
    expect(tokenOf(header)).toBe(token);
  });
});

describe('createLocalEdge', () => {
  it('in header mode takes the tenant from X-Modelplane-Tenant and serves no token routes', async () => {
    const edge = await createLocalEdge({ auth: 'header', throttle: false });
    await expect(edge.admit({ 'x-modelplane-tenant': 'team-a' }, '/v1/models')).resolves.toEqual({ claims: { 'custom:tenant': 'team-a' } });
    await expect(edge.admit({}, '/v1/models')).resolves.toEqual({ claims: { 'custom:tenant': 'local' } });
    await expect(edge.route('POST', '/local/tokens', () => Promise.resolve('{"tenant":"a"}'))).resolves.toBeUndefined();
  });

  it('in JWT mode mints from POST /local/tokens, serves the JWKS and answers bad tokens 401 with WWW-Authenticate', async () => {
    const edge = await createLocalEdge({ auth: 'jwt', throttle: false });
    const minted = await edge.route('POST', '/local/tokens', () => Promise.resolve('{"tenant":"team-a","expiresIn":120}'));
    expect(minted?.status).toBe(200);
    const { token } = JSON.parse(minted!.body) as { token: string };
    await expect(edge.admit({ authorization: `Bearer ${token}` }, '/v1/models')).resolves.toMatchObject({ claims: { 'custom:tenant': 'team-a' } });
    expect((await edge.route('GET', '/.well-known/jwks.json', () => Promise.resolve(null)))?.status).toBe(200);

    const refused = await edge.admit({}, '/v1/models');
    expect(refused).toHaveProperty('refuse');
    const { refuse } = refused as { refuse: { status: number; headers: Record<string, string>; body: string } };
    expect(refuse.status).toBe(401);
    expect(refuse.headers).toMatchObject({ 'Content-Type': 'application/problem+json', 'WWW-Authenticate': 'Bearer' });
    expect(JSON.parse(refuse.body)).toMatchObject({ code: 'Unauthorized', status: 401, instance: '/v1/models' });
  });

  let mintingEdge: Awaited<ReturnType<typeof createLocalEdge>>;
  beforeAll(async () => {
    mintingEdge = await createLocalEdge({ auth: 'jwt', throttle: false });
  });

  it.each([
    ['no body', null],
    ['no tenant', '{}'],
    ['an expiresIn that is not whole seconds', '{"tenant":"a","expiresIn":1.5}'],
    ['an expiresIn over a day', '{"tenant":"a","expiresIn":86401}'],
  ])('refuses to mint with %s (400 problem)', async (_name, body) => {
    const answer = await mintingEdge.route('POST', '/local/tokens', () => Promise.resolve(body));
    expect(answer?.status).toBe(400);
    expect(JSON.parse(answer!.body)).toMatchObject({ code: 'ValidationFailed' });
  });

  it('throttles per tenant: over the burst a 429 Throttled with Retry-After, other tenants unaffected', async () => {
    const clock = manualClock();
    const edge = await createLocalEdge({ auth: 'header', throttle: { rate: 1, burst: 2 }, now: clock.now });
    const call = (tenant: string) => edge.admit({ 'x-modelplane-tenant': tenant }, '/v1/models');
    await expect(call('a')).resolves.toHaveProperty('claims');
    await expect(call('a')).resolves.toHaveProperty('claims');
    const refused = (await call('a')) as { refuse: { status: number; headers: Record<string, string>; body: string } };
    expect(refused.refuse.status).toBe(429);
    expect(refused.refuse.headers['Retry-After']).toBe('1');
    expect(JSON.parse(refused.refuse.body)).toMatchObject({ code: 'Throttled', status: 429 });
    await expect(call('b')).resolves.toHaveProperty('claims');
    clock.advance(1000);
    await expect(call('a')).resolves.toHaveProperty('claims');
  });
});

describe('TokenBuckets', () => {
  it('refills at the rate up to the burst and says how long to wait', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets({ rate: 0.5, burst: 1, now: clock.now });
    expect(buckets.take('t')).toEqual({ allowed: true });
    expect(buckets.take('t')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    clock.advance(1000);
    expect(buckets.take('t')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(60_000);
    expect(buckets.take('t')).toEqual({ allowed: true });
    expect(buckets.take('t').allowed).toBe(false);
  });

  it('refuses figures that cannot throttle', () => {
    expect(() => new TokenBuckets({ rate: 0, burst: 1 })).toThrow(/rate > 0/);
  });
});

describe('throttleFromEnv', () => {
  it('defaults to the stage figures, reads overrides and "off"', () => {
    expect(throttleFromEnv({})).toEqual(stageThrottling);
    expect(throttleFromEnv({ MODELPLANE_LOCAL_RATE: '5', MODELPLANE_LOCAL_BURST: '10' })).toEqual({ rate: 5, burst: 10 });
    expect(throttleFromEnv({ MODELPLANE_LOCAL_RATE: 'off' })).toBe(false);
    expect(() => throttleFromEnv({ MODELPLANE_LOCAL_BURST: 'lots' })).toThrow(/MODELPLANE_LOCAL_BURST/);
  });
});
