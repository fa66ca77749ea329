/**
 * The local control plane's request edge: who the caller is (the `X-Modelplane-Tenant` header
 * shortcut, or a real JWT checked the way API Gateway's Cognito user-pool authorizer checks
 * ID tokens) and whether it is over its rate (local/throttle.ts). In JWT mode a local issuer
 * stands in for the user pool: a key pair made at start, its JWKS served at
 * `/.well-known/jwks.json`, and a dev-only `POST /local/tokens` that mints ID tokens per tenant.
 * None of this is in the spec or the stack: it exists so offline runs exercise the claims path
 * production runs.
 */
import { randomUUID } from 'node:crypto';
import {
  SignJWT,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type GenerateKeyPairResult,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { problemMediaType, problemType } from '../lambdas/shared/http/problem.js';
import { tenantHeader, type EdgeAnswer, type LocalEdge } from './server.js';
import { isInferencePath, TokenBuckets } from './throttle.js';

export type LocalAuthMode = 'header' | 'jwt';
export const localAuthModes: readonly LocalAuthMode[] = ['header', 'jwt'];

/** The claim the stack's user pool puts the tenant in (lib/user-pool.ts) and tenantOf reads. */
export const tenantClaim = 'custom:tenant';

/** Shaped like a Cognito user pool's issuer and app client, so tokens look like production's. */
export const localUserPool = {
  issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_modelplaneLocal',
  clientId: 'modelplanelocalclient',
} as const;

/** Cognito signs with RS256; the authorizer accepts nothing else. */
const algorithm = 'RS256';
const defaultExpiresIn = 3600;
const maxExpiresIn = 24 * 3600;

/** A token the authorizer refuses; `message` says why, for the 401's detail. */
export class TokenRefused extends Error {
  override readonly name = 'TokenRefused';
}

export interface MintOptions {
  /** The `custom:tenant` claim; omitted for none (the handlers then answer 401 MissingTenant). */
  tenant?: string;
  /** Seconds until `exp`. @default 3600 */
  expiresIn?: number;
  /** Claims set over the ID token's own (tests forge `token_use`, `aud`, `iss`, `nbf` with it). */
  claims?: JWTPayload;
}

/** The stand-in user pool: signs ID tokens and verifies them as the Cognito authorizer does. */
export class LocalIssuer {
  private constructor(
    private readonly privateKey: GenerateKeyPairResult['privateKey'],
    private readonly keySet: JSONWebKeySet,
    private readonly now: () => number,
  ) {}

  /** A fresh RSA key pair per start: tokens never outlive the process that minted them. */
  static async create(options: { now?: () => number } = {}): Promise<LocalIssuer> {
    const { privateKey, publicKey } = await generateKeyPair(algorithm);
    const jwk = { ...(await exportJWK(publicKey)), kid: randomUUID(), alg: algorithm, use: 'sig' };
    return new LocalIssuer(privateKey, { keys: [jwk] }, options.now ?? Date.now);
  }

  /** The public keys, as the user pool publishes them at `{issuer}/.well-known/jwks.json`. */
  jwks(): JSONWebKeySet {
    return this.keySet;
  }

  /** An ID token like Cognito's: `sub`, `aud` (the app client), `token_use: id`, the tenant claim. */
  async mint(options: MintOptions = {}): Promise<string> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const sub = randomUUID();
    const payload: JWTPayload = {
      sub,
      aud: localUserPool.clientId,
      iss: localUserPool.issuer,
      token_use: 'id',
      auth_time: nowSeconds,
      'cognito:username': sub,
      iat: nowSeconds,
      exp: nowSeconds + (options.expiresIn ?? defaultExpiresIn),
      jti: randomUUID(),
      ...(options.tenant === undefined ? {} : { [tenantClaim]: options.tenant }),
      ...options.claims,
    };
    return new SignJWT(payload).setProtectedHeader({ alg: algorithm, kid: this.keySet.keys[0]?.kid }).sign(this.privateKey);
  }

  /**
   * The claims of a valid ID token, as strings (API Gateway hands REST handlers every claim as
   * a string). Checks what the Cognito authorizer checks: signature against the JWKS, issuer,
   * expiry (and `nbf` when present), `token_use` id and the audience (the app client).
   */
  async verify(token: string): Promise<Record<string, string>> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, createLocalJWKSet(this.keySet), {
        issuer: localUserPool.issuer,
        algorithms: [algorithm],
        currentDate: new Date(this.now()),
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw new TokenRefused(refusal(error), { cause: error });
    }
    if (payload.token_use !== 'id') {
      throw new TokenRefused(
        `The token's token_use is ${JSON.stringify(payload.token_use)}: this API takes Cognito ID tokens (token_use "id"), not access tokens.`,
      );
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(localUserPool.clientId)) {
      throw new TokenRefused(`The token's audience (aud) is not this user pool's app client ${localUserPool.clientId}.`);
    }
    return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]));
  }
}

/** Why jose refused a token, in words for the 401's detail. */
function refusal(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired; mint a new one.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'The token is not valid yet (nbf is in the future).';
    if (error.claim === 'iss') return `The token was not issued by this user pool (${localUserPool.issuer}).`;
    return `The token's ${error.claim} claim is not acceptable: ${error.message}.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature does not verify against the user pool keys.';
  if (error instanceof errors.JOSEAlgNotAllowed) return `The token is not signed with ${algorithm}.`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token is signed by a key this user pool does not have.';
  return 'The token is not a well-formed signed JWT.';
}

/** The token of an `Authorization` header: `Bearer <jwt>` or the raw JWT, as API Gateway accepts both. */
export function tokenOf(authorization: string | undefined): string | undefined {
  const value = authorization?.trim();
  if (!value) return undefined;
  return value.replace(/^Bearer\s+/i, '');
}

export interface LocalEdgeOptions {
  auth: LocalAuthMode;
  /** Tenant of a header-mode request that names none. @default 'local' */
  defaultTenant?: string;
  /** Per-tenant token bucket; `false` for none. */
  throttle: { rate: number; burst: number } | false;
  /** Per-tenant token bucket of the inference routes, in place of `throttle` there (local/throttle.ts); `false` or absent for none. */
  invocationThrottle?: { rate: number; burst: number } | false;
  /** Milliseconds since the epoch, for token times and the buckets; tests inject it. @default Date.now */
  now?: () => number;
}

function problemAnswer(status: number, code: string, title: string, detail: string, instance: string, headers: Record<string, string> = {}): EdgeAnswer {
  return {
    status,
    headers: { 'Content-Type': problemMediaType, 'Cache-Control': 'no-store', ...headers },
    body: JSON.stringify({ type: problemType(code), title, status, detail, instance, code, requestId: randomUUID() }),
  };
}

function jsonAnswer(status: number, body: unknown): EdgeAnswer {
  return { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, body: JSON.stringify(body) };
}

/** Reads `POST /local/tokens`'s body: `{ tenant, expiresIn? }`, or why it is not one. */
function mintRequest(text: string | null): MintOptions | string {
  let body: unknown;
  try {
    body = JSON.parse(text ?? '');
  } catch {
    return 'The body must be JSON: {"tenant": "team-a", "expiresIn": 3600}.';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be an object: {"tenant": "team-a"}.';
  const { tenant, expiresIn } = body as { tenant?: unknown; expiresIn?: unknown };
  if (typeof tenant !== 'string' || tenant === '') return 'tenant must be a non-empty string (the custom:tenant claim).';
  if (expiresIn !== undefined && (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > maxExpiresIn)) {
    return `expiresIn must be a whole number of seconds from 1 to ${maxExpiresIn}.`;
  }
  return { tenant, ...(expiresIn === undefined ? {} : { expiresIn }) };
}

/**
 * The edge for one local plane. Throttling keys on the tenant (the claim, or the header), so
 * one noisy tenant does not starve the others; requests refused with 401 take no token.
 */
export async function createLocalEdge(options: LocalEdgeOptions): Promise<LocalEdge & { issuer?: LocalIssuer }> {
  const issuer = options.auth === 'jwt' ? await LocalIssuer.create(options.now ? { now: options.now } : {}) : undefined;
  const buckets = options.throttle ? new TokenBuckets({ ...options.throttle, ...(options.now ? { now: options.now } : {}) }) : undefined;
  const invocationBuckets = options.invocationThrottle
    ? new TokenBuckets({ ...options.invocationThrottle, ...(options.now ? { now: options.now } : {}) })
    : undefined;
  const unauthorized = (detail: string, path: string): { refuse: EdgeAnswer } => ({
    refuse: problemAnswer(401, 'Unauthorized', 'Unauthorized', detail, path, { 'WWW-Authenticate': 'Bearer' }),
  });

  return {
    ...(issuer ? { issuer } : {}),
    async route(method, path, body) {
      if (!issuer) return undefined;
      if (path === '/.well-known/jwks.json' && method === 'GET') return jsonAnswer(200, issuer.jwks());
      if (path === '/local/tokens' && method === 'POST') {
        const request = mintRequest(await body());
        if (typeof request === 'string') return problemAnswer(400, 'ValidationFailed', 'Bad Request', request, path);
        return jsonAnswer(200, { token: await issuer.mint(request) });
      }
      return undefined;
    },
    async admit(headers, path) {
      let claims: Record<string, string>;
      if (issuer) {
        const token = tokenOf(headers.authorization);
        if (!token)
          return unauthorized(
            'The request carries no ID token: send Authorization: Bearer <token> (mint one with POST /local/tokens {"tenant": "..."}).',
            path,
          );
        try {
          claims = await issuer.verify(token);
        } catch (error) {
          if (error instanceof TokenRefused) return unauthorized(error.message, path);
          throw error;
        }
      } else {
        claims = { [tenantClaim]: headers[tenantHeader] ?? options.defaultTenant ?? 'local' };
      }
      const decision = (isInferencePath(path) ? invocationBuckets : buckets)?.take(claims[tenantClaim] ?? claims.sub ?? '');
      if (decision && !decision.allowed) {
        return {
          refuse: problemAnswer(
            429,
            'Throttled',
            'Too Many Requests',
            `Too many requests for tenant ${claims[tenantClaim] ?? '(none)'}; retry in ${decision.retryAfterSeconds} s.`,
            path,
            {
              'Retry-After': String(decision.retryAfterSeconds),
            },
          ),
        };
      }
      return { claims };
    },
  };
}
