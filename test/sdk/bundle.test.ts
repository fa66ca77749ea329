import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('bundles for the browser without Node-only APIs, and stays small (npm run sdk:size)', async () => {
  // The script fails when the bundle reaches node:* or Buffer.
  const { stdout } = await promisify(execFile)(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/sdk-size.ts', '--json'], { cwd: root });
  const sizes = JSON.parse(stdout) as { minifiedBytes: number; gzipBytes: number };
  // sdk/README.md quotes the figure; this bound catches a dependency pulled in by mistake.
  expect(sizes.gzipBytes).toBeLessThan(12 * 1024);
});
