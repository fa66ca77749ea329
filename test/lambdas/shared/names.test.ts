import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../openapi/generated/spec.js';
import { sagemakerNameMaxLength, versionModelName } from '../../../lambdas/shared/names.js';

const schemas = (openApiDocument.components as { schemas: Record<string, { pattern: string; maxLength: number }> }).schemas;

describe('versionModelName', () => {
  it.each([
    ['llama', 1, 'llama-v1'],
    ['qwen-2-5', 12, 'qwen-2-5-v12'],
  ])('names version %s/%d %s', (model, version, expected) => {
    expect(versionModelName(model, version)).toBe(expected);
  });

  it('stays within SageMaker limits for the longest model name the spec allows', () => {
    const longest = 'm'.repeat(schemas.ModelName!.maxLength);
    const derived = versionModelName(longest, 99_999_999);
    expect(derived.length).toBeLessThanOrEqual(sagemakerNameMaxLength);
    expect(derived).toMatch(new RegExp(schemas.ModelName!.pattern));
  });
});
