import { describe, expect, it } from 'vitest';
import {
  admittingLocation,
  bucketNameProblem,
  formatSourceLocations,
  isArchiveKey,
  normalisePrefix,
  parseSourceLocations,
  prefixProblem,
  sourceUriProblem,
  type SourceLocation,
} from '../../core/source-buckets.js';

describe('source buckets', () => {
  it.each([
    ['training-output', undefined],
    ['my.bucket-1', undefined],
    ['ab', /3 to 63/],
    ['Upper', /lower-case/],
    ['-start', /starting and ending/],
    ['a..b', /adjacent dots/],
    ['192.168.1.1', /IP address/],
    ['xn--bucket', /reserves/],
    ['bucket-s3alias', /reserves/],
    ['a'.repeat(64), /3 to 63/],
  ])('checks bucket name %s', (bucket, problem) => {
    const found = bucketNameProblem(bucket);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it.each([
    ['', undefined],
    ['data', undefined],
    ['data/finetunes/', undefined],
    ['/data', /leading/],
    ['data//x', /single/],
    ['data/../x', /single/],
    ['data/*', /\*/],
    ['data/$' + '{aws:username}/', /\$/],
    ['a/'.repeat(501), /1000/],
  ])('checks prefix %j', (prefix, problem) => {
    const found = prefixProblem(prefix);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it('normalises a prefix to end at a folder boundary', () => {
    expect(normalisePrefix('data')).toBe('data/');
    expect(normalisePrefix('data/')).toBe('data/');
    expect(normalisePrefix('')).toBe('');
  });

  it('tells archives from prefixes by their name', () => {
    expect(isArchiveKey('job/output/model.tar.gz')).toBe(true);
    expect(isArchiveKey('job/output/model.tgz')).toBe(true);
    expect(isArchiveKey('job/output/model.tar')).toBe(true);
    expect(isArchiveKey('job/output/')).toBe(false);
    expect(isArchiveKey('job/output/model.gz')).toBe(false);
  });

  it.each([
    ['s3://b/uploads/ft/', undefined],
    ['s3://b/job/output/model.tar.gz', undefined],
    ['s3://b/', undefined],
    ['s3://b/uploads/ft', /prefix ending in/],
    ['https://b/uploads/', /s3:\/\//],
    ['s3://b/uploads/../secrets/', /"\.\."/],
    ['s3://b/uploads//ft/', /empty/],
    ['s3://b/./model.tar.gz', /"\."/],
  ])('checks source URI %s', (uri, problem) => {
    const found = sourceUriProblem(uri);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  const allowed: SourceLocation[] = [
    { bucket: 'artifacts', prefix: 'uploads/' },
    { bucket: 'training', prefix: 'data/' },
    { bucket: 'whole', prefix: '' },
  ];

  it.each([
    ['s3://artifacts/uploads/ft/', 'artifacts'],
    ['s3://training/data/job-1/output/model.tar.gz', 'training'],
    ['s3://training/data/', 'training'],
    ['s3://whole/any/where/', 'whole'],
    ['s3://whole/model.tar.gz', 'whole'],
  ])('admits %s', (uri, bucket) => {
    expect(admittingLocation(uri, allowed)?.bucket).toBe(bucket);
  });

  it.each([
    ['a sibling prefix that starts the same', 's3://training/database/job-1/'],
    ['a sibling archive that starts the same', 's3://training/data.tar.gz'],
    ['the artifact bucket outside uploads/', 's3://artifacts/models/x/'],
    ['the bucket above the prefix', 's3://training/'],
    ['another bucket', 's3://elsewhere/data/'],
    ['a bucket whose name starts the same', 's3://training-2/data/'],
    ['a path that climbs out of the prefix', 's3://artifacts/uploads/../models/'],
  ])('refuses %s', (_, uri) => {
    expect(admittingLocation(uri, allowed)).toBeUndefined();
  });

  it('carries the locations through the environment and back', () => {
    const value = formatSourceLocations(allowed);
    expect(value).toBe('s3://artifacts/uploads/,s3://training/data/,s3://whole/');
    expect(parseSourceLocations(value)).toEqual(allowed);
    expect(parseSourceLocations('')).toEqual([]);
    expect(() => parseSourceLocations('s3://okay/,nonsense')).toThrow(/nonsense/);
    expect(() => parseSourceLocations('s3://Not_A_Bucket/')).toThrow(/Not_A_Bucket/);
    expect(() => parseSourceLocations('s3://okay/../x/')).toThrow(/okay/);
    expect(parseSourceLocations(' s3://okay/data , ')).toEqual([{ bucket: 'okay', prefix: 'data/' }]);
  });
});
