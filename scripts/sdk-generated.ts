/**
 * The facts the SDK (sdk/) derives from openapi/openapi.yaml besides its types: every
 * operation (method, path, tag, whether it takes an Idempotency-Key) and the problem codes
 * the document lists. Written to sdk/src/generated/spec-facts.ts by scripts/generate-api.ts,
 * so the SDK stays self-contained and `npm run api:check` catches drift.
 *
 * The spec has no enum of problem codes: it documents them in the Errors table of
 * `info.description` (one row per status, codes in backticks) and in the examples of
 * `components.responses`. The union is both, sorted, and a code listed nowhere fails here.
 */
const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;
const idempotencyRef = '#/components/parameters/IdempotencyKey';

interface Operation {
  readonly operationId?: string;
  readonly tags?: readonly string[];
  readonly parameters?: readonly object[];
}

/** The slice of the document read here (structural, so OpenApiDocument fits). */
interface SpecSlice {
  readonly info?: { readonly description?: string };
  readonly paths?: Readonly<Record<string, Readonly<Partial<Record<(typeof methods)[number], Operation>>>>>;
  readonly components?: { readonly responses?: Readonly<Record<string, unknown>> };
}

type ResponseSlice = { content?: Record<string, { example?: { code?: unknown } }> } | undefined;
type ParameterSlice = { $ref?: string; name?: string; in?: string };

/** The codes of the Errors table: rows like `| 404 | `ModelNotFound`, `NotFound` | ... |`. */
export function problemCodesOf(document: SpecSlice): string[] {
  const codes = new Set<string>();
  for (const line of (document.info?.description ?? '').split('\n')) {
    const row = /^\|\s*\d{3}\s*\|([^|]*)\|/.exec(line);
    for (const match of row?.[1]?.matchAll(/`([A-Za-z]+)`/g) ?? []) codes.add(match[1]!);
  }
  for (const response of Object.values(document.components?.responses ?? {}) as ResponseSlice[]) {
    for (const media of Object.values(response?.content ?? {})) {
      if (typeof media.example?.code === 'string') codes.add(media.example.code);
    }
  }
  if (codes.size === 0) throw new Error('openapi/openapi.yaml documents no problem codes (the Errors table in info.description)');
  return [...codes].sort();
}

export function operationsOf(document: SpecSlice): { operationId: string; method: string; path: string; tag: string; idempotencyKey: boolean }[] {
  const found = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      if (!operation.operationId || !operation.tags?.[0]) throw new Error(`${method} ${path} needs an operationId and a tag for the SDK`);
      const idempotencyKey = (operation.parameters ?? ([] as readonly ParameterSlice[])).some(
        (p: ParameterSlice) => p.$ref === idempotencyRef || (p.in === 'header' && p.name === 'Idempotency-Key'),
      );
      found.push({ operationId: operation.operationId, method: method.toUpperCase(), path, tag: operation.tags[0], idempotencyKey });
    }
  }
  return found;
}

/** The module text of sdk/src/generated/spec-facts.ts. */
export function renderSdkFacts(document: SpecSlice, banner: string): string {
  const codes = problemCodesOf(document);
  const operations = operationsOf(document);
  const rows = operations.map((o) => `  ${o.operationId}: { method: '${o.method}', path: '${o.path}', tag: '${o.tag}', idempotencyKey: ${o.idempotencyKey} },`);
  return (
    banner +
    '\n/** Every problem `code` openapi/openapi.yaml documents (its Errors table and response examples). */\n' +
    `export const problemCodes = [\n${codes.map((c) => `  '${c}',`).join('\n')}\n] as const;\n\n` +
    'export type ProblemCode = (typeof problemCodes)[number];\n\n' +
    '/** Every operation of the API by operationId; `idempotencyKey` marks the creates that accept an Idempotency-Key. */\n' +
    `export const apiOperations = {\n${rows.join('\n')}\n} as const;\n\n` +
    'export type OperationId = keyof typeof apiOperations;\n'
  );
}
