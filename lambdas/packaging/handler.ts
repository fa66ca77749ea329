import { createApiHandler } from '../shared/http/api-handler.js';
import { wirePackaging } from './wiring.js';

let wired: ReturnType<typeof wirePackaging> | undefined;
const packaging = () => (wired ??= wirePackaging()).service;

/** Packaging jobs: each operation is one call into the packaging service; create and cancel answer 202. */
export const handler = createApiHandler(
  {
    createPackagingJob: async ({ tenant, body }) => {
      const job = await packaging().create(tenant, body);
      return { status: 202, body: job, headers: { Location: `/v1/packaging-jobs/${job.jobId}` } };
    },
    listPackagingJobs: async ({ tenant, query }) => ({
      status: 200,
      body: await packaging().list(
        tenant,
        query.limit ?? 20,
        { ...(query.status ? { status: query.status } : {}), ...(query.model ? { model: query.model } : {}) },
        query.nextToken,
      ),
    }),
    getPackagingJob: async ({ tenant, path }) => ({ status: 200, body: await packaging().get(tenant, path.jobId) }),
    cancelPackagingJob: async ({ tenant, path }) => ({ status: 202, body: await packaging().cancel(tenant, path.jobId) }),
  },
  { idempotency: () => (wired ??= wirePackaging()).idempotency },
);
