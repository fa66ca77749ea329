import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { handlerAreas, pendingOperations, type HandlerArea } from '../lambdas/operations.js';
import { exposedHeaders, specRuntime, type StreamSink } from '../lambdas/shared/http/api-handler.js';
import { isBinaryMediaType } from '../lambdas/shared/http/binary-media.js';
import { problemMediaType, problemType } from '../lambdas/shared/http/problem.js';
import { parseDocument } from 'yaml';

export type ProxyHandler = ((event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>) & {
  /** The handler's streaming entry (lambdas/shared/http/api-handler.ts), when it has one. */
  stream?: (event: APIGatewayProxyEvent, context: Context, sink: StreamSink) => Promise<void>;
};

export interface LocalServerOptions {
  /** The Lambda handler of each area, as deployed. */
  handlers: Record<HandlerArea, ProxyHandler>;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Tenant when the request names none in `X-Modelplane-Tenant`. @default 'local' */
  defaultTenant?: string;
  /** Auth and throttling in front of the handlers (local/local-auth.ts). @default the tenant header, no throttling */
  edge?: LocalEdge;
  /**
   * What a client of the local plane may need beside the API (the emulator's endpoint, the artifact
   * bucket), answered at `GET /local/info`, a dev-only route like `/local/tokens`: the Postman
   * collection reads it so newman needs only baseUrl. Never part of the spec or the stack.
   */
  info?: Readonly<Record<string, string>>;
}

export const tenantHeader = 'x-modelplane-tenant';

/** What stands in front of the handlers (local/local-auth.ts implements it: the tenant header or JWTs, and throttling). */
/** What the local server writes back when the edge answers instead of a handler. */
export interface EdgeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface LocalEdge {
  /** Answers the edge's own routes (the JWKS and token minting, in JWT mode); undefined for anything else. */
  route(method: string, path: string, body: () => Promise<string | null>): Promise<EdgeAnswer | undefined>;
  /** The authorizer claims for an API request, or the answer refusing it (401, 429). */
  admit(headers: Readonly<Record<string, string>>, path: string): Promise<{ claims: Record<string, string> } | { refuse: EdgeAnswer }>;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const swaggerDist = join(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), '..');
const mediaTypes: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.html': 'text/html',
  '.map': 'application/json',
};

/** What the docs page says first, and on its Authorize dialog, when the local plane serves it. */
const localAuthNote =
  '**Local control plane:** no Cognito token is needed. By default leave Authorize empty: every request acts as tenant `local`, ' +
  'or as the tenant named in an `X-Modelplane-Tenant` header. With `MODELPLANE_LOCAL_AUTH=jwt`, mint a token with ' +
  '`POST /local/tokens` and enter `Bearer <token>`.';

/** The spec as served here: the same document, with the local note in its description and its security scheme. */
function localSpec(text: string): string {
  const spec = parseDocument(text);
  spec.setIn(['info', 'description'], `${localAuthNote}\n\n${String(spec.getIn(['info', 'description']))}`);
  spec.setIn(['components', 'securitySchemes', 'cognito', 'description'], localAuthNote);
  return spec.toString({ lineWidth: 0 });
}

const areaOf = new Map<string, HandlerArea>(
  (Object.entries(handlerAreas) as [HandlerArea, { operations: readonly string[] }][]).flatMap(([area, { operations }]) =>
    operations.map((op) => [op, area] as const),
  ),
);

const docsPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>modelplane API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.yaml', dom_id: '#docs', deepLinking: true, tryItOutEnabled: true });</script>
</body></html>`;

function problem(
  res: ServerResponse,
  status: number,
  code: string,
  title: string,
  detail: string,
  instance: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': problemMediaType, ...headers });
  res.end(JSON.stringify({ type: problemType(code), title, status, detail, instance, code }));
}

/** The most body a request may carry: Lambda's 6 MB invocation payload (API Gateway's own limit is 10 MB). */
export const maxBodyBytes = 6 * 1024 * 1024;
/** Request line and headers, together: Node's default, said out loud (API Gateway takes 10 KB). */
export const maxHeaderBytes = 16 * 1024;

class BodyTooLarge extends Error {}

/** The body, refused past maxBodyBytes (read to the end, up to a point, so the client sees the answer). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  return (await readBytes(req))?.toString('utf8') ?? null;
}

/** The body's bytes, refused past maxBodyBytes (as readBody). */
async function readBytes(req: IncomingMessage): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    bytes += (chunk as Buffer).length;
    if (bytes <= maxBodyBytes && declared <= maxBodyBytes) chunks.push(chunk as Buffer);
    else if (bytes > 4 * maxBodyBytes) req.destroy();
  }
  if (bytes > maxBodyBytes || declared > maxBodyBytes) throw new BodyTooLarge();
  return chunks.length === 0 ? null : Buffer.concat(chunks);
}

/**
 * A problem for a request Node could not parse (no request or response exists yet, so it is
 * written on the socket): headers over maxHeaderBytes are a 431, anything else (a control
 * character in a header, a broken request line) a 400. Node's own answer is a bare status line.
 */
function clientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, code, title, detail] = tooLarge
    ? [
        431,
        'RequestHeaderFieldsTooLarge',
        'Request Header Fields Too Large',
        `The request line and headers are over ${maxHeaderBytes / 1024} KB; send long values in the body.`,
      ]
    : [400, 'BadRequest', 'Bad Request', `The request is not valid HTTP (${error.code ?? 'unreadable'}), for example a control character in a header.`];
  const body = JSON.stringify({ type: problemType(code), title, status, detail, code });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${problemMediaType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function lambdaContext(requestId: string, functionName: string): Context {
  return {
    awsRequestId: requestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `local:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The local control plane's HTTP front: routes requests by the spec, turns them into API
 * Gateway proxy events (with the tenant in the authorizer claims, as Cognito would put it),
 * runs the same handlers Lambda runs, and serves the docs page and the spec.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const { index } = specRuntime();
  const specText = localSpec(await readFile(join(root, 'openapi', 'openapi.yaml'), 'utf8'));

  const server = createServer({ maxHeaderSize: maxHeaderBytes }, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname;
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Expose-Headers', exposedHeaders);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
          'Access-Control-Allow-Headers': 'Content-Type,Authorization,Idempotency-Key,X-Modelplane-Tenant',
        });
        res.end();
        return;
      }
      if (path === '/' || path === '/docs' || path === '/docs/') {
        if (path === '/') {
          res.writeHead(302, { Location: '/docs' });
          res.end();
          return;
        }
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(docsPage);
        return;
      }
      if (path === '/openapi.yaml') {
        res.writeHead(200, { 'Content-Type': 'application/yaml; charset=utf-8' });
        res.end(specText);
        return;
      }
      if (path.startsWith('/docs/assets/')) {
        const file = normalize(path.slice('/docs/assets/'.length)).replace(/^(\.\.[/\\])+/, '');
        try {
          const content = await readFile(join(swaggerDist, file));
          res.writeHead(200, { 'Content-Type': mediaTypes[extname(file)] ?? 'application/octet-stream' });
          res.end(content);
        } catch {
          problem(res, 404, 'NotFound', 'Not Found', `No asset ${file}.`, path);
        }
        return;
      }

      if (path === '/local/info' && options.info && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(options.info));
        return;
      }
      const local = await options.edge?.route(req.method ?? 'GET', path, () => readBody(req));
      if (local) return void res.writeHead(local.status, local.headers).end(local.body);
      const match = index.matchPath(path);
      if (!match) return problem(res, 404, 'RouteNotFound', 'Not Found', `No route ${path}; see /docs.`, path);
      const operation = index.byTemplate(req.method ?? 'GET', match.template);
      if (!operation) {
        return problem(res, 405, 'MethodNotAllowed', 'Method Not Allowed', `${req.method ?? ''} is not allowed on ${match.template}.`, path, {
          Allow: match.allowed.join(', '),
        });
      }
      const area = areaOf.get(operation.operationId);
      if (!area) {
        const pending = pendingOperations[operation.operationId];
        return problem(
          res,
          404,
          'RouteNotFound',
          'Not Found',
          `${operation.operationId} is not served yet${pending ? ` (it arrives with ${pending})` : ''}.`,
          path,
        );
      }
      const requestId = randomUUID();
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
      const query = Object.fromEntries(url.searchParams.entries());
      // As API Gateway does with the API's binaryMediaTypes: binary bodies reach Lambda base64-encoded, the rest as text.
      const raw = await readBytes(req);
      const binary = isBinaryMediaType(headers['content-type']);
      const admitted = options.edge
        ? await options.edge.admit(headers, path)
        : { claims: { 'custom:tenant': headers[tenantHeader] ?? options.defaultTenant ?? 'local' } };
      if ('refuse' in admitted) return void res.writeHead(admitted.refuse.status, admitted.refuse.headers).end(admitted.refuse.body);
      const event: APIGatewayProxyEvent = {
        resource: match.template,
        path,
        httpMethod: operation.method,
        headers,
        multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
        queryStringParameters: Object.keys(query).length > 0 ? query : null,
        multiValueQueryStringParameters: null,
        pathParameters: Object.keys(match.pathParameters).length > 0 ? match.pathParameters : null,
        stageVariables: null,
        body: raw === null ? null : raw.toString(binary ? 'base64' : 'utf8'),
        isBase64Encoded: raw !== null && binary,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          authorizer: { claims: admitted.claims },
          protocol: 'HTTP/1.1',
          httpMethod: operation.method,
          identity: { sourceIp: req.socket.remoteAddress ?? '127.0.0.1' } as APIGatewayProxyEvent['requestContext']['identity'],
          path,
          stage: 'local',
          requestId,
          requestTimeEpoch: Date.now(),
          resourceId: operation.operationId,
          resourcePath: match.template,
        },
      };
      const handler = options.handlers[area];
      const context = lambdaContext(requestId, `modelplane-${area}`);
      if (handler.stream) {
        // Event streams are written as they come (on AWS the chat route answers them buffered: docs/deploy.md).
        return await handler.stream(event, context, {
          start: (status, responseHeaders) => {
            res.writeHead(status, { 'X-Request-Id': requestId, ...responseHeaders });
            res.flushHeaders();
          },
          write: (chunk) => void res.write(chunk),
          end: () => void res.end(),
        });
      }
      const result = await handler(event, context);
      res.writeHead(result.statusCode, { 'X-Request-Id': requestId, ...(result.headers as Record<string, string> | undefined) });
      res.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
    })().catch((error: unknown) => {
      if (error instanceof BodyTooLarge && !res.headersSent) {
        return problem(res, 413, 'RequestTooLarge', 'Content Too Large', `The request body is over the ${maxBodyBytes / 1024 / 1024} MB limit.`, req.url ?? '');
      }
      console.error('local server error', error);
      if (!res.headersSent) problem(res, 500, 'InternalError', 'Internal Server Error', 'The local server failed; see its log.', req.url ?? '');
      else res.end();
    });
  });

  server.on('clientError', clientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
