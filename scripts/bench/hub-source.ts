/**
 * A Hub-compatible source of generated models for benchmarks, shaped like huggingface.co: the
 * revision and tree API, `resolve/` answering small files itself and redirecting LFS files (302)
 * to a CDN-style URL that is signed and expires, and the CDN answering `Range` with 206. A
 * setting caps every connection's rate, as CDNs do (`capBytesPerSecond`).
 *
 *   tsx scripts/bench/hub-source.ts --models '[{"id":"bench/m","weightBytes":1073741824,"shards":4}]' [--cap-mbps 40] [--cache <file>]
 *
 * starts two listeners, uncapped and capped, and prints `READY {json}` (their endpoints and the
 * models' files); it exits when stdin ends. Shard bytes are an AES-128-CTR keystream produced
 * for any range on the fly: nothing the size of a shard is ever held in memory. Their sha256
 * (which the tree lists) is computed once and cached in a file.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const MiB = 1024 * 1024;
/** The safetensors header (8-byte length + JSON padded with spaces) is always this long. */
const headerBytes = 256;

export interface SourceFile {
  path: string;
  size: number;
  /** Set for the shards (LFS files) once hashed. */
  sha256?: string;
  /** Small files are held as bytes. */
  content?: Buffer;
  /** The shard's AES key: its bytes are the keystream under this key. */
  key?: Buffer;
}

export interface SourceModel {
  id: string;
  sha: string;
  files: SourceFile[];
}

export interface ModelSpec {
  id: string;
  /** Weight bytes in all, rounded down to a multiple of 8 per shard. */
  weightBytes: number;
  shards: number;
}

function shardHeader(size: number): Buffer {
  const dataBytes = size - headerBytes;
  const json = JSON.stringify({
    __metadata__: { format: 'pt' },
    weight: { dtype: 'BF16', shape: [dataBytes / 2], data_offsets: [0, dataBytes] },
  });
  if (json.length > headerBytes - 8) throw new Error('safetensors header too long');
  const header = Buffer.alloc(headerBytes, 0x20);
  header.writeBigUInt64LE(BigInt(headerBytes - 8), 0);
  header.write(json, 8, 'utf8');
  return header;
}

/** Bytes [start, end) of a shard, in chunks of `chunkBytes`: the header, then an AES-128-CTR keystream over the data offset. */
export function* shardBytes(file: SourceFile, start: number, end: number, chunkBytes = MiB): Generator<Buffer> {
  const header = shardHeader(file.size);
  let position = start;
  if (position < headerBytes) {
    const slice = header.subarray(position, Math.min(headerBytes, end));
    position += slice.length;
    yield slice;
  }
  if (position >= end) return;
  const offset = position - headerBytes;
  const iv = Buffer.alloc(16);
  iv.writeBigUInt64BE(BigInt(Math.floor(offset / 16)), 8);
  const cipher = createCipheriv('aes-128-ctr', file.key!, iv);
  const zeros = Buffer.alloc(chunkBytes + 16);
  let skip = offset % 16;
  while (position < end) {
    const length = Math.min(chunkBytes, end - position);
    const out = cipher.update(zeros.subarray(0, length + skip)).subarray(skip);
    skip = 0;
    position += out.length;
    yield out;
  }
}

/** Bytes [start, end) of any file of a model. */
function* fileBytes(file: SourceFile, start: number, end: number, chunkBytes: number): Generator<Buffer> {
  if (file.content) {
    for (let at = start; at < end; at += chunkBytes) yield file.content.subarray(at, Math.min(end, at + chunkBytes));
  } else {
    yield* shardBytes(file, start, end, chunkBytes);
  }
}

/** A llama-shaped model: config.json, tokenizer.json and `shards` safetensors shards (sha256 not yet computed). */
export function syntheticModel(spec: ModelSpec): SourceModel {
  const shardSize = Math.floor(spec.weightBytes / spec.shards / 8) * 8;
  const config = {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    torch_dtype: 'bfloat16',
    hidden_size: 4096,
    num_attention_heads: 32,
    num_hidden_layers: 32,
    vocab_size: 32000,
  };
  const tokenizer = { version: '1.0', model: { type: 'BPE', vocab: { a: 0, b: 1 }, merges: [] } };
  const small = (path: string, text: string): SourceFile => ({ path, size: Buffer.byteLength(text), content: Buffer.from(text) });
  const files = [small('config.json', `${JSON.stringify(config, null, 2)}\n`), small('tokenizer.json', JSON.stringify(tokenizer))];
  const pad = (n: number) => String(n).padStart(5, '0');
  for (let i = 1; i <= spec.shards; i++) {
    files.push({ path: `model-${pad(i)}-of-${pad(spec.shards)}.safetensors`, size: shardSize, key: createHash('md5').update(`shard-${i}`).digest() });
  }
  return { id: spec.id, sha: createHash('sha1').update(`commit:${spec.id}`).digest('hex'), files };
}

const readCache = (file: string) =>
  readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as Record<string, string>,
    () => ({}),
  );

/** Fills in every shard's sha256, from `cacheFile` when it has it (keyed by AES key and size), else by streaming the shard once. */
export async function hashShards(models: readonly SourceModel[], cacheFile?: string): Promise<{ seconds: number; hashedBytes: number }> {
  const cache: Record<string, string> = cacheFile ? await readCache(cacheFile) : {};
  const started = performance.now();
  let hashedBytes = 0;
  for (const file of models.flatMap((m) => m.files)) {
    if (file.content) continue;
    const cacheKey = `${file.key!.toString('hex')}:${file.size}`;
    file.sha256 = cache[cacheKey];
    if (file.sha256 !== undefined) continue;
    const hash = createHash('sha256');
    for (const chunk of shardBytes(file, 0, file.size)) hash.update(chunk);
    file.sha256 = cache[cacheKey] = hash.digest('hex');
    hashedBytes += file.size;
  }
  if (cacheFile && hashedBytes > 0) {
    await mkdir(dirname(cacheFile), { recursive: true });
    await writeFile(cacheFile, `${JSON.stringify(cache, null, 2)}\n`);
  }
  return { seconds: (performance.now() - started) / 1000, hashedBytes };
}

/**
 * A `Range` header against a size: [start, end) for one range (`a-b`, `a-`, `-n`), 'unsatisfiable'
 * when it starts past the end, undefined when there is none or it is not one byte range (the whole
 * file is then served, as RFC 9110 allows).
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(match[1]);
  const last = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (last < start) return undefined;
  return { start, end: last + 1 };
}

/** The pacer's clock: milliseconds, and a pause. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<unknown>;
}

const realClock: PacerClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * Paces one connection to `bytesPerSecond`: each write waits until the connection's schedule
 * allows it. A connection may run ahead of its schedule by `burstMs` at most, and one that was
 * idle gets no more credit than that.
 */
export class ConnectionPacer {
  private due = 0;

  constructor(
    readonly bytesPerSecond: number,
    private readonly clock: PacerClock = realClock,
    private readonly burstMs = 20,
  ) {}

  /** Resolves when `bytes` more may be sent. */
  async take(bytes: number): Promise<void> {
    const now = this.clock.now();
    this.due = Math.max(this.due, now) + (bytes * 1000) / this.bytesPerSecond;
    const wait = this.due - now - this.burstMs;
    if (wait > 0) await this.clock.sleep(wait);
  }
}

export interface HubSourceOptions {
  models: readonly SourceModel[];
  /** Every connection's rate, bytes per second; unset means uncapped. */
  capBytesPerSecond?: number;
  /** How long a redirect's signed CDN URL stays valid. Default 3600 s. */
  urlTtlSeconds?: number;
}

export interface HubSource {
  endpoint: string;
  server: Server;
  close(): Promise<void>;
}

async function write(res: ServerResponse, chunk: Buffer): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      if (res.destroyed && !res.writableFinished) reject(new Error('client went away'));
      else resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** Starts a Hub-like source on 127.0.0.1 (a free port). */
export async function startHubSource(options: HubSourceOptions): Promise<HubSource> {
  const secret = randomBytes(16);
  const ttl = options.urlTtlSeconds ?? 3600;
  const pacers = new WeakMap<Socket, ConnectionPacer>();
  const pacerOf = (socket: Socket) => {
    if (options.capBytesPerSecond === undefined) return undefined;
    let pacer = pacers.get(socket);
    if (!pacer) pacers.set(socket, (pacer = new ConnectionPacer(options.capBytesPerSecond)));
    return pacer;
  };
  const sign = (path: string, expires: number) => createHmac('sha256', secret).update(`${path}\n${expires}`).digest('hex').slice(0, 32);
  const models = new Map(options.models.map((m) => [m.id, m]));
  const fileOf = (modelId: string, path: string) => models.get(modelId)?.files.find((f) => f.path === path);

  const json = (res: ServerResponse, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
  };
  const refuse = (res: ServerResponse, status: number, code: string) => res.writeHead(status, { 'x-error-code': code }).end();

  const serveBytes = (req: IncomingMessage, res: ServerResponse, file: SourceFile) => {
    const range = parseRange(req.headers.range, file.size);
    if (range === 'unsatisfiable') return void res.writeHead(416, { 'content-range': `bytes */${file.size}` }).end();
    const { start, end } = range ?? { start: 0, end: file.size };
    const headers: Record<string, string | number> = {
      'content-type': 'application/octet-stream',
      'content-length': end - start,
      'accept-ranges': 'bytes',
      etag: `"${file.sha256 ?? createHash('sha1').update(file.path).digest('hex')}"`,
    };
    if (range) headers['content-range'] = `bytes ${start}-${end - 1}/${file.size}`;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD') return void res.end();
    const pacer = pacerOf(req.socket);
    // Smaller chunks keep a capped stream smooth.
    const chunkBytes = pacer ? 256 * 1024 : MiB;
    void (async () => {
      try {
        for (const chunk of fileBytes(file, start, end, chunkBytes)) {
          await pacer?.take(chunk.length);
          await write(res, chunk);
        }
        res.end();
      } catch {
        res.destroy();
      }
    })();
  };

  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    const api = /^\/api\/models\/([^/]+\/[^/]+)\/(revision|tree)\/([^/]+)$/.exec(path);
    if (api) {
      const model = models.get(api[1]!);
      if (!model) return refuse(res, 404, 'RepoNotFound');
      if (api[2] === 'revision') return json(res, { id: model.id, sha: model.sha });
      if (api[3] !== model.sha) return refuse(res, 404, 'RevisionNotFound');
      return json(
        res,
        model.files.map((f) => ({
          type: 'file',
          path: f.path,
          size: f.size,
          oid: createHash('sha1').update(f.path).digest('hex'),
          ...(f.sha256 ? { lfs: { oid: f.sha256, size: f.size, pointerSize: 134 } } : {}),
        })),
      );
    }
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    if (resolve) {
      const model = models.get(resolve[1]!);
      if (!model) return refuse(res, 404, 'RepoNotFound');
      if (resolve[2] !== model.sha && resolve[2] !== 'main') return refuse(res, 404, 'RevisionNotFound');
      const file = fileOf(model.id, resolve[3]!);
      if (!file) return refuse(res, 404, 'EntryNotFound');
      if (file.sha256 === undefined) return serveBytes(req, res, file);
      // LFS files live on the CDN: a signed URL that expires, as the Hub's redirects are.
      const cdnPath = `/cdn/${model.id}/${file.path}`;
      const expires = Math.floor(Date.now() / 1000) + ttl;
      res.writeHead(302, {
        location: `${encodePath(cdnPath)}?Expires=${expires}&Signature=${sign(cdnPath, expires)}`,
        'x-repo-commit': model.sha,
        'x-linked-size': file.size,
        'x-linked-etag': `"${file.sha256}"`,
        'content-length': 0,
      });
      return void res.end();
    }
    const cdn = /^\/cdn\/([^/]+\/[^/]+)\/(.+)$/.exec(path);
    if (cdn) {
      const expires = Number(url.searchParams.get('Expires'));
      if (url.searchParams.get('Signature') !== sign(path, expires)) return refuse(res, 403, 'AccessDenied');
      if (!(expires > Date.now() / 1000)) return refuse(res, 403, 'ExpiredToken');
      const file = fileOf(cdn[1]!, cdn[2]!);
      if (!file) return refuse(res, 404, 'EntryNotFound');
      return serveBytes(req, res, file);
    }
    return refuse(res, 404, 'EntryNotFound');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the child process prints once it listens. */
export interface SourceReady {
  uncapped: string;
  capped: string;
  capBytesPerSecond: number;
  hashSeconds: number;
  hashedBytes: number;
  models: { id: string; files: { path: string; size: number; weights: boolean }[] }[];
}

async function main(argv: readonly string[]): Promise<void> {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const specs = JSON.parse(value('--models') ?? '[]') as ModelSpec[];
  const capBytesPerSecond = Number(value('--cap-mbps') ?? 40) * 1e6;
  const models = specs.map(syntheticModel);
  const cache = value('--cache');
  const hashed = await hashShards(models, cache);
  const uncapped = await startHubSource({ models });
  const capped = await startHubSource({ models, capBytesPerSecond });
  const ready: SourceReady = {
    uncapped: uncapped.endpoint,
    capped: capped.endpoint,
    capBytesPerSecond,
    hashSeconds: hashed.seconds,
    hashedBytes: hashed.hashedBytes,
    models: models.map((m) => ({ id: m.id, files: m.files.map((f) => ({ path: f.path, size: f.size, weights: f.path.endsWith('.safetensors') })) })),
  };
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
  // Exit with the parent.
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
