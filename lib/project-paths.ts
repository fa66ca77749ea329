import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: handler entries in lambdas/operations.ts and the spec path are relative to it. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The hand-written contract the REST API is built from. */
export const openApiSpecPath = join(projectRoot, 'openapi', 'openapi.yaml');
