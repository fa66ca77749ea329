import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../openapi/generated/spec.js';
import { problemCodesOf } from '../../scripts/sdk-generated.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const code = /^[A-Z][a-z]+(?:[A-Z][a-z]*)+$|^[A-Z][a-z]+$/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/**
 * Every problem code lambdas/ can answer, read from the source: the string arguments of
 * `new ...Error(...)` and of `super(...)` in an error class that look like a code (one
 * PascalCase word, which no message is), the defaults of `code` parameters, and `code:`
 * properties of the HTTP core's problem mapping.
 */
function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(join(root, 'lambdas'))) {
    const inHttpCore = file.includes(join('lambdas', 'shared', 'http'));
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const note = (node: ts.Node | undefined) => {
      if (node && ts.isStringLiteralLike(node) && code.test(node.text) && !found.has(node.text)) {
        found.set(node.text, `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
    };
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText())) node.arguments?.forEach(note);
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) node.arguments.forEach(note);
      if (ts.isParameter(node) && node.name.getText() === 'code') note(node.initializer);
      // (a packaging job's failure `code:` is a field of the job, not a problem: only the HTTP core's count)
      if (inHttpCore && ts.isPropertyAssignment(node) && node.name.getText() === 'code') note(node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('problem codes', () => {
  it('finds the codes the handlers throw (the reader itself works)', () => {
    const codes = thrownCodes();
    for (const known of ['ValidationFailed', 'ModelNotFound', 'EndpointBusy', 'Throttled', 'InternalError', 'NotFound'])
      expect(codes.has(known), known).toBe(true);
  });

  it('lists in the spec every code thrown in lambdas/', () => {
    // The codes the spec documents, read as the SDK's ProblemCode union is (scripts/sdk-generated.ts).
    const documented = new Set(problemCodesOf(openApiDocument));
    const missing = [...thrownCodes()].filter(([name]) => !documented.has(name)).map(([name, where]) => `${name} (${where})`);
    expect(missing).toEqual([]);
  });
});
