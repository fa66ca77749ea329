/**
 * Reading safetensors headers while the file streams past
 * (https://huggingface.co/docs/safetensors): 8 bytes of little-endian header length, then the
 * JSON header (tensor name -> dtype, shape, data offsets), then the data. The header is at the
 * start of the file, so the packager learns the parameter count without a second read.
 */

export type SafetensorsHeader = Record<string, unknown>;

/** The format caps the header at 100 MB; anything larger is not a safetensors file. */
export const maxHeaderBytes = 100_000_000;

/** safetensors dtype names -> the torch names config.json and our sizing use. */
const torchDtypes: Readonly<Record<string, string>> = {
  BF16: 'bfloat16',
  F16: 'float16',
  F32: 'float32',
  F64: 'float64',
  F8_E4M3: 'float8_e4m3fn',
  F8_E5M2: 'float8_e5m2',
  I8: 'int8',
  U8: 'uint8',
  I16: 'int16',
  I32: 'int32',
  I64: 'int64',
  BOOL: 'bool',
};

interface TensorInfo {
  dtype?: unknown;
  shape?: unknown;
}

const elements = (shape: unknown): number => (Array.isArray(shape) ? shape.reduce((product: number, dim) => product * Number(dim), 1) : 0);

/** The number of elements of every tensor in a header. */
export function countParameters(header: SafetensorsHeader): number {
  let total = 0;
  for (const [name, tensor] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    total += elements((tensor as TensorInfo).shape);
  }
  return total;
}

/** Elements per torch dtype name over the headers. */
export function elementsByDtype(headers: readonly SafetensorsHeader[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const header of headers) {
    for (const [name, tensor] of Object.entries(header)) {
      if (name === '__metadata__') continue;
      const { dtype, shape } = tensor as TensorInfo;
      if (typeof dtype !== 'string') continue;
      const torch = torchDtypes[dtype] ?? dtype.toLowerCase();
      counts.set(torch, (counts.get(torch) ?? 0) + elements(shape));
    }
  }
  return counts;
}

/** The dtype most parameters have (quantised models keep a few tensors in another one). */
export function dominantDtype(headers: readonly SafetensorsHeader[]): string | undefined {
  let best: [string, number] | undefined;
  for (const entry of elementsByDtype(headers)) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/**
 * Collects a safetensors header from the file's bytes fed in order from the start; keeps no
 * more than the header. `header` is set once it is complete, `problem` if the bytes are not a
 * safetensors header.
 */
export class SafetensorsHeaderReader {
  header?: SafetensorsHeader;
  problem?: string;
  private readonly lengthBytes = Buffer.alloc(8);
  private lengthFilled = 0;
  private json: Buffer | undefined;
  private jsonFilled = 0;

  get done(): boolean {
    return this.header !== undefined || this.problem !== undefined;
  }

  write(chunk: Uint8Array): void {
    if (this.done) return;
    let position = 0;
    if (this.json === undefined) {
      position = Math.min(8 - this.lengthFilled, chunk.length);
      this.lengthBytes.set(chunk.subarray(0, position), this.lengthFilled);
      this.lengthFilled += position;
      if (this.lengthFilled < 8) return;
      const length = Number(this.lengthBytes.readBigUInt64LE(0));
      if (length < 2 || length > maxHeaderBytes) {
        this.problem = `header length ${length} is not between 2 and ${maxHeaderBytes} bytes`;
        return;
      }
      this.json = Buffer.alloc(length);
    }
    const take = Math.min(this.json.length - this.jsonFilled, chunk.length - position);
    this.json.set(chunk.subarray(position, position + take), this.jsonFilled);
    this.jsonFilled += take;
    if (this.jsonFilled < this.json.length) return;
    try {
      const parsed: unknown = JSON.parse(this.json.toString('utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) this.problem = 'header is not a JSON object';
      else this.header = parsed as SafetensorsHeader;
    } catch {
      this.problem = 'header is not JSON';
    }
    this.json = undefined;
  }
}
