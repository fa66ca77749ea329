import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../../batch-packager/src/hub-client.js';
import {
  ConnectionPacer,
  hashShards,
  parseRange,
  shardBytes,
  startHubSource,
  syntheticModel,
  type HubSource,
  type PacerClock,
  type SourceModel,
} from '../../../scripts/bench/hub-source.js';

const MiB = 1024 * 1024;

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', 1000, { start: 0, end: 100 }],
    ['bytes=100-', 1000, { start: 100, end: 1000 }],
    ['bytes=900-5000', 1000, { start: 900, end: 1000 }],
    ['bytes=-10', 1000, { start: 990, end: 1000 }],
    ['bytes=-5000', 1000, { start: 0, end: 1000 }],
    ['bytes=1000-', 1000, 'unsatisfiable'],
    ['bytes=-0', 1000, 'unsatisfiable'],
    ['bytes=5-2', 1000, undefined],
    ['bytes=0-1,5-6', 1000, undefined],
    ['items=0-1', 1000, undefined],
    [undefined, 1000, undefined],
  ] as const)('reads %s of a %d-byte file as %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('ConnectionPacer', () => {
  /** A clock that moves only when the pacer sleeps. */
  const fakeClock = () => {
    const clock = { at: 1_000, slept: 0, now: () => clock.at, sleep: (ms: number) => ((clock.at += ms), (clock.slept += ms), Promise.resolve()) };
    return clock satisfies PacerClock;
  };

  it('holds a connection to its rate: 10 MB at 2 MB/s takes 5 s, less the burst allowance', async () => {
    const clock = fakeClock();
    const pacer = new ConnectionPacer(2e6, clock, 20);
    for (let i = 0; i < 100; i++) await pacer.take(100_000);
    expect(clock.slept).toBeCloseTo(5_000 - 20, 6);
  });

  it('gives an idle connection no more credit than the burst', async () => {
    const clock = fakeClock();
    const pacer = new ConnectionPacer(1e6, clock, 20);
    await pacer.take(1_000_000);
    clock.at += 60_000;
    const before = clock.slept;
    await pacer.take(1_000_000);
    expect(clock.slept - before).toBeCloseTo(1_000 - 20, 6);
  });
});

describe('hub-source', () => {
  let model: SourceModel;
  let uncapped: HubSource;
  let capped: HubSource;
  let expiring: HubSource;
  const capBytesPerSecond = 20e6;

  beforeAll(async () => {
    model = syntheticModel({ id: 'bench/test-model', weightBytes: 8 * MiB, shards: 2 });
    await hashShards([model]);
    uncapped = await startHubSource({ models: [model] });
    capped = await startHubSource({ models: [model], capBytesPerSecond });
    expiring = await startHubSource({ models: [model], urlTtlSeconds: -1 });
  });

  afterAll(async () => {
    await Promise.all([uncapped.close(), capped.close(), expiring.close()]);
  });

  const shard = () => model.files.find((f) => f.path.endsWith('.safetensors'))!;
  const resolveUrl = (source: HubSource, path: string) => `${source.endpoint}/${model.id}/resolve/${model.sha}/${path}`;
  const expectedBytes = (start: number, end: number) => Buffer.concat([...shardBytes(shard(), 0, shard().size)]).subarray(start, end);

  it('lists the model through the real HubClient, with each shard’s sha256 and size', async () => {
    const hub = new HubClient({ endpoint: uncapped.endpoint });
    const { sha } = await hub.resolveRevision(model.id, 'main');
    const files = await hub.listFiles(model.id, sha);
    const bytes = Buffer.concat([...shardBytes(shard(), 0, shard().size)]);
    expect(files.find((f) => f.path === shard().path)).toEqual({ path: shard().path, size: 4 * MiB, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(files.map((f) => f.path)).toEqual(model.files.map((f) => f.path));
  });

  it('redirects a shard to a signed CDN URL, with the Hub’s linked size and etag', async () => {
    const response = await fetch(resolveUrl(uncapped, shard().path), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^\/cdn\/bench\/test-model\/model-00001-of-00002\.safetensors\?Expires=\d+&Signature=[0-9a-f]{32}$/);
    expect([response.headers.get('x-linked-size'), response.headers.get('x-linked-etag')]).toEqual([String(4 * MiB), `"${shard().sha256}"`]);
  });

  it.each([
    ['bytes=1000-2999', 1000, 3000],
    ['bytes=250-', 250, 4 * MiB],
    ['bytes=-100', 4 * MiB - 100, 4 * MiB],
  ])('answers Range %s with 206 and exactly those bytes of the shard', async (range, start, end) => {
    const response = await fetch(resolveUrl(uncapped, shard().path), { headers: { range } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end - 1}/${4 * MiB}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(expectedBytes(start, end))).toBe(true);
  });

  it('answers a range past the end with 416', async () => {
    const response = await fetch(resolveUrl(uncapped, shard().path), { headers: { range: `bytes=${4 * MiB}-` } });
    expect([response.status, response.headers.get('content-range')]).toEqual([416, `bytes */${4 * MiB}`]);
  });

  it('refuses an expired CDN URL and a tampered signature with 403', async () => {
    const expired = await fetch(resolveUrl(expiring, shard().path));
    expect([expired.status, expired.headers.get('x-error-code')]).toEqual([403, 'ExpiredToken']);
    const location = (await fetch(resolveUrl(uncapped, shard().path), { redirect: 'manual' })).headers.get('location')!;
    const tampered = await fetch(`${uncapped.endpoint}${location.replace(/Signature=./, 'Signature=x')}`);
    expect([tampered.status, tampered.headers.get('x-error-code')]).toEqual([403, 'AccessDenied']);
  });

  it('serves the same bytes capped, and no faster than the cap on one connection', async () => {
    const started = performance.now();
    const response = await fetch(resolveUrl(capped, shard().path));
    const body = Buffer.from(await response.arrayBuffer());
    const seconds = (performance.now() - started) / 1000;
    expect(body.equals(expectedBytes(0, 4 * MiB))).toBe(true);
    // A lower bound only (the cap can only slow a transfer down): 4 MiB at 20 MB/s is 0.21 s, less 20 ms of burst.
    expect(seconds).toBeGreaterThan((4 * MiB) / capBytesPerSecond - 0.05);
  });

  it('answers unknown models, revisions and files as the Hub does', async () => {
    const code = async (url: string) => {
      const response = await fetch(url);
      return [response.status, response.headers.get('x-error-code')];
    };
    expect(await code(`${uncapped.endpoint}/api/models/bench/none/revision/main`)).toEqual([404, 'RepoNotFound']);
    expect(await code(`${uncapped.endpoint}/api/models/${model.id}/tree/${'0'.repeat(40)}`)).toEqual([404, 'RevisionNotFound']);
    expect(await code(resolveUrl(uncapped, 'missing.bin'))).toEqual([404, 'EntryNotFound']);
  });
});
