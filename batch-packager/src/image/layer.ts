/**
 * A deterministic image layer from in-memory files: the same files give the same bytes, hence
 * the same digest, on every run, so a rebuild with the same inputs finds its layer by digest in
 * the registry and the image digest is reproducible.
 *
 * The tar is written here (POSIX ustar, a PAX `path` record for long names) because every
 * field must be fixed: mtime 0, uid/gid 0, no user or group names, modes 0644/0755, entries in
 * byte order with every parent directory. The gzip header is fixed too (no file name, mtime 0,
 * OS byte 3): https://www.rfc-editor.org/rfc/rfc1952#section-2.3.1
 *
 * The compressed bytes also depend on zlib's deflate: Node's bundled zlib is the same on every
 * machine for one Node version, but a Node upgrade may change the digest (never the diffId).
 */
import { createHash } from 'node:crypto';
import { constants as zlibConstants, gzipSync } from 'node:zlib';
import { ImageBuildError } from './errors.js';

/** A file's content, or its content and whether it is executable (mode 0755 instead of 0644). */
export type LayerFile = string | Uint8Array | { content: string | Uint8Array; executable?: boolean };

export interface Layer {
  /** The gzip-compressed tar: what the registry stores. */
  compressed: Buffer;
  /** `sha256:<hex>` of `compressed`: the layer's descriptor digest. */
  digest: string;
  /** `sha256:<hex>` of the uncompressed tar: the config's `rootfs.diff_ids` entry. */
  diffId: string;
  /** Bytes of `compressed`. */
  size: number;
}

const block = 512;
const fileMode = 0o644;
const executableMode = 0o755;
const directoryMode = 0o755;
/** The gzip header's OS byte: 3 (Unix), whatever zlib was built for. */
const gzipOsUnix = 3;
/** ustar's size field holds 11 octal digits. */
const maxUstarSize = 0o77777777777;

interface Entry {
  /** The path inside the layer: relative, `/`-separated, directories ending in `/`. */
  name: string;
  mode: number;
  content?: Buffer;
}

export const sha256Digest = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/**
 * Builds the layer. Keys are absolute or relative paths inside the image (`/opt/ml/model/x`
 * and `opt/ml/model/x` are the same file); `.`/`..` segments and empty names are refused.
 */
export function buildLayer(files: Readonly<Record<string, LayerFile>>): Layer {
  const tar = buildTar(files);
  const compressed = gzipSync(tar, { level: zlibConstants.Z_DEFAULT_COMPRESSION });
  // zlib writes mtime 0 and no name already; the OS byte is the build platform's, so fix it.
  compressed[9] = gzipOsUnix;
  return { compressed, digest: sha256Digest(compressed), diffId: sha256Digest(tar), size: compressed.length };
}

/** The uncompressed tar of `files`, as `buildLayer` writes it. */
export function buildTar(files: Readonly<Record<string, LayerFile>>): Buffer {
  const entries = new Map<string, Entry>();
  const problems: string[] = [];
  for (const [path, file] of Object.entries(files)) {
    const segments = path.replace(/^\/+/, '').split('/');
    const bad = segments.find((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\0'));
    if (bad !== undefined) {
      problems.push(`"${path}" (${bad === '' ? 'an empty segment' : `the segment "${bad.replace('\0', '\\0')}"`})`);
      continue;
    }
    for (let depth = 1; depth < segments.length; depth++) {
      const name = `${segments.slice(0, depth).join('/')}/`;
      entries.set(name, { name, mode: directoryMode });
    }
    const name = segments.join('/');
    const { content, executable } = typeof file === 'string' || file instanceof Uint8Array ? { content: file, executable: false } : file;
    const bytes = Buffer.from(content);
    if (bytes.length > maxUstarSize) problems.push(`"${path}" (larger than 8 GiB)`);
    else entries.set(name, { name, mode: executable ? executableMode : fileMode, content: bytes });
  }
  for (const name of entries.keys()) {
    // A file whose path is also a directory of another file (`a` and `a/b`).
    if (!name.endsWith('/') && entries.has(`${name}/`)) problems.push(`"${name}" (it is both a file and a directory)`);
  }
  if (problems.length) throw new ImageBuildError('InvalidInput', `A layer's file paths must be plain paths inside the image; refused: ${problems.join(', ')}.`);

  const sorted = [...entries.values()].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const parts: Buffer[] = [];
  for (const entry of sorted) {
    const body = entry.content ?? Buffer.alloc(0);
    const typeflag = entry.content === undefined ? '5' : '0';
    const split = splitName(entry.name);
    if (split === undefined) {
      // Too long for ustar's name + prefix fields: a PAX extended header carries the path.
      const record = paxRecord('path', entry.name);
      parts.push(header({ name: 'PaxHeaders/entry', mode: fileMode, size: record.length, typeflag: 'x' }), padded(record));
      parts.push(header({ name: entry.name.slice(0, 99), mode: entry.mode, size: body.length, typeflag }), padded(body));
    } else {
      parts.push(header({ ...split, mode: entry.mode, size: body.length, typeflag }), padded(body));
    }
  }
  parts.push(Buffer.alloc(block * 2));
  return Buffer.concat(parts);
}

/** ustar's 100-byte name and 155-byte prefix (split at a `/`), or undefined when it does not fit. */
function splitName(name: string): { name: string; prefix?: string } | undefined {
  const bytes = Buffer.byteLength(name);
  if (bytes <= 100) return { name };
  // A directory's trailing `/` belongs to the name part; split at any other `/`.
  for (let at = name.indexOf('/'); at !== -1 && at < name.length - 1; at = name.indexOf('/', at + 1)) {
    const prefix = name.slice(0, at);
    const rest = name.slice(at + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { name: rest, prefix };
  }
  return undefined;
}

/** One PAX record, `<length> <key>=<value>\n`, where the length counts itself. */
function paxRecord(key: string, value: string): Buffer {
  const text = ` ${key}=${value}\n`;
  const base = Buffer.byteLength(text);
  let length = base + String(base).length;
  if (String(length).length !== String(base).length) length = base + String(length).length;
  return Buffer.from(`${length}${text}`);
}

function header(fields: { name: string; prefix?: string; mode: number; size: number; typeflag: string }): Buffer {
  const buffer = Buffer.alloc(block);
  const put = (offset: number, length: number, value: string) => buffer.write(value, offset, length, 'utf8');
  const octal = (offset: number, length: number, value: number) => put(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  put(0, 100, fields.name);
  octal(100, 8, fields.mode);
  octal(108, 8, 0); // uid
  octal(116, 8, 0); // gid
  octal(124, 12, fields.size);
  octal(136, 12, 0); // mtime
  put(148, 8, '        '); // checksum, counted as spaces
  put(156, 1, fields.typeflag);
  put(257, 6, 'ustar\0');
  put(263, 2, '00');
  octal(329, 8, 0); // devmajor
  octal(337, 8, 0); // devminor
  if (fields.prefix !== undefined) put(345, 155, fields.prefix);
  let sum = 0;
  for (const byte of buffer) sum += byte;
  put(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return buffer;
}

function padded(body: Buffer): Buffer {
  const rest = body.length % block;
  return rest === 0 ? body : Buffer.concat([body, Buffer.alloc(block - rest)]);
}
