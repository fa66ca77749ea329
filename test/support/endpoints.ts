import type { S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { localResources } from '../../local/bootstrap.js';
import { uploadTinyModel } from './aws.js';
import { uniqueName, type ApiAnswer, type ApiCall } from './control-plane.js';

/** The serving image the endpoint suites register versions with (nothing pulls it locally). */
export const servingImage = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';

/** A model named `prefix-...` with `versions` versions of one tiny uploaded model, through the API; its name. */
export async function servedModel(call: (request: ApiCall) => Promise<ApiAnswer>, s3: S3Client, prefix: string, versions = 2): Promise<string> {
  const model = uniqueName(prefix);
  const artifact = await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('weights')}/`);
  expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
  for (let i = 0; i < versions; i++) {
    expect((await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact.uri, imageUri: servingImage } })).status).toBe(
      201,
    );
  }
  return model;
}

/** Polls GET /v1/endpoints/{name} until its status is `status` (`gone`: until it answers 404), and returns that answer. */
export async function waitForEndpoint(call: (request: ApiCall) => Promise<ApiAnswer>, name: string, status: string, timeoutMs = 15_000): Promise<ApiAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${name}` });
    if ((answer.body as { status?: string } | undefined)?.status === status || (status === 'gone' && answer.status === 404)) return answer;
    if (Date.now() > deadline)
      throw new Error(`endpoint ${name} is ${(answer.body as { status?: string } | undefined)?.status ?? answer.status}, not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
