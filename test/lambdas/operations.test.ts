import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../openapi/generated/spec.js';
import { handlerAreas, pendingOperations } from '../../lambdas/operations.js';
import { OperationIndex } from '../../lambdas/shared/http/operation-index.js';
import { handler as catalogHandler } from '../../lambdas/catalog/handler.js';
import { handler as registryHandler } from '../../lambdas/registry/handler.js';
import { handler as packagingHandler } from '../../lambdas/packaging/handler.js';
import { handler as endpointsHandler } from '../../lambdas/endpoints/handler.js';
import { handler as metricsHandler } from '../../lambdas/metrics/handler.js';
import { handler as invokeHandler } from '../../lambdas/invoke/handler.js';

const specOperations = [...new OperationIndex(openApiDocument).operations.keys()].sort();
const served: string[] = Object.values(handlerAreas).flatMap((area) => [...area.operations]);

describe('operation coverage', () => {
  it('serves every spec operation or lists it as pending', () => {
    const missing = specOperations.filter((op) => !served.includes(op) && !(op in pendingOperations));
    expect(missing).toEqual([]);
  });

  it('serves no operation the spec does not have', () => {
    expect(served.filter((op) => !specOperations.includes(op))).toEqual([]);
    expect(Object.keys(pendingOperations).filter((op) => !specOperations.includes(op))).toEqual([]);
  });

  it('never both serves and lists an operation as pending', () => {
    expect(served.filter((op) => op in pendingOperations)).toEqual([]);
    expect(new Set(served).size).toBe(served.length);
  });

  it('has no pending operation left: every spec operation is served', () => {
    expect(Object.keys(pendingOperations)).toEqual([]);
  });

  it('routes exactly the operations lambdas/operations.ts gives each area', () => {
    const handlers = {
      packaging: packagingHandler,
      registry: registryHandler,
      endpoints: endpointsHandler,
      catalog: catalogHandler,
      metrics: metricsHandler,
      invoke: invokeHandler,
    } satisfies Record<keyof typeof handlerAreas, { operationIds: readonly string[] }>;
    for (const [area, handler] of Object.entries(handlers)) {
      expect([...handler.operationIds].sort(), area).toEqual([...handlerAreas[area as keyof typeof handlerAreas].operations].sort());
    }
  });
});
