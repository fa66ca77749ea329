/**
 * Reads a layer back: gunzip, then a tar parser written for the tests (ustar with the PAX
 * `path` record), independent of the layer builder, so a test sees what an image puller sees.
 */
import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  type: 'file' | 'directory';
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  uname: string;
  gname: string;
  content: Buffer;
}

const field = (header: Buffer, offset: number, length: number) => {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
};
const octal = (header: Buffer, offset: number, length: number) => parseInt(field(header, offset, length).trim() || '0', 8);

export function readTar(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let paxPath: string | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] as number);
    if (sum !== octal(header, 148, 8)) throw new Error(`bad tar header checksum at ${at}`);
    if (field(header, 257, 6) !== 'ustar') throw new Error(`not a ustar header at ${at}`);
    const size = octal(header, 124, 12);
    const body = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    const typeflag = field(header, 156, 1);
    if (typeflag === 'x') {
      paxPath = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
      continue;
    }
    const prefix = field(header, 345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    paxPath = undefined;
    entries.push({
      name,
      type: typeflag === '5' ? 'directory' : 'file',
      mode: octal(header, 100, 8),
      uid: octal(header, 108, 8),
      gid: octal(header, 116, 8),
      mtime: octal(header, 136, 12),
      uname: field(header, 265, 32),
      gname: field(header, 297, 32),
      content: Buffer.from(body),
    });
  }
  return entries;
}

/** The files (not directories) of a gzip-compressed layer, path to content. */
export function layerFiles(compressed: Buffer): Record<string, string> {
  return Object.fromEntries(
    readTar(gunzipSync(compressed))
      .filter((entry) => entry.type === 'file')
      .map((entry) => [entry.name, entry.content.toString('utf8')]),
  );
}
