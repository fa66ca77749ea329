import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImageBuildError } from '../../../batch-packager/src/image/errors.js';
import { buildLayer, buildTar } from '../../../batch-packager/src/image/layer.js';
import { layerFiles, readTar } from './support/tar.js';

const files = {
  '/opt/ml/model/serving.properties': 'engine=Python\noption.rolling_batch=vllm\n',
  '/opt/modelplane/manifest.json': '{"model":"tiny"}',
  '/opt/modelplane/bin/start.sh': { content: '#!/bin/sh\nexec serve\n', executable: true },
};
const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe('buildLayer', () => {
  it('gives the same digest, diffId and bytes when built twice from the same files', () => {
    const first = buildLayer(files);
    const second = buildLayer(files);
    expect(second.digest).toBe(first.digest);
    expect(second.diffId).toBe(first.diffId);
    expect(second.compressed.equals(first.compressed)).toBe(true);
  });

  it('gives the same layer when the files are listed in another order or without the leading slash', () => {
    const reordered = Object.fromEntries(
      Object.entries(files)
        .reverse()
        .map(([path, content]) => [path.slice(1), content]),
    );
    expect(buildLayer(reordered).digest).toBe(buildLayer(files).digest);
  });

  it('gives another digest when one byte of a file changes', () => {
    expect(buildLayer({ ...files, '/opt/modelplane/manifest.json': '{"model":"tinz"}' }).digest).not.toBe(buildLayer(files).digest);
  });

  it('names the compressed bytes by digest and the uncompressed tar by diffId', () => {
    const layer = buildLayer(files);
    expect(layer.digest).toBe(sha256(layer.compressed));
    expect(layer.diffId).toBe(sha256(gunzipSync(layer.compressed)));
    expect(layer.size).toBe(layer.compressed.length);
  });

  it('writes every parent directory first, entries in byte order, owned by root with mtime 0', () => {
    const entries = readTar(buildTar(files));
    expect(entries.map((e) => e.name)).toEqual([
      'opt/',
      'opt/ml/',
      'opt/ml/model/',
      'opt/ml/model/serving.properties',
      'opt/modelplane/',
      'opt/modelplane/bin/',
      'opt/modelplane/bin/start.sh',
      'opt/modelplane/manifest.json',
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ uid: 0, gid: 0, mtime: 0, uname: '', gname: '' });
      expect(entry.mode).toBe(entry.type === 'directory' || entry.name.endsWith('.sh') ? 0o755 : 0o644);
    }
  });

  it('unpacks to the files given', () => {
    expect(layerFiles(buildLayer(files).compressed)).toEqual({
      'opt/ml/model/serving.properties': files['/opt/ml/model/serving.properties'],
      'opt/modelplane/manifest.json': files['/opt/modelplane/manifest.json'],
      'opt/modelplane/bin/start.sh': '#!/bin/sh\nexec serve\n',
    });
  });

  it('writes a fixed gzip header: no file name, mtime 0, OS byte 3', () => {
    const header = buildLayer(files).compressed.subarray(0, 10);
    expect([...header.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]); // magic, deflate, no FNAME/FEXTRA/FCOMMENT
    expect(header.readUInt32LE(4)).toBe(0);
    expect(header[9]).toBe(3);
  });

  it('keeps paths longer than ustar name fields (prefix split, then a PAX record)', () => {
    const deep = `/opt/${'d'.repeat(90)}/${'f'.repeat(90)}.txt`;
    const huge = `/opt/${'x'.repeat(300)}.bin`;
    const unpacked = layerFiles(buildLayer({ [deep]: 'deep', [huge]: 'huge' }).compressed);
    expect(unpacked[deep.slice(1)]).toBe('deep');
    expect(unpacked[huge.slice(1)]).toBe('huge');
  });

  it('writes a tar that GNU tar lists with the same names, modes and owners', () => {
    const listing = execFileSync('tar', ['-tvzf', '-', '--numeric-owner'], { input: buildLayer(files).compressed, encoding: 'utf8' });
    const lines = listing.trim().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(/^drwxr-xr-x 0\/0 +0 1970-01-01 00:00 opt\/$/);
    expect(listing).toMatch(/-rwxr-xr-x 0\/0 +21 1970-01-01 00:00 opt\/modelplane\/bin\/start\.sh/);
    expect(listing).toMatch(/-rw-r--r-- 0\/0 +16 1970-01-01 00:00 opt\/modelplane\/manifest\.json/);
  });

  it.each([
    ['a parent segment', '/opt/../etc/passwd'],
    ['a dot segment', '/opt/./x'],
    ['an empty segment', '/opt//x'],
    ['a trailing slash', '/opt/x/'],
    ['an empty path', ''],
  ])('rejects a path with %s', (_, path) => {
    expect(() => buildLayer({ [path]: 'x' })).toThrow(ImageBuildError);
    expect(() => buildLayer({ [path]: 'x' })).toThrow(/file paths must be plain paths/);
  });

  it('rejects a path that is both a file and a directory', () => {
    expect(() => buildLayer({ '/opt/a': 'file', '/opt/a/b': 'child' })).toThrow(/"opt\/a" \(it is both a file and a directory\)/);
  });
});
