import { describe, expect, it } from 'vitest';
import { PackagingError } from '../../batch-packager/src/errors.js';
import { archiveEntryPath } from '../../batch-packager/src/s3-archive-source.js';
import { s3ModelId } from '../../batch-packager/src/s3-source.js';

describe('archiveEntryPath', () => {
  it.each([
    ['config.json', 'file', 'config.json'],
    ['./config.json', 'file', 'config.json'],
    ['./././tokenizer/vocab.json', 'file', 'tokenizer/vocab.json'],
    ['checkpoint-500/model.safetensors', 'contiguous-file', 'checkpoint-500/model.safetensors'],
    ['./', 'directory', undefined],
    ['tokenizer/', 'directory', undefined],
  ] as const)('reads %s (%s) as %s', (name, type, path) => {
    expect(archiveEntryPath({ name, type })).toBe(path);
  });

  it.each([
    ['a symbolic link', { name: 'model.safetensors', type: 'symlink' as const }, /symbolic link/],
    ['a hard link', { name: 'model.safetensors', type: 'link' as const }, /hard link/],
    ['a device', { name: 'dev', type: 'character-device' as const }, /character-device/],
    ['a fifo', { name: 'pipe', type: 'fifo' as const }, /fifo/],
    ['a path up and out', { name: '../outside.json', type: 'file' as const }, /leaves the model's folder/],
    ['a path up and out in the middle', { name: 'a/../../outside.json', type: 'file' as const }, /leaves the model's folder/],
    ['an absolute path', { name: '/etc/passwd', type: 'file' as const }, /leaves the model's folder/],
    ['a Windows separator', { name: '..\\outside.json', type: 'file' as const }, /leaves the model's folder/],
    ['an empty segment', { name: 'a//b.json', type: 'file' as const }, /leaves the model's folder/],
  ])('rejects %s', (_, header, message) => {
    let error: unknown;
    try {
      archiveEntryPath(header);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PackagingError);
    expect(error).toMatchObject({ code: 'InvalidModel', message: expect.stringMatching(message) });
  });
});

describe('s3ModelId', () => {
  it('names a prefix by its folder and an archive by its key', () => {
    expect(s3ModelId('s3://training/jobs/ft-1/')).toBe('s3/training/jobs/ft-1');
    expect(s3ModelId('s3://training/jobs/ft-1/output/model.tar.gz')).toBe('s3/training/jobs/ft-1/output/model.tar.gz');
  });
});
