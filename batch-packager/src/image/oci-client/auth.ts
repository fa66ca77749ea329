/**
 * Credentials for one registry. ECR speaks Basic auth (the password from
 * GetAuthorizationToken, see ../ecr-auth.ts); registries that answer with a Bearer challenge get
 * the token dance (https://distribution.github.io/distribution/spec/auth/token/), whose tokens
 * are cached by the scopes they were issued for.
 */
import { ImageBuildError } from '../errors.js';
import { drain, errorDetail, type Call, type OciTransport } from './transport.js';

export interface OciCredentials {
  username: string;
  /** Never logged nor put in messages. */
  password: string;
}

export interface Challenge {
  scheme: 'basic' | 'bearer' | 'other';
  params: Record<string, string>;
}

/** Tokens are renewed this long before they expire. */
const tokenMarginMs = 10_000;

const scopeKey = (scopes: readonly string[]) => [...scopes].sort().join(' ');

export class OciAuth {
  private bearer: { realm: string; service?: string } | undefined;
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  /** `transport` sends the token requests; `host` is for messages. */
  constructor(
    private readonly host: string,
    private readonly credentials: OciCredentials | undefined,
    private readonly transport: OciTransport,
  ) {}

  /**
   * Sends a call once with credentials (an arrow, so the transport can be handed it): answers a
   * 401 challenge by fetching a Bearer token, or by sending Basic credentials, and sending again.
   */
  readonly send = async (call: Call): Promise<Response> => {
    const headers = await this.authorization(call.scopes, call.signal);
    const response = await this.transport.fetchOnce(call, headers);
    if (response.status !== 401) return response;
    const challenge = parseChallenge(response.headers.get('www-authenticate'));
    if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      await drain(response);
      this.bearer = { realm: challenge.params.realm, ...(challenge.params.service ? { service: challenge.params.service } : {}) };
      const scopes = [...new Set([...call.scopes, ...(challenge.params.scope?.split(' ').filter(Boolean) ?? [])])];
      // A token we sent was refused (expired early, or short of a scope): never send it again.
      this.tokens.delete(scopeKey(scopes));
      const token = await this.fetchToken(scopes, call.signal);
      const again = await this.transport.fetchOnce(call, { authorization: `Bearer ${token}` });
      if (again.status !== 401) return again;
      throw await this.unauthorized(again, call, 'refused the token its token service issued', false);
    }
    if (challenge?.scheme === 'basic' && this.credentials && !headers.authorization) {
      await drain(response);
      const again = await this.transport.fetchOnce(call, { authorization: basic(this.credentials) });
      if (again.status !== 401) return again;
      throw await this.unauthorized(again, call, 'refused the credentials', true);
    }
    const sent = headers.authorization !== undefined;
    throw await this.unauthorized(response, call, sent ? 'refused the credentials' : 'requires credentials and none were given', sent);
  };

  /** The Authorization header for a call: a Bearer token once the registry asked for one, else Basic when there are credentials. */
  async authorization(scopes: string[], signal: AbortSignal | undefined): Promise<Record<string, string>> {
    if (this.bearer) return { authorization: `Bearer ${await this.fetchToken(scopes, signal)}` };
    return this.credentials ? { authorization: basic(this.credentials) } : {};
  }

  private async unauthorized(response: Response, call: Call, why: string, namesUser: boolean): Promise<ImageBuildError> {
    const detail = await errorDetail(response);
    const user = namesUser && this.credentials ? ` of user "${this.credentials.username}"` : '';
    return new ImageBuildError('Unauthorized', `${this.host} ${why}${user} for ${call.what} (HTTP 401${detail}).`, { status: 401 });
  }

  private async fetchToken(scopes: string[], signal: AbortSignal | undefined): Promise<string> {
    const bearer = this.bearer!;
    const key = scopeKey(scopes);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - tokenMarginMs > Date.now()) return cached.token;
    let url: URL;
    try {
      url = new URL(bearer.realm);
    } catch (error) {
      throw new ImageBuildError('RegistryRejected', `${this.host} named a token service that is not a URL: ${bearer.realm}`, { cause: error });
    }
    if (bearer.service) url.searchParams.set('service', bearer.service);
    for (const scope of scopes) url.searchParams.append('scope', scope);
    const credentials = this.credentials;
    // Sent as is (`anonymous`): the registry's own auth does not apply to its token service.
    const call: Call = {
      method: 'GET',
      url,
      scopes,
      what: `a token for ${scopes.join(' ')}`,
      headers: credentials ? { authorization: basic(credentials) } : {},
      idempotent: true,
      anonymous: true,
      ...(signal ? { signal } : {}),
    };
    const response = await this.transport.send(call);
    if (response.status === 401 || response.status === 403) {
      const detail = await errorDetail(response);
      throw new ImageBuildError(
        'Unauthorized',
        credentials
          ? `The token service of ${this.host} (${url.origin}${url.pathname}) refused the credentials of user "${credentials.username}" (HTTP ${response.status}${detail}).`
          : `The token service of ${this.host} (${url.origin}${url.pathname}) gives no token without credentials (HTTP ${response.status}${detail}).`,
        { status: response.status },
      );
    }
    if (response.status !== 200) throw await this.transport.failure(response, call);
    const answer = (await response.json().catch(() => undefined)) as { token?: unknown; access_token?: unknown; expires_in?: unknown } | undefined;
    const token = typeof answer?.token === 'string' ? answer.token : typeof answer?.access_token === 'string' ? answer.access_token : undefined;
    if (!token) throw new ImageBuildError('RegistryRejected', `The token service of ${this.host} answered without a token.`);
    // The spec's default lifetime is 60 s.
    const seconds = typeof answer?.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 60;
    this.tokens.set(key, { token, expiresAt: Date.now() + seconds * 1000 });
    return token;
  }
}

function basic(credentials: OciCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

/** Parses `Bearer realm="...",service="...",scope="..."` (commas may sit inside quotes). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!match) return undefined;
  const name = (match[1] ?? '').toLowerCase();
  const params: Record<string, string> = {};
  for (const param of (match[2] ?? '').matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
    params[(param[1] ?? '').toLowerCase()] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : (param[3] ?? '');
  }
  return { scheme: name === 'basic' ? 'basic' : name === 'bearer' ? 'bearer' : 'other', params };
}
