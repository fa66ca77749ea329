import { describe, expect, it } from 'vitest';
import { sagemakerNameProblems, versionModelName } from '../../../lambdas/shared/names.js';

describe('sagemakerNameProblems', () => {
  it.each([
    ['llama-3-8b', []],
    ['A', []],
    ['a--b', []],
    ['x'.repeat(63), []],
  ])('accepts %s', (name, problems) => {
    expect(sagemakerNameProblems(name)).toEqual(problems);
  });

  it.each([
    ['', ['must not be empty']],
    ['x'.repeat(64), ['must be at most 63 characters (it has 64)']],
    ['-llama', ['must start and end with a letter or digit and contain only letters, digits and hyphens']],
    ['llama-', ['must start and end with a letter or digit and contain only letters, digits and hyphens']],
    ['llama_3', ['must start and end with a letter or digit and contain only letters, digits and hyphens']],
    ['llama.3', ['must start and end with a letter or digit and contain only letters, digits and hyphens']],
  ])('rejects %j', (name, problems) => {
    expect(sagemakerNameProblems(name)).toEqual(problems);
  });

  it('derives version model names that stay within the limit for the longest model name', () => {
    expect(versionModelName('m'.repeat(48), 12_345_678).length).toBeLessThanOrEqual(63);
  });
});
