import { describe, expect, it } from 'vitest';
import { apiOperations, problemCodes } from '@modelplane/sdk';
import { openApiDocument } from '../../openapi/generated/spec.js';
import { operationsOf, problemCodesOf } from '../../scripts/sdk-generated.js';

describe('what the SDK derives from the spec (scripts/sdk-generated.ts)', () => {
  it('takes the problem codes from the Errors table and the response examples', () => {
    expect(problemCodes).toEqual(
      expect.arrayContaining(['ValidationFailed', 'ModelNotFound', 'EndpointBusy', 'Throttled', 'InsufficientCapacity', 'Unauthorized']),
    );
    expect(problemCodesOf({ info: { description: '| status | code |\n|---|---|\n| 409 | `A`, `B` | x |\n| 404 | `C` | y |' } })).toEqual(['A', 'B', 'C']);
    expect(() => problemCodesOf({ info: { description: 'no table' } })).toThrow(/no problem codes/);
  });

  it('lists every operation, marking the creates that take an Idempotency-Key', () => {
    expect(Object.keys(apiOperations)).toHaveLength(operationsOf(openApiDocument).length);
    const keyed = Object.entries(apiOperations)
      .filter(([, op]) => op.idempotencyKey)
      .map(([id]) => id)
      .sort();
    expect(keyed).toEqual(['createEndpoint', 'createModel', 'createModelVersion', 'createPackagingJob']);
  });
});
