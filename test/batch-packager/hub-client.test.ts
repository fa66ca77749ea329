import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HubClient, type HubClientOptions } from '../../batch-packager/src/hub-client.js';
import { failureOf } from './support/failures.js';
import { MiB, startHubServer, tinyLlama, type HubServer } from './support/hub-server.js';

const llama = tinyLlama();
const shard = 'model-00001-of-00002.safetensors';
const shardContent = llama.files.find((f) => f.path === shard)!.content;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('HubClient', () => {
  let hub: HubServer;
  const client = (options: HubClientOptions = {}) => new HubClient({ endpoint: hub.endpoint, retryDelayMs: 1, ...options });

  beforeAll(async () => {
    hub = await startHubServer([llama]);
  });
  afterEach(() => hub.reset());
  afterAll(async () => {
    await hub.close();
  });

  it('resolves a branch to its commit sha', async () => {
    expect(await client().resolveRevision(llama.id, 'main')).toEqual({ modelId: llama.id, revision: 'main', sha: llama.sha });
    expect(hub.requests.map((r) => r.url)).toEqual([`/api/models/${llama.id}/revision/main`]);
  });

  it('lists every file with its size and LFS sha256 when the tree spans pages', async () => {
    const files = await client().listFiles(llama.id, llama.sha);
    expect(files.map((f) => f.path).sort()).toEqual(llama.files.map((f) => f.path).sort());
    expect(files.find((f) => f.path === shard)).toEqual({ path: shard, size: shardContent.length, sha256: sha256(shardContent) });
    expect(files.find((f) => f.path === 'config.json')).toEqual({
      path: 'config.json',
      size: llama.files.find((f) => f.path === 'config.json')!.content.length,
    });
    expect(hub.requests.filter((r) => r.url.includes('/tree/')).length).toBeGreaterThan(3);
  });

  it('downloads an LFS file through the CDN redirect, from the start and from an offset', async () => {
    const hubClient = client();
    expect((await collect(await hubClient.download(llama.id, llama.sha, shard, 0))).equals(shardContent)).toBe(true);
    const tail = await collect(await hubClient.download(llama.id, llama.sha, shard, 1_000_003));
    expect(tail.equals(shardContent.subarray(1_000_003))).toBe(true);
    expect(hub.requests.filter((r) => r.url.startsWith('/_cdn/')).map((r) => r.range)).toEqual([undefined, 'bytes=1000003-']);
  });

  it('skips the bytes it has when a server ignores Range', async () => {
    const ignoringRange: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.delete('range');
      return fetch(input, { ...init, headers });
    };
    const tail = await collect(await client({ fetch: ignoringRange }).download(llama.id, llama.sha, shard, 777_777));
    expect(tail.equals(shardContent.subarray(777_777))).toBe(true);
  });

  it('reads ranges from the CDN URL resolved once, and resolves it again when it has expired', async () => {
    hub.knobs.signedUrlUses = 2;
    const hubClient = client();
    const read = async (start: number, end: number) => {
      const body = await hubClient.downloadRange(llama.id, llama.sha, shard, { start, end });
      expect(body).toMatchObject({ ranged: true, total: shardContent.length });
      return collect(body.chunks);
    };
    expect((await read(0, 1000)).equals(shardContent.subarray(0, 1000))).toBe(true);
    expect((await read(5000, 9000)).equals(shardContent.subarray(5000, 9000))).toBe(true);
    // The signed URL has served its two requests: the third is refused and the Hub asked again.
    expect((await read(2 * MiB, 3 * MiB)).equals(shardContent.subarray(2 * MiB, 3 * MiB))).toBe(true);
    const shardUrls = hub.requests.filter((r) => r.url.includes(shard)).map((r) => `${r.url.startsWith('/_cdn/') ? 'cdn' : 'hub'} ${r.status}`);
    expect(shardUrls).toEqual(['hub 302', 'cdn 206', 'cdn 206', 'cdn 403', 'hub 302', 'cdn 206']);
  });

  it('says when a server ignored Range, with the chunks from the byte asked', async () => {
    hub.knobs.ignoreRange = true;
    const body = await client().downloadRange(llama.id, llama.sha, shard, { start: 777_777, end: 800_000 });
    expect(body.ranged).toBe(false);
    expect((await collect(body.chunks)).equals(shardContent.subarray(777_777))).toBe(true);
  });

  it('fails with a retryable DownloadFailed when the server answers another range than asked', async () => {
    const wrong: typeof fetch = () =>
      Promise.resolve(new Response('x'.repeat(10), { status: 206, headers: { 'content-range': `bytes 0-9/${shardContent.length}` } }));
    const failure = await failureOf(client({ fetch: wrong }).downloadRange(llama.id, llama.sha, shard, { start: 100, end: 110 }));
    expect(failure).toMatchObject({ code: 'DownloadFailed', retryable: true });
  });

  it('sends the token as a Bearer token when one is given', async () => {
    await client({ token: hub.knobs.token }).resolveRevision(llama.id, 'main');
    expect(hub.requests[0]?.authorization).toBe(true);
    await client().resolveRevision(llama.id, 'main');
    expect(hub.requests[1]?.authorization).toBe(false);
  });

  it('rejects with ModelNotFound when the model does not exist, with or without a token', async () => {
    const anonymous = await failureOf(client().resolveRevision('acme/nothing-here', 'main'));
    expect(anonymous.code).toBe('ModelNotFound');
    expect(anonymous.message).toBe('acme/nothing-here does not exist on the Hub, or it is private: check the id, or give a token with access.');
    const withToken = await failureOf(client({ token: hub.knobs.token }).resolveRevision('acme/nothing-here', 'main'));
    expect(withToken.code).toBe('ModelNotFound');
  });

  it('rejects with ModelNotFound without asking the Hub when the id is not a model id', async () => {
    expect((await failureOf(client().resolveRevision('../../api/whoami', 'main'))).code).toBe('ModelNotFound');
    expect(hub.requests).toEqual([]);
  });

  it('rejects with RevisionNotFound when the revision does not exist', async () => {
    const failure = await failureOf(client().resolveRevision(llama.id, 'no-such-branch'));
    expect(failure.code).toBe('RevisionNotFound');
    expect(failure.message).toContain('no revision no-such-branch');
  });

  it('rejects with GatedModel without a token and Unauthorized with a bad one, never echoing it', async () => {
    hub.knobs.gated.add(llama.id);
    const gated = await failureOf(client().resolveRevision(llama.id, 'main'));
    expect(gated.code).toBe('GatedModel');
    expect(gated.message).toBe(`${llama.id} is gated: give a token (tokenSecretArn) whose account has been granted access on the Hub.`);
    const secret = 'hf_wrong_secret_token_value';
    const refused = await failureOf(client({ token: secret }).resolveRevision(llama.id, 'main'));
    expect(refused.code).toBe('Unauthorized');
    expect(`${refused.message} ${String(refused.cause)} ${JSON.stringify(refused)}`).not.toContain(secret);
    expect(await client({ token: hub.knobs.token }).resolveRevision(llama.id, 'main')).toMatchObject({ sha: llama.sha });
  });

  it('keeps the token out of inspection and serialisation', async () => {
    const { inspect } = await import('node:util');
    const hubClient = client({ token: 'hf_do_not_print_me' });
    expect(inspect(hubClient, { depth: 5 })).not.toContain('hf_do_not_print_me');
    expect(JSON.stringify(hubClient)).not.toContain('hf_do_not_print_me');
  });

  it('fails with a retryable DownloadStalled when the body stops for longer than the idle timeout', async () => {
    hub.knobs.stallOnce = { path: shard, afterBytes: 300_000 };
    const started = Date.now();
    const chunks = await client({ idleTimeoutMs: 200 }).download(llama.id, llama.sha, shard, 0);
    let received = 0;
    const failure = await failureOf(
      (async () => {
        for await (const chunk of chunks) received += chunk.length;
      })(),
    );
    expect(failure).toMatchObject({ code: 'DownloadStalled', retryable: true });
    expect(failure.message).toBe(`The download of ${shard} of ${llama.id} stalled: no bytes for 0.2 s.`);
    expect(received).toBe(300_000);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('does not count time the consumer holds back as a stall', async () => {
    const chunks = await client({ idleTimeoutMs: 100 }).download(llama.id, llama.sha, shard, 0);
    let received = 0;
    for await (const chunk of chunks) {
      if (received === 0) await new Promise((resolve) => setTimeout(resolve, 300));
      received += chunk.length;
    }
    expect(received).toBe(shardContent.length);
  });

  describe('against a server that never answers', () => {
    let silent: Server;
    let endpoint: string;
    beforeAll(async () => {
      silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('fails with DownloadStalled when no headers come within the headers timeout', async () => {
      const failure = await failureOf(
        new HubClient({ endpoint, headersTimeoutMs: 150, metadataRetries: 1, retryDelayMs: 1 }).resolveRevision(llama.id, 'main'),
      );
      expect(failure).toMatchObject({
        code: 'DownloadStalled',
        retryable: true,
        message: `The Hub sent no answer for revision main of ${llama.id} within 0.15 s.`,
      });
    });

    it('fails with Cancelled at once when the signal fires while waiting', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const failure = await failureOf(new HubClient({ endpoint }).download(llama.id, llama.sha, shard, 0, controller.signal));
      expect(failure.code).toBe('Cancelled');
    });
  });

  it('retries a metadata call when the Hub answers 503', async () => {
    let calls = 0;
    const flaky: typeof fetch = (input, init) => {
      calls += 1;
      return calls === 1 ? Promise.resolve(new Response('busy', { status: 503 })) : fetch(input, init);
    };
    expect((await client({ fetch: flaky }).resolveRevision(llama.id, 'main')).sha).toBe(llama.sha);
    expect(calls).toBe(2);
  });

  it('fails with HubUnavailable when the Hub keeps answering 503', async () => {
    const down: typeof fetch = () => Promise.resolve(new Response('busy', { status: 503 }));
    const failure = await failureOf(client({ fetch: down, metadataRetries: 2 }).listFiles(llama.id, llama.sha));
    expect(failure).toMatchObject({ code: 'HubUnavailable', message: `The Hub answered 503 for revision ${llama.sha} of ${llama.id}.` });
  });

  it('fails with HubUnreachable, naming the host and HF_ENDPOINT, when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await failureOf(new HubClient({ endpoint: `http://127.0.0.1:${port}`, metadataRetries: 0 }).resolveRevision(llama.id, 'main'));
    expect(failure.code).toBe('HubUnreachable');
    expect(failure.message).toContain(`127.0.0.1:${port}`);
    expect(failure.message).toMatch(/ECONNREFUSED/);
    expect(failure.message).toContain('HF_ENDPOINT');
  });

  it("fails with HubUnreachable when the Hub's name does not resolve", async () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND huggingface.co'), { code: 'ENOTFOUND', hostname: 'huggingface.co' });
    const offline: typeof fetch = () => Promise.reject(new TypeError('fetch failed', { cause: dns }));
    const failure = await failureOf(new HubClient({ fetch: offline, metadataRetries: 0 }).resolveRevision(llama.id, 'main'));
    expect(failure.code).toBe('HubUnreachable');
    expect(failure.message).toMatch(/huggingface\.co.*does not resolve.*HF_ENDPOINT/);
  });

  it('still says DownloadFailed when an open connection breaks', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const broken: typeof fetch = () => Promise.reject(new TypeError('fetch failed', { cause: reset }));
    const failure = await failureOf(client({ fetch: broken, metadataRetries: 0 }).resolveRevision(llama.id, 'main'));
    expect(failure.code).toBe('DownloadFailed');
  });
});
