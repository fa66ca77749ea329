import { createApiHandler } from '../shared/http/api-handler.js';
import { wireMetrics } from './wiring.js';

let wired: ReturnType<typeof wireMetrics> | undefined;
const metrics = () => (wired ??= wireMetrics()).service;

/** Endpoint metrics: one read of CloudWatch per request. */
export const handler = createApiHandler({
  getEndpointMetrics: async ({ tenant, path, query }) => ({ status: 200, body: await metrics().get(tenant, path.endpointName, query) }),
});
