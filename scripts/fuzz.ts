/**
 * `npm run fuzz -- --runs N [--seed S]`: the spec-driven fuzz suite (test/fuzz/api.int.test.ts)
 * with more runs per operation than CI's 20, on its own emulator through vitest's global setup.
 * Prints the requests and statuses per operation; .tmp/fuzz-report.json keeps them.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive integer, got ${values.runs}`);
  process.exit(2);
}
const seed = values.seed ?? String(Date.now() % 2 ** 31);
console.log(`fuzzing with ${runs} runs per operation, seed ${seed} (repeat it with --seed ${seed})`);
const result = spawnSync('npx', ['vitest', 'run', '--project', 'integration', 'test/fuzz/api.int.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: seed },
});
process.exit(result.status ?? 1);
