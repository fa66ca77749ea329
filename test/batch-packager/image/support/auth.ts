/**
 * Credentials for the registries under test: an htpasswd file (bcrypt, the only hash
 * docker-registry reads) and a token service for the Bearer scheme, whose JWTs docker-registry
 * checks against the certificate in their `x5c` header
 * (https://distribution.github.io/distribution/spec/auth/jwt/).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';

/** An htpasswd file's content. Cost 4: the registry checks the hash on every request. */
export function htpasswd(users: Record<string, string>): string {
  return Object.entries(users)
    .map(([user, password]) => `${user}:${bcrypt.hashSync(password, 4)}`)
    .join('\n');
}

export interface TokenServer {
  /** The realm to configure in the registry: `http://127.0.0.1:<port>/token`. */
  realm: string;
  service: string;
  issuer: string;
  /** The certificate (PEM) that signs the tokens: the registry's root bundle. */
  rootCertBundle: string;
  /** Every token request: the user it authenticated (undefined: anonymous or refused) and the scopes asked. */
  requests: { user: string | undefined; scopes: string[]; granted: boolean }[];
  close(): Promise<void>;
}

/** A token service that grants any scope to the users given (Basic auth) and refuses others. */
export async function startTokenServer(users: Record<string, string>): Promise<TokenServer> {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-token-'));
  let key: string;
  let cert: string;
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=modelplane-test-token-issuer',
      ],
      { stdio: 'ignore' },
    );
    key = readFileSync(join(dir, 'key.pem'), 'utf8');
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const der = cert.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const service = 'modelplane-test-registry';
  const issuer = 'modelplane-test-issuer';
  const requests: TokenServer['requests'] = [];
  const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const scopes = url.searchParams.getAll('scope');
    const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
    const [user, password] = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8').split(':') : [];
    const granted = url.pathname === '/token' && url.searchParams.get('service') === service && user !== undefined && users[user] === password;
    requests.push({ user: granted ? user : undefined, scopes, granted });
    if (!granted) {
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const access = scopes.map((scope) => {
      const parts = scope.split(':');
      return { type: parts[0], name: parts.slice(1, -1).join(':'), actions: (parts.at(-1) ?? '').split(',') };
    });
    const claims = { iss: issuer, sub: user, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access };
    const signingInput = `${b64url({ typ: 'JWT', alg: 'RS256', x5c: [der] })}.${b64url(claims)}`;
    const token = `${signingInput}.${sign('sha256', Buffer.from(signingInput), key).toString('base64url')}`;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300, issued_at: new Date().toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    rootCertBundle: cert,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
