/**
 * A real HTTP server on 127.0.0.1 that speaks the part of the Hugging Face Hub's API the
 * packager uses, for generated models: revision -> commit, the recursive tree (paginated with
 * Link headers, LFS files with their sha256), and resolve/ with Range support and a redirect
 * to a "CDN" route for LFS files with a signed URL, as huggingface.co does. Knobs make it fail
 * the ways the Hub and CDNs do: gated models, missing models and revisions, corrupt bytes,
 * stalls, signed URLs that expire, servers that ignore Range, ranges that answer late.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const MiB = 1024 * 1024;

export interface FixtureFile {
  path: string;
  content: Buffer;
  /** Stored in LFS: listed with `lfs: { oid: sha256 }`, served through a redirect. */
  lfs: boolean;
}

export interface FixtureModel {
  id: string;
  sha: string;
  files: FixtureFile[];
}

export interface HubKnobs {
  /** Models that need `token`. */
  gated: Set<string>;
  /** The token that opens gated models; any other token is refused as invalid. */
  token: string;
  /** Serves this file with one byte changed (the tree still lists the true sha256). */
  corrupt?: string;
  /**
   * The first download of `path` whose bytes include `afterBytes` sends the bytes before it,
   * then nothing; later ones are normal.
   */
  stallOnce?: { path: string; afterBytes: number };
  /** Every download of `path` stalls: the first after `afterBytes` bytes, resumes at once. */
  stallForever?: { path: string; afterBytes: number };
  /** Tree entries per page (the Hub pages by 1,000; small pages exercise the Link header). */
  pageSize: number;
  /** Answers every download with 200 and the whole file, whatever Range asks (as some mirrors and proxies do). */
  ignoreRange?: boolean;
  /** Each signed CDN URL the Hub hands out serves this many requests, then answers 403 "Request has expired" (as CloudFront does). */
  signedUrlUses?: number;
  /** Holds back the answer to the range of `path` starting at `start` until `releaseHeld()` (later ranges arrive first). */
  holdRange?: { path: string; start: number };
}

export interface RecordedRequest {
  method: string;
  /** The path and query, decoded. */
  url: string;
  range?: string;
  authorization: boolean;
  /** The status answered, once the answer is complete. */
  status?: number;
}

export interface HubServer {
  endpoint: string;
  models: Map<string, FixtureModel>;
  knobs: HubKnobs;
  requests: RecordedRequest[];
  /** Resolves when a download of `path` has stalled (for cancelling mid-download). */
  whenStalled(path: string): Promise<void>;
  /** Downloads whose answer is complete, in the order they completed: the path and the Range asked. */
  served: { path: string; range?: string }[];
  /** Resolves once `count` downloads of `path` have completed. */
  whenServed(path: string, count: number): Promise<void>;
  /** Sends the answer `holdRange` held back. */
  releaseHeld(): void;
  /** Clears knobs and recorded requests; ends stalled responses. */
  reset(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- generated models

/** Deterministic pseudo-random bytes (xorshift32), fast enough for tens of MiB. */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const words = new Uint32Array(Math.ceil(length / 4));
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  return Buffer.from(words.buffer, 0, length);
}

const dtypeBytes: Record<string, number> = { BF16: 2, F16: 2, F32: 4 };

/** A real safetensors file: header (padded to 8 bytes, as the format recommends) and data. */
export function safetensorsFile(tensors: Record<string, { dtype: string; shape: number[] }>, seed: number): { content: Buffer; parameters: number } {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  let parameters = 0;
  for (const [name, { dtype, shape }] of Object.entries(tensors)) {
    const count = shape.reduce((a, b) => a * b, 1);
    const bytes = count * (dtypeBytes[dtype] ?? 1);
    header[name] = { dtype, shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
    parameters += count;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return { content: Buffer.concat([length, Buffer.from(json), pseudoRandomBytes(offset, seed)]), parameters };
}

const commitOf = (id: string) => createHash('sha1').update(`commit:${id}`).digest('hex');
const text = (path: string, content: string, lfs = false): FixtureFile => ({ path, content: Buffer.from(content), lfs });
const blob = (path: string, length: number, seed: number): FixtureFile => ({ path, content: pseudoRandomBytes(length, seed), lfs: true });

export interface TinyLlama extends FixtureModel {
  parameters: number;
  /** The files a packager should keep. */
  expected: string[];
}

/**
 * A llama-shaped model: two safetensors shards (11.5 and 9.5 MiB: multipart with 5 MiB or
 * 8 MiB parts) and every kind of file a packager must leave out.
 */
export function tinyLlama(id = 'acme/tiny-llama'): TinyLlama {
  const shard1 = safetensorsFile(
    {
      'model.embed_tokens.weight': { dtype: 'BF16', shape: [2048, 1024] },
      'model.layers.0.self_attn.q_proj.weight': { dtype: 'BF16', shape: [1024, 1024] },
      'model.layers.0.mlp.up_proj.weight': { dtype: 'BF16', shape: [2816, 1024] },
    },
    1,
  );
  const shard2 = safetensorsFile(
    {
      'model.layers.0.mlp.down_proj.weight': { dtype: 'BF16', shape: [1024, 2816] },
      'model.norm.weight': { dtype: 'BF16', shape: [1024] },
      'lm_head.weight': { dtype: 'BF16', shape: [2048, 1024] },
    },
    2,
  );
  const config = {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    torch_dtype: 'bfloat16',
    hidden_size: 1024,
    num_hidden_layers: 1,
    vocab_size: 2048,
  };
  const index = {
    metadata: { total_size: shard1.content.length + shard2.content.length - 16 },
    weight_map: { 'lm_head.weight': 'model-00002-of-00002.safetensors' },
  };
  const expected = [
    'LICENSE',
    'README.md',
    'config.json',
    'generation_config.json',
    'model-00001-of-00002.safetensors',
    'model-00002-of-00002.safetensors',
    'model.safetensors.index.json',
    'special_tokens_map.json',
    'tokenizer.json',
    'tokenizer_config.json',
  ];
  return {
    id,
    sha: commitOf(id),
    parameters: shard1.parameters + shard2.parameters,
    expected,
    files: [
      text('.gitattributes', '*.safetensors filter=lfs diff=lfs merge=lfs -text\n'),
      text('LICENSE', 'Tiny test licence.\n'),
      text('README.md', '# tiny-llama\n![diagram](assets/diagram.png)\n'),
      text('config.json', JSON.stringify(config, null, 2)),
      text('generation_config.json', JSON.stringify({ bos_token_id: 1, eos_token_id: 2, temperature: 0.6 })),
      text(
        'tokenizer.json',
        JSON.stringify({ version: '1.0', model: { type: 'BPE', vocab: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`t${i}`, i])) } }),
      ),
      text('tokenizer_config.json', JSON.stringify({ chat_template: '{% for m in messages %}{{ m.content }}{% endfor %}', bos_token: '<s>' })),
      text('special_tokens_map.json', JSON.stringify({ bos_token: '<s>', eos_token: '</s>' })),
      text('model.safetensors.index.json', JSON.stringify(index)),
      { path: 'model-00001-of-00002.safetensors', content: shard1.content, lfs: true },
      { path: 'model-00002-of-00002.safetensors', content: shard2.content, lfs: true },
      blob('pytorch_model.bin', 256 * 1024, 3),
      text('pytorch_model.bin.index.json', JSON.stringify({ weight_map: {} })),
      blob('original/consolidated.00.pth', 128 * 1024, 4),
      text('original/params.json', JSON.stringify({ dim: 1024 })),
      blob('tiny-llama.Q4_K_M.gguf', 64 * 1024, 5),
      blob('assets/diagram.png', 4 * 1024, 6),
    ],
  };
}

/** A T5 encoder-decoder (served on the Hugging Face inference toolkit), small enough for one PutObject. */
export function tinyT5(id = 'acme/tiny-t5'): FixtureModel & { parameters: number; expected: string[] } {
  const weights = safetensorsFile({ 'shared.weight': { dtype: 'F32', shape: [512, 256] }, 'lm_head.weight': { dtype: 'F32', shape: [512, 256] } }, 7);
  return {
    id,
    sha: commitOf(id),
    parameters: weights.parameters,
    expected: ['config.json', 'model.safetensors', 'spiece.model', 'tokenizer.json'],
    files: [
      text('config.json', JSON.stringify({ architectures: ['T5ForConditionalGeneration'], model_type: 't5', torch_dtype: 'float32' })),
      { path: 'model.safetensors', content: weights.content, lfs: true },
      blob('spiece.model', 16 * 1024, 8),
      text('tokenizer.json', JSON.stringify({ version: '1.0' })),
      blob('pytorch_model.bin', 64 * 1024, 9),
      blob('flax_model.msgpack', 32 * 1024, 10),
      blob('tf_model.h5', 32 * 1024, 11),
      blob('rust_model.ot', 32 * 1024, 12),
      blob('onnx/encoder_model.onnx', 32 * 1024, 13),
    ],
  };
}

/** A model of an architecture no series covers. */
export function mysteryModel(id = 'acme/mystery'): FixtureModel {
  const weights = safetensorsFile({ 'backbone.weight': { dtype: 'BF16', shape: [256, 256] } }, 14);
  return {
    id,
    sha: commitOf(id),
    files: [
      text('config.json', JSON.stringify({ architectures: ['MambaXForCausalLM'], model_type: 'mamba_x', torch_dtype: 'bfloat16' })),
      { path: 'model.safetensors', content: weights.content, lfs: true },
    ],
  };
}

// ---------------------------------------------------------------- the server

/** Digests of a file's content, once per content (every tree page and download names them; files may weigh hundreds of MiB). */
function memoized(digest: (content: Buffer) => string): (content: Buffer) => string {
  const known = new WeakMap<Buffer, string>();
  return (content) => {
    let value = known.get(content);
    if (value === undefined) known.set(content, (value = digest(content)));
    return value;
  };
}
const gitOid = memoized((content) => createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex'));
const sha256 = memoized((content) => createHash('sha256').update(content).digest('hex'));

function treeOf(model: FixtureModel): unknown[] {
  const directories = new Set<string>();
  for (const file of model.files) {
    const parts = file.path.split('/');
    for (let i = 1; i < parts.length; i++) directories.add(parts.slice(0, i).join('/'));
  }
  return [
    ...[...directories].map((path) => ({ type: 'directory', oid: gitOid(Buffer.from(path)), size: 0, path })),
    ...model.files.map((f) => ({
      type: 'file',
      oid: gitOid(f.content),
      size: f.content.length,
      path: f.path,
      ...(f.lfs ? { lfs: { oid: sha256(f.content), size: f.content.length, pointerSize: 134 } } : {}),
    })),
  ].sort((a, b) => a.path.localeCompare(b.path));
}

export async function startHubServer(models: FixtureModel[]): Promise<HubServer> {
  const byId = new Map(models.map((m) => [m.id, m]));
  const freshKnobs = (): HubKnobs => ({ gated: new Set(), token: 'hf_fixture_token_0123456789', pageSize: 4 });
  const state = {
    knobs: freshKnobs(),
    requests: [] as RecordedRequest[],
    downloads: new Map<string, number>(),
    stalledOnce: new Set<string>(),
    served: [] as { path: string; range?: string }[],
    signatures: new Map<string, number>(),
    signed: 0,
    held: [] as (() => void)[],
  };
  const servedWaiters: { path: string; count: number; resolve: () => void }[] = [];
  const noteServed = (path: string, range: string | undefined) => {
    state.served.push({ path, ...(range ? { range } : {}) });
    for (const waiter of [...servedWaiters]) {
      if (state.served.filter((s) => s.path === waiter.path).length >= waiter.count) {
        servedWaiters.splice(servedWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const stalledResponses = new Set<ServerResponse>();
  const stallWaiters = new Map<string, (() => void)[]>();
  const sockets = new Set<Socket>();

  const stall = (path: string, response: ServerResponse) => {
    stalledResponses.add(response);
    response.on('close', () => stalledResponses.delete(response));
    for (const resolve of stallWaiters.get(path) ?? []) resolve();
    stallWaiters.delete(path);
  };

  const refuse = (response: ServerResponse, status: number, code: string | undefined, message: string) => {
    response.writeHead(status, { 'content-type': 'application/json', ...(code ? { 'x-error-code': code } : {}), 'x-error-message': message });
    response.end(JSON.stringify({ error: message }));
  };

  /** Access rules as huggingface.co applies them. Returns false when it answered. */
  const admit = (request: IncomingMessage, response: ServerResponse, id: string): FixtureModel | undefined => {
    const auth = request.headers.authorization;
    const { knobs } = state;
    if (auth !== undefined && auth !== `Bearer ${knobs.token}`) {
      refuse(response, 401, undefined, 'Invalid credentials in Authorization header');
      return undefined;
    }
    const model = byId.get(id);
    if (!model) {
      // Without a token the Hub will not say whether a repository exists (it may be private).
      refuse(response, auth ? 404 : 401, 'RepoNotFound', 'Repository not found');
      return undefined;
    }
    if (knobs.gated.has(id) && auth === undefined) {
      refuse(response, 401, 'GatedRepo', `Access to model ${id} is restricted. You must have access to it and be authenticated to access it. Please log in.`);
      return undefined;
    }
    return model;
  };

  const revisionOf = (model: FixtureModel, revision: string) => (revision === 'main' || revision === model.sha ? model.sha : undefined);

  const serveFile = (request: IncomingMessage, response: ServerResponse, model: FixtureModel, file: FixtureFile) => {
    const { knobs } = state;
    let content = file.content;
    if (knobs.corrupt === file.path) {
      content = Buffer.from(content);
      content[Math.floor(content.length / 2)]! ^= 0xff;
    }
    const asked = request.headers.range;
    const match = knobs.ignoreRange ? null : /^bytes=(\d+)-(\d*)$/.exec(asked ?? '');
    const start = match ? Number(match[1]) : 0;
    if (start >= content.length && content.length > 0) {
      response.writeHead(416, { 'content-range': `bytes */${content.length}` });
      response.end();
      return;
    }
    const end = match && match[2] !== '' ? Math.min(content.length, Number(match[2]) + 1) : content.length;
    const body = content.subarray(start, end);
    const headers = {
      'content-type': 'application/octet-stream',
      'accept-ranges': 'bytes',
      'content-length': String(body.length),
      etag: `"${sha256(file.content)}"`,
    };
    const send = () => {
      if (match) response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end - 1}/${content.length}` });
      else response.writeHead(200, headers);
      response.once('finish', () => noteServed(file.path, asked));

      const key = `${model.id}/${file.path}`;
      const count = (state.downloads.get(key) ?? 0) + 1;
      state.downloads.set(key, count);
      const covers = (at: number) => start <= at && at < end;
      const once = knobs.stallOnce?.path === file.path && !state.stalledOnce.has(key) && covers(knobs.stallOnce.afterBytes) ? knobs.stallOnce : undefined;
      if (once) state.stalledOnce.add(key);
      const forever = knobs.stallForever?.path === file.path ? knobs.stallForever : undefined;
      const stallAt = once?.afterBytes ?? (forever ? (count === 1 ? forever.afterBytes : 0) : undefined);
      if (stallAt === undefined) {
        response.end(body);
        return;
      }
      // Send the bytes before the stall and flush them, then go quiet with the socket open.
      response.flushHeaders();
      if (stallAt > start) response.write(body.subarray(0, stallAt - start));
      stall(file.path, response);
    };
    if (knobs.holdRange?.path === file.path && knobs.holdRange.start === start && match) {
      knobs.holdRange = undefined;
      state.held.push(send);
      return;
    }
    send();
  };

  /** A signed URL's query: a fresh signature per redirect, counted on use when signedUrlUses is set. */
  const signature = () => `signature=sig-${++state.signed}`;
  const expired = (url: URL) => {
    const uses = state.knobs.signedUrlUses;
    if (uses === undefined) return false;
    const sig = url.searchParams.get('signature') ?? '';
    const used = (state.signatures.get(sig) ?? 0) + 1;
    state.signatures.set(sig, used);
    return used > uses;
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fixture');
    const path = decodeURIComponent(url.pathname);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      url: `${path}${url.search}`,
      ...(request.headers.range ? { range: request.headers.range } : {}),
      authorization: request.headers.authorization !== undefined,
    };
    state.requests.push(record);
    response.once('finish', () => (record.status = response.statusCode));

    let m = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/(.+)$/.exec(path);
    if (m) {
      const model = admit(request, response, m[1]!);
      if (!model) return;
      const sha = revisionOf(model, m[2]!);
      if (!sha) return refuse(response, 404, 'RevisionNotFound', `Invalid rev id: ${m[2]}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: model.id, sha, siblings: model.files.map((f) => ({ rfilename: f.path })) }));
      return;
    }
    m = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/([^/]+)$/.exec(path);
    if (m) {
      const model = admit(request, response, m[1]!);
      if (!model) return;
      if (!revisionOf(model, m[2]!)) return refuse(response, 404, 'RevisionNotFound', `Invalid rev id: ${m[2]}`);
      const entries = url.searchParams.get('recursive') === 'true' ? treeOf(model) : treeOf(model).filter((e) => !(e as { path: string }).path.includes('/'));
      const cursor = Number(url.searchParams.get('cursor') ?? '0');
      const page = entries.slice(cursor, cursor + state.knobs.pageSize);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (cursor + state.knobs.pageSize < entries.length) {
        const next = new URL(url.pathname + url.search, `http://${request.headers.host}`);
        next.searchParams.set('cursor', String(cursor + state.knobs.pageSize));
        headers.link = `<${next.toString()}>; rel="next"`;
      }
      response.writeHead(200, headers);
      response.end(JSON.stringify(page));
      return;
    }
    m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    if (m) {
      const model = admit(request, response, m[1]!);
      if (!model) return;
      if (!revisionOf(model, m[2]!)) return refuse(response, 404, 'RevisionNotFound', `Invalid rev id: ${m[2]}`);
      const file = model.files.find((f) => f.path === m![3]);
      if (!file) return refuse(response, 404, 'EntryNotFound', `${m[3]} does not exist`);
      if (file.lfs) {
        // huggingface.co sends LFS files to its CDN with a signed URL.
        response.writeHead(302, { location: `/_cdn/${model.id}/${model.sha}/${file.path}?${signature()}` });
        response.end();
        return;
      }
      serveFile(request, response, model, file);
      return;
    }
    m = /^\/_cdn\/([^/]+\/[^/]+)\/([^/]+)\/(.+)$/.exec(path);
    if (m) {
      const model = byId.get(m[1]!);
      const file = model?.files.find((f) => f.path === m[3]);
      if (!model || !file) return refuse(response, 404, undefined, 'not found');
      if (expired(url)) {
        response.writeHead(403, { 'content-type': 'application/xml' });
        response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
        return;
      }
      serveFile(request, response, model, file);
      return;
    }
    refuse(response, 404, undefined, 'no such route');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const endStalled = () => {
    for (const response of stalledResponses) response.destroy();
    stalledResponses.clear();
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    models: byId,
    get knobs() {
      return state.knobs;
    },
    get requests() {
      return state.requests;
    },
    get served() {
      return state.served;
    },
    whenServed: (path, count) =>
      new Promise<void>((resolve) => {
        if (state.served.filter((s) => s.path === path).length >= count) resolve();
        else servedWaiters.push({ path, count, resolve });
      }),
    releaseHeld: () => {
      for (const send of state.held.splice(0)) send();
    },
    whenStalled: (path) =>
      new Promise<void>((resolve) => {
        stallWaiters.set(path, [...(stallWaiters.get(path) ?? []), resolve]);
      }),
    reset: () => {
      endStalled();
      state.knobs = freshKnobs();
      state.requests = [];
      state.downloads.clear();
      state.stalledOnce.clear();
      state.served = [];
      state.signatures.clear();
      for (const send of state.held.splice(0)) send();
      servedWaiters.splice(0);
      stallWaiters.clear();
    },
    close: async () => {
      endStalled();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

export { MiB };
