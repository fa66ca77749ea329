import { describe, expect, it, vi } from 'vitest';
import { createModelplaneClient, ModelplaneProblem, ModelplaneWaitError, type Endpoint, type PackagingJob } from '@modelplane/sdk';

const job = (status: PackagingJob['status'], bytesDone = 0): PackagingJob => ({
  jobId: 'pj-1',
  status,
  progress: { bytesDone, bytesTotal: 100, filesDone: 0, filesTotal: 1 },
  source: { type: 'huggingface', modelId: 'org/model' },
  buildImage: true,
  register: false,
  links: {},
  createdAt: '2025-06-01T12:00:00Z',
  updatedAt: '2025-06-01T12:00:00Z',
});
const endpoint = (status: Endpoint['status']): Endpoint => ({
  name: 'e1',
  status,
  sagemakerStatus: 'x',
  sagemakerEndpointName: 'e1',
  model: 'm',
  version: 1,
  instanceType: 'ml.g5.2xlarge',
  instanceCount: { current: 1, desired: 1 },
  links: { logs: 'https://console.aws.amazon.com/' },
  createdAt: '2025-06-01T12:00:00Z',
  updatedAt: '2025-06-01T12:00:00Z',
});

/** A client whose every GET answers the next of `bodies` (the last one repeats); a number is a problem status. */
function clientAnswering(...bodies: (object | number)[]) {
  const fetch = vi.fn(async () => {
    const body = bodies.length > 1 ? bodies.shift()! : bodies[0]!;
    if (typeof body === 'number') {
      return new Response(JSON.stringify({ type: 'urn:modelplane:problem:NotFound', title: 'Not Found', status: body, code: 'NotFound' }), {
        status: body,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  return { fetch, client: createModelplaneClient({ baseUrl: 'http://api.test', fetch, retry: false }) };
}

describe('packagingJobs.waitUntilDone', () => {
  it('reports progress on every read and resolves with the succeeded job', async () => {
    const { client } = clientAnswering(job('queued'), job('running', 40), job('running', 90), job('succeeded', 100));
    const seen: [string, number, number][] = [];
    const done = await client.packagingJobs.waitUntilDone('pj-1', {
      intervalMs: 1,
      onProgress: (j, { attempt }) => seen.push([j.status, j.progress.bytesDone, attempt]),
    });
    expect(done.status).toBe('succeeded');
    expect(seen).toEqual([
      ['queued', 0, 1],
      ['running', 40, 2],
      ['running', 90, 3],
      ['succeeded', 100, 4],
    ]);
  });

  it.each(['failed', 'cancelled'] as const)('rejects with reason failed and the last job when it is %s', async (status) => {
    const { client } = clientAnswering(job('running'), job(status));
    const error = await client.packagingJobs.waitUntilDone('pj-1', { intervalMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelplaneWaitError);
    expect(error).toMatchObject({ reason: 'failed', resource: { status } });
  });

  it('rejects with reason timeout and the last job after timeoutMs', async () => {
    const { client } = clientAnswering(job('running'));
    const error = await client.packagingJobs.waitUntilDone('pj-1', { intervalMs: 5, timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'timeout', resource: { status: 'running' } });
  });

  it('rejects with reason aborted when the signal aborts between reads', async () => {
    const { client, fetch } = clientAnswering(job('running'));
    const controller = new AbortController();
    const waiting = client.packagingJobs.waitUntilDone('pj-1', {
      intervalMs: 60_000,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('closed the page')),
    });
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'aborted', resource: { status: 'running' } });
    expect((error as Error).cause).toMatchObject({ message: 'closed the page' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('rejects at once with reason aborted when the signal has already aborted', async () => {
    const { client, fetch } = clientAnswering(job('running'));
    const error = await client.packagingJobs.waitUntilDone('pj-1', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'aborted', resource: undefined });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('passes a problem of the read through', async () => {
    const { client } = clientAnswering(404);
    expect(await client.packagingJobs.waitUntilDone('pj-1').catch((e: unknown) => e)).toBeInstanceOf(ModelplaneProblem);
  });
});

describe('endpoints waiters', () => {
  it('waitUntilSettled resolves when running, through creating', async () => {
    const { client } = clientAnswering(endpoint('creating'), endpoint('creating'), endpoint('running'));
    const statuses: string[] = [];
    const settled = await client.endpoints.waitUntilSettled('e1', { intervalMs: 1, onProgress: (e) => statuses.push(e.status) });
    expect(settled.status).toBe('running');
    expect(statuses).toEqual(['creating', 'creating', 'running']);
  });

  it.each(['failed', 'updateFailed', 'outOfService'] as const)('waitUntilSettled rejects with reason failed on %s', async (status) => {
    const { client } = clientAnswering(endpoint('updating'), endpoint(status));
    expect(await client.endpoints.waitUntilSettled('e1', { intervalMs: 1 }).catch((e: unknown) => e)).toMatchObject({ reason: 'failed', resource: { status } });
  });

  it('waitUntilDeleted resolves once the endpoint answers 404', async () => {
    const { client, fetch } = clientAnswering(endpoint('deleting'), endpoint('deleting'), 404);
    const progress = vi.fn();
    await expect(client.endpoints.waitUntilDeleted('e1', { intervalMs: 1, onProgress: progress })).resolves.toBeUndefined();
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(progress).toHaveBeenCalledTimes(2);
  });
});
