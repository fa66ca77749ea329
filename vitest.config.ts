import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // @modelplane/sdk runs from its sources (as the root tsconfig's paths make tsc and tsx do): no build first.
  resolve: { alias: [{ find: /^@modelplane\/sdk$/, replacement: fileURLToPath(new URL('./sdk/src/index.ts', import.meta.url)) }] },
  test: {
    // Two cores on the CI machine: integration suites share one emulator (see test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    env: {
      // Handlers log refusals at INFO; keep test output readable (set it to DEBUG to see them).
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
      // An unimplemented emulator operation answers HTML 500: fail at once instead of retrying.
      AWS_MAX_ATTEMPTS: '1',
      // The SDK warns that releases after January 2027 need Node 22 (DEVELOPERS.md); once is enough.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.int.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/**/*.int.test.ts'] },
      },
    ],
  },
});
