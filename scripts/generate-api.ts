/**
 * Generates everything that derives from openapi/openapi.yaml, the one hand-written contract:
 *   openapi/generated/types.ts   TypeScript types (openapi-typescript), used by handlers and tests
 *   openapi/generated/spec.ts    the document as a module, used for request validation at run time
 *   postman/*.json               the Postman collection and environments (see scripts/postman.ts)
 *   sdk/src/generated/schema.ts  the same types for the SDK, which imports nothing outside sdk/
 *   sdk/src/generated/spec-facts.ts  operations and problem codes for the SDK (see scripts/sdk-generated.ts)
 * With --check it writes nothing and fails when any of them is stale, so CI catches drift.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { buildPostman } from './postman.js';
import { renderSdkFacts } from './sdk-generated.js';
import type { OpenApiDocument } from '../lambdas/shared/http/openapi-document.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specPath = join(root, 'openapi', 'openapi.yaml');
const banner = '// Generated from openapi/openapi.yaml by scripts/generate-api.ts. Do not edit: run `npm run api:generate`.\n';

async function render(): Promise<Map<string, string>> {
  const source = await readFile(specPath, 'utf8');
  const document = parse(source) as OpenApiDocument;
  // Fields with a default stay optional: callers may leave them out (the server applies the default).
  const ast = await openapiTS(source, { alphabetize: false, immutable: false, defaultNonNullable: false });
  const outputs = new Map<string, string>();
  outputs.set(join(root, 'openapi', 'generated', 'types.ts'), `${banner}/* eslint-disable */\n${astToString(ast)}`);
  outputs.set(
    join(root, 'openapi', 'generated', 'spec.ts'),
    `${banner}import type { OpenApiDocument } from '../../lambdas/shared/http/openapi-document.js';\n\n` +
      // The document passed Redocly's lint; the type names the slice the HTTP core reads.
      `export const openApiDocument = ${JSON.stringify(document, null, 2)} as unknown as OpenApiDocument;\n`,
  );
  outputs.set(join(root, 'sdk', 'src', 'generated', 'schema.ts'), `${banner}/* eslint-disable */\n${astToString(ast)}`);
  outputs.set(join(root, 'sdk', 'src', 'generated', 'spec-facts.ts'), renderSdkFacts(document, banner));
  for (const [name, content] of buildPostman(document)) {
    outputs.set(join(root, 'postman', name), `${JSON.stringify(content, null, 2)}\n`);
  }
  return outputs;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const outputs = await render();
  const stale: string[] = [];
  for (const [path, content] of outputs) {
    const current = await readFile(path, 'utf8').catch(() => undefined);
    if (current === content) continue;
    if (check) {
      stale.push(relative(root, path));
    } else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      console.log(`wrote ${relative(root, path)}`);
    }
  }
  if (stale.length > 0) {
    console.error(`Generated files are stale (openapi/openapi.yaml changed): ${stale.join(', ')}.\nRun \`npm run api:generate\` and commit the result.`);
    process.exit(1);
  }
  if (check) console.log(`api:check: ${outputs.size} generated files are up to date`);
}

await main();
