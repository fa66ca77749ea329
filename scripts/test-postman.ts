/**
 * `npm run test:postman`: starts its own emulator and local control plane on a free port, runs
 * the Postman collection with newman twice in a row on it (a tester's second run must pass
 * as the first did), checks that nothing the runs made is left behind, stops everything it
 * started, and exits non-zero on any failure. `--cli` prints newman's report of each run.
 */
import { startEmulator } from '../local/emulator.js';
import { checkCollection, problems } from './postman-runner.js';

// Handlers log at INFO and the SDK warns about Node 20 (DEVELOPERS.md): keep the output to the report.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(): Promise<number> {
  const started = Date.now();
  // Endpoints settle in 0.5 s instead of npm start's 2 s: the same flow, sooner.
  const emulator = await startEmulator({ endpointTransitionSeconds: 0.5 });
  try {
    // Imported after the log level is set: the handlers read it when they load.
    const { startControlPlane } = await import('../local/runtime.js');
    const plane = await startControlPlane({ emulatorEndpoint: emulator.endpoint, port: 0, registry: false, packagerLog: () => undefined });
    try {
      const report = await checkCollection({
        baseUrl: `${plane.url}/v1`,
        s3Url: emulator.endpoint,
        runs: 2,
        cli: process.argv.includes('--cli'),
        pollIntervalMs: 250,
      });
      report.runs.forEach((run, i) =>
        console.log(
          `test:postman run ${i + 1}: ${run.requests} requests, ${run.assertions} assertions, ${run.failedAssertions} failed, ${(run.durationMs / 1000).toFixed(1)} s`,
        ),
      );
      const failed = problems(report);
      for (const line of failed) console.error(`test:postman: ${line}`);
      console.log(
        `test:postman: ${failed.length === 0 ? 'passed' : 'FAILED'}, nothing left behind: ${report.leftBehind.length === 0}, ${((Date.now() - started) / 1000).toFixed(1)} s in all`,
      );
      return failed.length === 0 ? 0 : 1;
    } finally {
      await plane.close();
    }
  } finally {
    await emulator.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:postman: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
