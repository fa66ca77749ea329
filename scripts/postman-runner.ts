/**
 * Runs the generated Postman collection with newman's Node API against a running control
 * plane, several times in a row, and checks what a tester relies on: no failed assertion in
 * any run, and nothing left behind (no model, endpoint or uploaded weights the runs made).
 * Used by scripts/test-postman.ts (`npm run test:postman`, its own plane) and by
 * test/postman/collection.int.test.ts (in `npm test`, on the shared emulator).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const collectionPath = join(root, 'postman', 'modelplane.postman_collection.json');
export const localEnvironmentPath = join(root, 'postman', 'local.postman_environment.json');

/** Names the collection gives what it creates (`pm-{runId}-...`) and where it puts the weights. */
const namePrefix = 'pm-';
const weightsPrefix = 'postman/';

/** The slice of newman's Node API used here (newman ships no types). */
interface NewmanSummary {
  run: {
    stats: { requests: { total: number; failed: number }; assertions: { total: number; failed: number } };
    failures: { error: { name?: string; message?: string; test?: string }; source?: { name?: string } }[];
    timings: { started: number; completed: number };
  };
}
interface Newman {
  run(options: Record<string, unknown>, callback: (error: Error | null, summary: NewmanSummary) => void): unknown;
}
const newman = createRequire(import.meta.url)('newman') as Newman;

export interface RunReport {
  requests: number;
  assertions: number;
  failedAssertions: number;
  failedRequests: number;
  durationMs: number;
  /** One line per failure: the request, the test and the message. */
  failures: string[];
}

export interface CheckReport {
  runs: RunReport[];
  /** Models, endpoints and weight objects of the runs still there after the last run. */
  leftBehind: string[];
}

export interface CheckOptions {
  /** The API's base URL, ending in /v1 (what `npm start` prints). */
  baseUrl: string;
  /**
   * The emulator's endpoint, where the runner looks for weights left behind. The collection itself
   * finds it through the plane (GET /local/info), as it does for a tester who gives only baseUrl.
   */
  s3Url: string;
  /** The artifact bucket of the plane. @default modelplane-artifacts-local */
  artifactBucket?: string;
  /** @default 2 */
  runs?: number;
  /** Print newman's CLI report of each run. @default false */
  cli?: boolean;
  /** Milliseconds between polls of a settling endpoint. @default the environment's */
  pollIntervalMs?: number;
}

function runOnce(options: CheckOptions): Promise<RunReport> {
  const envVar = [
    { key: 'baseUrl', value: options.baseUrl },
    ...(options.artifactBucket ? [{ key: 'artifactBucket', value: options.artifactBucket }] : []),
    ...(options.pollIntervalMs === undefined ? [] : [{ key: 'pollIntervalMs', value: String(options.pollIntervalMs) }]),
  ];
  return new Promise((resolve, reject) => {
    newman.run(
      {
        collection: collectionPath,
        environment: localEnvironmentPath,
        envVar,
        reporters: options.cli ? ['cli'] : [],
        timeoutRequest: 30_000,
      },
      (error, summary) => {
        if (error) {
          reject(error);
          return;
        }
        const { stats, failures, timings } = summary.run;
        resolve({
          requests: stats.requests.total,
          assertions: stats.assertions.total,
          failedAssertions: stats.assertions.failed,
          failedRequests: stats.requests.failed,
          durationMs: timings.completed - timings.started,
          failures: failures.map((f) => `${f.source?.name ?? '?'}: ${f.error.test ?? f.error.name ?? ''}: ${f.error.message ?? ''}`),
        });
      },
    );
  });
}

/** Every name in a paginated list of the API. */
async function listNames(baseUrl: string, collection: 'models' | 'endpoints'): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const url = `${baseUrl}/${collection}?limit=100${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`;
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { items: { name: string }[]; nextToken?: string };
    names.push(...page.items.map((item) => item.name));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

/** What the collection may have made: its models and endpoints, and its weights in S3. */
async function made(options: CheckOptions): Promise<string[]> {
  const s3 = new S3Client({
    endpoint: options.s3Url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const objects = await s3.send(new ListObjectsV2Command({ Bucket: options.artifactBucket ?? 'modelplane-artifacts-local', Prefix: weightsPrefix }));
    return [
      ...(await listNames(options.baseUrl, 'models')).filter((n) => n.startsWith(namePrefix)).map((n) => `model ${n}`),
      ...(await listNames(options.baseUrl, 'endpoints')).filter((n) => n.startsWith(namePrefix)).map((n) => `endpoint ${n}`),
      ...(objects.Contents ?? []).map((o) => `s3 object ${o.Key}`),
    ];
  } finally {
    s3.destroy();
  }
}

/** Runs the collection `runs` times in a row on the same plane and reports each run and what is left. */
export async function checkCollection(options: CheckOptions): Promise<CheckReport> {
  const before = new Set(await made(options));
  const runs: RunReport[] = [];
  for (let i = 0; i < (options.runs ?? 2); i += 1) runs.push(await runOnce(options));
  const leftBehind = (await made(options)).filter((thing) => !before.has(thing));
  return { runs, leftBehind };
}

/** Why a check failed, one line each; empty when it passed. */
export function problems(report: CheckReport): string[] {
  return [
    ...report.runs.flatMap((run, i) => [
      ...(run.failedAssertions > 0 || run.failedRequests > 0
        ? [`run ${i + 1}: ${run.failedAssertions} of ${run.assertions} assertions and ${run.failedRequests} of ${run.requests} requests failed`]
        : []),
      ...run.failures.map((failure) => `run ${i + 1}: ${failure}`),
    ]),
    ...(report.runs.some((run) => run.assertions === 0) ? ['a run made no assertions'] : []),
    ...report.leftBehind.map((thing) => `left behind: ${thing}`),
  ];
}
