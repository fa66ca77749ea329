/**
 * The packaging job's container entry point (batch-packager/Dockerfile runs its bundle). The raw
 * environment stops here: it is read once, typed and checked, into a PackagerConfig. Batch stops a
 * job with SIGTERM, then SIGKILL after the stop timeout: on SIGTERM the job cancels, aborts its
 * multipart uploads and exits 1.
 */
import { PackagerEnv } from '../../core/packager-env.js';
import { PackagerConfigError, readPackagerConfig, type PackagerConfig } from './config.js';
import { JsonLogger } from './json-logger.js';
import { runJob } from './run-job.js';

const write = (line: string) => process.stdout.write(line);
const controller = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    new JsonLogger(write).warn(`${signal} received: cancelling`);
    controller.abort();
  });
}

let config: PackagerConfig | undefined;
try {
  config = readPackagerConfig(process.env);
} catch (error) {
  if (!(error instanceof PackagerConfigError)) throw error;
  new JsonLogger(write, { jobId: process.env[PackagerEnv.jobId] }).error('packaging job failed', {
    failure: { code: 'InvalidConfiguration', message: error.message },
  });
}
process.exitCode = config ? await runJob(config, { write, signal: controller.signal }) : 1;
