/**
 * Measures what @modelplane/sdk adds to a browser bundle: sdk/src/index.ts bundled by esbuild
 * for the browser (ESM, minified, openapi-fetch included), then gzipped. The figure goes in
 * sdk/README.md. With --json it prints the numbers only.
 */
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const result = await build({
  entryPoints: [join(root, 'sdk', 'src', 'index.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'warning',
});
const code = result.outputFiles[0]!.contents;
const inputs = Object.keys(result.metafile.inputs);
// The client path must not reach for Node: a node:* import or Buffer would break browsers.
const nodeOnly = inputs.filter((path) => path.startsWith('node:')).concat(/\bBuffer\b/.test(result.outputFiles[0]!.text) ? ['Buffer'] : []);
if (nodeOnly.length > 0) {
  console.error(`The browser bundle uses Node-only APIs: ${nodeOnly.join(', ')}`);
  process.exit(1);
}
const sizes = { minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
if (process.argv.includes('--json')) console.log(JSON.stringify(sizes));
else
  console.log(
    `@modelplane/sdk browser bundle: ${(sizes.minifiedBytes / 1024).toFixed(1)} KiB minified, ${(sizes.gzipBytes / 1024).toFixed(1)} KiB gzipped (${inputs.length} input files)`,
  );
