import { createApiHandler } from '../shared/http/api-handler.js';
import { wireEndpoints } from './wiring.js';

let wired: ReturnType<typeof wireEndpoints> | undefined;
const endpoints = () => (wired ??= wireEndpoints()).service;

/** Endpoints: each operation is one call into the endpoint service; long work answers 202. */
export const handler = createApiHandler(
  {
    createEndpoint: async ({ tenant, body }) => {
      const endpoint = await endpoints().create(tenant, body);
      return { status: 202, body: endpoint, headers: { Location: `/v1/endpoints/${encodeURIComponent(endpoint.name)}` } };
    },
    listEndpoints: async ({ tenant, query }) => ({ status: 200, body: await endpoints().list(tenant, query.limit ?? 20, query.nextToken) }),
    getEndpoint: async ({ tenant, path }) => ({ status: 200, body: await endpoints().get(tenant, path.endpointName) }),
    updateEndpoint: async ({ tenant, path, body }) => ({ status: 202, body: await endpoints().update(tenant, path.endpointName, body) }),
    deleteEndpoint: async ({ tenant, path }) => ({ status: 202, body: await endpoints().delete(tenant, path.endpointName) }),
    promoteEndpointVariant: async ({ tenant, path, body }) => ({ status: 202, body: await endpoints().promote(tenant, path.endpointName, body) }),
    pauseEndpoint: async ({ tenant, path }) => ({ status: 202, body: await endpoints().pause(tenant, path.endpointName) }),
    resumeEndpoint: async ({ tenant, path }) => ({ status: 202, body: await endpoints().resume(tenant, path.endpointName) }),
  },
  { idempotency: () => (wired ??= wireEndpoints()).idempotency },
);
