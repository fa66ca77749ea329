import { inject } from 'vitest';
import { startControlPlane } from '../../local/runtime.js';
import { tenantHeader } from '../../local/server.js';
import { checkResponse } from './contract.js';

export interface ApiCall {
  method: string;
  path: string;
  body?: unknown;
  tenant?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * The local control plane on the shared emulator, driven over HTTP. Every answer is checked
 * against the spec (status documented, body valid against its schema, media type), so each
 * integration call is also a contract test.
 */
export async function startTestControlPlane(
  options: Partial<
    Pick<
      Parameters<typeof startControlPlane>[0],
      | 'watchIntervalMs'
      | 'runPackagingJobs'
      | 'registry'
      | 'packagerLog'
      | 'syntheticMetrics'
      | 'auth'
      | 'throttle'
      | 'now'
      | 'tokenDelayMs'
      | 'invocationThrottle'
    >
  > = {},
): Promise<{
  call<T = any>(request: ApiCall): Promise<ApiAnswer<T>>;
  url: string;
  registryUrl?: string;
  mintToken?: Awaited<ReturnType<typeof startControlPlane>>['mintToken'];
  close(): Promise<void>;
}> {
  // Suites share one emulator and its Batch queue: only a suite that asks runs packaging jobs,
  // and only one that asks publishes synthetic metrics (other suites assert exact figures).
  const plane = await startControlPlane({
    emulatorEndpoint: inject('emulatorEndpoint'),
    port: 0,
    runPackagingJobs: false,
    registry: false,
    syntheticMetrics: false,
    ...options,
  });
  return {
    url: plane.url,
    ...(plane.registryUrl ? { registryUrl: plane.registryUrl } : {}),
    ...(plane.mintToken ? { mintToken: plane.mintToken } : {}),
    close: () => plane.close(),
    async call<T>(request: ApiCall): Promise<ApiAnswer<T>> {
      const response = await fetch(`${plane.url}${request.path}`, {
        method: request.method,
        headers: {
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(request.tenant ? { [tenantHeader]: request.tenant } : {}),
          ...request.headers,
        },
        ...(request.body === undefined ? {} : { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }),
      });
      const text = await response.text();
      const contentType = response.headers.get('content-type');
      if (contentType?.startsWith('text/event-stream')) {
        // Server-sent events: each data but the closing [DONE] is checked against the spec, and the answer is their list.
        const data = text
          .split('\n\n')
          .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
          .map((event) => JSON.parse(event.slice('data: '.length)) as unknown);
        for (const item of data) checkResponse(request.method, request.path, response.status, contentType, item);
        return { status: response.status, headers: response.headers, body: data as T };
      }
      const json = contentType === null || /json/.test(contentType);
      const body = text === '' ? undefined : json ? (JSON.parse(text) as T) : (text as T);
      checkResponse(request.method, request.path, response.status, contentType, body);
      return { status: response.status, headers: response.headers, body: body as T };
    },
  };
}

let counter = 0;
/** A name no other test in this run uses (the emulator is shared). */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}
