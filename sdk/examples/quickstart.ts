/**
 * Quickstart: create a model and a version, list models across pages, catch a typed problem,
 * serve the version on an endpoint and wait for it with progress. Uses only @modelplane/sdk.
 *   MODELPLANE_URL=http://127.0.0.1:8080/v1 MODELPLANE_MODEL_DATA_URI=s3://modelplane-artifacts-local/llama-3-8b/r1/ \
 *     npx tsx sdk/examples/quickstart.ts   (from the repository root)
 */
import { createModelplaneClient, ModelplaneProblem } from '@modelplane/sdk';

const modelDataUri = process.env.MODELPLANE_MODEL_DATA_URI ?? process.argv[2];
if (!modelDataUri) throw new Error('Give the S3 prefix of the weights (it holds config.json) in MODELPLANE_MODEL_DATA_URI');
const client = createModelplaneClient({
  baseUrl: process.env.MODELPLANE_URL ?? 'http://127.0.0.1:8080/v1',
  // Called before every request: return a fresh Cognito ID token here (the local plane ignores it).
  token: () => Promise.resolve(process.env.MODELPLANE_TOKEN ?? 'local'),
});
const name = `quickstart-${Date.now().toString(36)}`;

const model = await client.models.create({ name, description: 'Quickstart model', labels: { team: 'docs' } });
const version = await client.versions.create(model.name, {
  modelDataUri,
  imageUri: '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128',
});
console.log(`created ${model.name} version ${version.version}`);

let count = 0;
for await (const m of client.models.list({ limit: 2 })) count += m.name === name ? 1 : 0;
console.log(`listed the new model ${count} time(s) across pages`);

try {
  await client.models.get(`${name}-missing`);
} catch (error) {
  if (!(error instanceof ModelplaneProblem && error.code === 'ModelNotFound')) throw error;
  console.log(`as expected: ${error.status} ${error.code} (request ${error.requestId})`);
}

await client.endpoints.create({ name, model: model.name, version: version.version, instanceType: 'ml.g5.2xlarge' });
const endpoint = await client.endpoints.waitUntilSettled(name, {
  intervalMs: 500,
  timeoutMs: 10 * 60_000,
  onProgress: (e, { elapsedMs }) => console.log(`endpoint ${e.name}: ${e.status} after ${elapsedMs} ms`),
});
console.log(`endpoint ${endpoint.name} is ${endpoint.status} on ${endpoint.instanceCount.current} instance(s)`);
