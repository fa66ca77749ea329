/**
 * Raw rates for the benchmark: how fast the source sends (one stream and N streams, bytes
 * dropped on arrival) and how fast the sink takes parts (N streams of UploadPart from a
 * preallocated buffer). The clients are plain node:http, as cheap as a client gets, so that the
 * figures are the servers' (and the loopback's) limits, not the client's.
 */
import { Agent, request, type IncomingMessage } from 'node:http';

export interface Rate {
  bytes: number;
  seconds: number;
  /** 10^6 bytes per second. */
  mbps: number;
}

const rate = (bytes: number, seconds: number): Rate => ({ bytes, seconds, mbps: bytes / 1e6 / seconds });

/** GET with a Range header, following one redirect (the Hub's resolve/ -> CDN) with the same range. */
function get(agent: Agent, url: string, range: string, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { range }, signal }, (res) => {
      if (res.statusCode === 302 && res.headers.location) {
        res.resume();
        get(agent, new URL(res.headers.location, url).toString(), range, signal).then(resolve, reject);
      } else if (res.statusCode === 200 || res.statusCode === 206) {
        resolve(res);
      } else {
        res.resume();
        reject(new Error(`GET ${url} (${range}) answered ${res.statusCode}`));
      }
    });
    req.once('error', reject);
    req.end();
  });
}

export interface SourceRange {
  /** The file's resolve/ URL. */
  url: string;
  start: number;
  end: number;
}

/**
 * Reads each range again and again, one stream per range, all at once, until `seconds` have
 * passed; the bytes are dropped. The rate is the bytes received over the time.
 */
export async function sourceRate(ranges: readonly SourceRange[], seconds: number): Promise<Rate> {
  const agent = new Agent({ keepAlive: true, maxSockets: ranges.length });
  const controller = new AbortController();
  let bytes = 0;
  const started = performance.now();
  const timer = setTimeout(() => controller.abort(), seconds * 1000);
  const stream = async (range: SourceRange) => {
    while (!controller.signal.aborted) {
      try {
        const res = await get(agent, range.url, `bytes=${range.start}-${range.end - 1}`, controller.signal);
        for await (const chunk of res as AsyncIterable<Buffer>) bytes += chunk.length;
      } catch (error) {
        if (!controller.signal.aborted) throw error;
      }
    }
  };
  try {
    await Promise.all(ranges.map(stream));
  } finally {
    clearTimeout(timer);
    agent.destroy();
  }
  return rate(bytes, (performance.now() - started) / 1000);
}

/** Splits [0, size) into `count` ranges of a file. */
export function splitRanges(url: string, size: number, count: number): SourceRange[] {
  const step = Math.ceil(size / count);
  const ranges: SourceRange[] = [];
  for (let start = 0; start < size; start += step) ranges.push({ url, start, end: Math.min(size, start + step) });
  return ranges;
}

function putPart(agent: Agent, url: string, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'PUT',
        agent,
        headers: { 'content-length': body.length, 'content-type': 'application/octet-stream', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      },
      (res) => {
        res.resume();
        res.once('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${url} answered ${res.statusCode}`))));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/**
 * Uploads parts of `partBytes` to one multipart upload from `streams` connections at once until
 * `seconds` have passed (parts in flight then finish). `uploadUrl` is the object's URL and
 * `uploadId` an upload the caller created (and aborts afterwards).
 */
export async function sinkRate(options: { uploadUrl: string; uploadId: string; streams: number; seconds: number; partBytes: number }): Promise<Rate> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.streams });
  // Bytes that are not all zeros, in case a sink special-cases them.
  const body = Buffer.alloc(options.partBytes);
  for (let i = 0; i < body.length; i += 4096) body[i] = i & 0xff;
  let nextPart = 1;
  let bytes = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const stream = async () => {
    while (performance.now() < deadline && nextPart <= 10_000) {
      const partNumber = nextPart++;
      await putPart(agent, `${options.uploadUrl}?partNumber=${partNumber}&uploadId=${encodeURIComponent(options.uploadId)}`, body);
      bytes += body.length;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.streams }, stream));
  } finally {
    agent.destroy();
  }
  return rate(bytes, (performance.now() - started) / 1000);
}
