import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1]!,
  );
}

/** The project folder a relative import of `file` lands in. */
function target(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(root, resolve(join(root, dirname(file)), specifier));
}

describe('the import graph', () => {
  it('core/ is pure: no AWS SDK, no Node I/O, and nothing of the project but the generated contract types', () => {
    for (const file of sources('core')) {
      for (const specifier of importsOf(file)) {
        const landing = target(file, specifier);
        if (landing === undefined) {
          expect.soft(specifier, `${file} imports a package`).toBe('no package');
        } else {
          expect.soft(landing.startsWith('core/') || landing === 'openapi/generated/types.js', `${file} imports ${specifier}`).toBe(true);
        }
      }
    }
  });

  it.each([
    ['lambdas', 'batch-packager'],
    ['batch-packager', 'lambdas'],
  ])('nothing in %s/ imports %s/', (from, to) => {
    const offenders = sources(from).flatMap((file) =>
      importsOf(file)
        .filter((s) => target(file, s)?.startsWith(`${to}/`))
        .map((s) => `${file} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('has no circle among the project’s modules', () => {
    const files = ['core', 'lambdas', 'batch-packager', 'lib', 'local', 'bin'].flatMap(sources);
    const edges = new Map(
      files.map((file) => [
        file,
        importsOf(file)
          .flatMap((s) => target(file, s)?.replace(/\.js$/, '.ts') ?? [])
          .filter((t) => files.includes(t)),
      ]),
    );
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
  });
});
