/**
 * Bundles the packager into one ES module for its container image (batch-packager/Dockerfile):
 * `npx tsx batch-packager/bundle.ts dist/main.mjs`. The tests run the same bundle.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function bundle(outfile: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('./src/main.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    // The image runs Node 22; Node 20 (the build machine) runs it too.
    target: 'node20',
    format: 'esm',
    // Some CommonJS dependencies call require(): give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'inline',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outfile = process.argv[2];
  if (outfile === undefined) throw new Error('usage: tsx batch-packager/bundle.ts <outfile>');
  await bundle(outfile);
}
