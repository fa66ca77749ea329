/**
 * The packaging job's container entry point (batch-packager/Dockerfile runs its bundle).
 * Batch stops a job with SIGTERM, then SIGKILL after the stop timeout: on SIGTERM the job
 * cancels, aborts its multipart uploads and exits 1.
 */
import { runJob } from './run-job.js';

const controller = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    process.stdout.write(`${JSON.stringify({ level: 'WARN', timestamp: new Date().toISOString(), service: 'modelplane-packager', message: `${signal} received: cancelling` })}\n`);
    controller.abort();
  });
}

process.exitCode = await runJob(process.env, { write: (line) => process.stdout.write(line), signal: controller.signal });
