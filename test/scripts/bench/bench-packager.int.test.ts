import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs the benchmark to its end; its stdout. */
function bench(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${root}node_modules/.bin/tsx`, ['scripts/bench-packager.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`bench-packager exited with ${code}:\n${stderr}`))));
  });
}

describe('bench-packager --json', () => {
  it('ends with one JSON line holding both sources’ figures and ratios, at a tiny size', { timeout: 180_000 }, async () => {
    const stdout = await bench(['--gib', '0.0625', '--shards', '2', '--probe-seconds', '0.5', '--cap-mbps', '200', '--json']);
    const lines = stdout.trimEnd().split('\n');
    const json = JSON.parse(lines.at(-1)!) as Record<string, Record<string, unknown>>;
    for (const mode of ['capped', 'uncapped']) {
      const figures = json[mode]!;
      for (const key of ['sourceMBps', 'sinkMBps', 'packagerMBps', 'baselineMBps', 'vsLimit', 'vsBaseline', 'peakRssMiB']) {
        expect(figures[key], `${mode}.${key}`).toBeGreaterThan(0);
      }
      expect(figures.vsLimit).toBeCloseTo((figures.packagerMBps as number) / Math.min(figures.sourceMBps as number, figures.sinkMBps as number), 1);
    }
    expect(lines.some((line) => /^(PASS|FAIL|n\/a) +capped: packager >= 3x baseline/.test(line))).toBe(true);
  });
});
