import { DescribeEndpointCommand, ListTagsCommand } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { configureEmulator, injectEndpointFault } from '../../../local/emulator.js';
import { localResources } from '../../../local/bootstrap.js';
import { tenantHeader } from '../../../local/server.js';
import { emulatorClients, uploadTinyModel } from '../../support/aws.js';
import { checkResponse } from '../../support/contract.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../../support/control-plane.js';
import { waitForEndpoint } from '../../support/endpoints.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';
const lmi = { HF_MODEL_ID: '/opt/ml/model', OPTION_ROLLING_BATCH: 'vllm' };
const tgi = { HF_MODEL_ID: '/opt/ml/model' };
const classifier = { HF_TASK: 'text-classification' };

/** The events of a server-sent event stream, read as they arrive. */
async function readEvents(response: Response): Promise<{ data: string[]; event?: string; arrivals: number }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let arrivals = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    arrivals += 1;
    text += decoder.decode(value, { stream: true });
  }
  const events = text.split('\n\n').filter((e) => e.trim() !== '');
  const errorEvent = events.find((e) => e.startsWith('event: error'));
  return {
    data: events.filter((e) => e.startsWith('data: ')).map((e) => e.slice('data: '.length)),
    ...(errorEvent ? { event: errorEvent } : {}),
    arrivals,
  };
}

describe('invoke API (through the local inference stand-in)', () => {
  const endpoint = inject('emulatorEndpoint');
  const { s3, sagemaker } = emulatorClients();
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  const names: Record<'lmi' | 'tgi' | 'classifier', string> = { lmi: '', tgi: '', classifier: '' };

  async function serve(environment: Record<string, string>, beforeCreate?: (name: string) => Promise<void>): Promise<string> {
    const model = uniqueName('invoked');
    const artifact = await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('weights')}/`);
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    expect(
      (await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact.uri, imageUri: image, environment } })).status,
    ).toBe(201);
    const name = uniqueName('inv');
    await beforeCreate?.(name);
    expect((await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge' } })).status).toBe(202);
    return name;
  }

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

  beforeAll(async () => {
    await configureEmulator(endpoint, { endpointTransitionSeconds: 0.4 });
    api = await startTestControlPlane({ watchIntervalMs: 100, tokenDelayMs: 20 });
    names.lmi = await serve(lmi);
    names.tgi = await serve(tgi);
    names.classifier = await serve(classifier);
    for (const name of Object.values(names)) await waitForEndpoint(call, name, 'running');
  });
  afterAll(async () => {
    await api.close();
  });

  it('serves endpoints that carry the deployment tag the deployed invoke grant requires (modelplane-local here)', async () => {
    const { EndpointArn } = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: names.lmi }));
    const { Tags } = await sagemaker.send(new ListTagsCommand({ ResourceArn: EndpointArn }));
    expect(Tags).toEqual(expect.arrayContaining([{ Key: 'modelplane:deployment', Value: localResources.tableName }]));
  });

  it('passes a JSON body to the model and its JSON answer back (TGI generate shape), the same text for the same prompt', async () => {
    const body = { inputs: 'What is deep learning?', parameters: { max_new_tokens: 5 } };
    const first = await call<{ generated_text: string }[]>({ method: 'POST', path: `/v1/endpoints/${names.tgi}/invocations`, body });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('application/json');
    expect(first.headers.get('x-modelplane-variant')).toBe('main');
    expect(first.body).toHaveLength(1);
    expect(first.body[0]!.generated_text.split(' ')).toHaveLength(5);
    const again = await call<{ generated_text: string }[]>({ method: 'POST', path: `/v1/endpoints/${names.tgi}/invocations`, body });
    expect(again.body).toEqual(first.body);
    const other = await call<{ generated_text: string }[]>({
      method: 'POST',
      path: `/v1/endpoints/${names.tgi}/invocations`,
      body: { ...body, inputs: 'Something else entirely' },
    });
    expect(other.body).not.toEqual(first.body);
  });

  it('answers each container in its own shape: LMI generate and an inference-toolkit classifier', async () => {
    const generated = await call({
      method: 'POST',
      path: `/v1/endpoints/${names.lmi}/invocations`,
      body: { inputs: 'Hello', parameters: { max_new_tokens: 3 } },
    });
    expect(generated.status).toBe(200);
    expect(generated.body).toEqual({ generated_text: expect.any(String) });
    const classified = await call({ method: 'POST', path: `/v1/endpoints/${names.classifier}/invocations`, body: { inputs: ['good', 'bad'] } });
    expect(classified.status).toBe(200);
    expect(classified.body).toEqual([
      { label: expect.stringMatching(/^(POSITIVE|NEGATIVE)$/), score: expect.any(Number) },
      { label: expect.stringMatching(/^(POSITIVE|NEGATIVE)$/), score: expect.any(Number) },
    ]);
  });

  it('answers a buffered chat completion in the OpenAI shape', async () => {
    const answer = await call({
      method: 'POST',
      path: `/v1/endpoints/${names.lmi}/chat/completions`,
      body: { messages: [{ role: 'user', content: 'What is deep learning?' }], max_tokens: 4 },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'length' }] });
    expect((answer.body.choices[0].message.content as string).split(' ')).toHaveLength(4);
    expect(answer.body.usage.completion_tokens).toBe(4);
  });

  it.each(['lmi', 'tgi'] as const)('streams a chat completion from %s: several chunk events as they come, then [DONE]', async (profile) => {
    const response = await post(
      `/v1/endpoints/${names[profile]}/chat/completions`,
      JSON.stringify({ messages: [{ role: 'user', content: 'Tell me a story' }], max_tokens: 6, stream: true }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const { data, event, arrivals } = await readEvents(response);
    expect(event).toBeUndefined();
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { object: string; choices: { delta: { content?: string } }[] });
    expect(chunks.length).toBeGreaterThanOrEqual(6);
    for (const chunk of chunks) checkResponse('POST', `/v1/endpoints/${names[profile]}/chat/completions`, 200, 'text/event-stream', chunk);
    expect(
      chunks
        .map((c) => c.choices[0]?.delta.content ?? '')
        .join('')
        .split(' '),
    ).toHaveLength(6);
    // Written as the stand-in produced them (20 ms apart), not in one piece.
    expect(arrivals).toBeGreaterThan(1);
  });

  it('keeps the container message when the model refuses a request (422), for invoke and for chat', async () => {
    const refused = await call({ method: 'POST', path: `/v1/endpoints/${names.tgi}/invocations`, body: { inputs: 42 } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'ModelRequestRejected',
      originalStatusCode: 422,
      originalMessage: 'Input validation error: `inputs` must be a string',
    });
    expect(refused.body.detail).toContain('`inputs` must be a string');
    const chat = await call({
      method: 'POST',
      path: `/v1/endpoints/${names.classifier}/chat/completions`,
      body: { messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(chat.status).toBe(422);
    expect(chat.body.detail).toContain('not served for chat');
  });

  it('refuses a chat request that breaks the OpenAI schema, listing every problem', async () => {
    const answer = await call({ method: 'POST', path: `/v1/endpoints/${names.lmi}/chat/completions`, body: { messages: [], temperature: 7 } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/body/messages', '/body/temperature']);
  });

  it('is a 404 for an unknown endpoint and for another tenant’s, and a 400 for an unknown variant', async () => {
    const unknown = await call({ method: 'POST', path: `/v1/endpoints/${uniqueName('nope')}/invocations`, body: { inputs: 'x' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('EndpointNotFound');
    const foreign = await call({ method: 'POST', path: `/v1/endpoints/${names.tgi}/invocations`, body: { inputs: 'x' }, tenant: 'someone-else' });
    expect(foreign.status).toBe(404);
    const variant = await call({ method: 'POST', path: `/v1/endpoints/${names.tgi}/invocations?variant=blue`, body: { inputs: 'x' } });
    expect(variant.status).toBe(400);
    expect(variant.body.errors[0].path).toBe('/query/variant');
  });

  it('is a 409 EndpointNotRunning, with the status, for an endpoint that is still creating, and for one that failed', async () => {
    const name = await serve(tgi, async (endpointName) => {
      await injectEndpointFault(endpoint, {
        endpoint: endpointName,
        operation: 'create',
        reason: 'CUDA out of memory while loading the model',
        outcome: 'failed',
      });
    });
    const creating = await call({ method: 'POST', path: `/v1/endpoints/${name}/invocations`, body: { inputs: 'x' } });
    expect(creating.status).toBe(409);
    expect(creating.body.code).toBe('EndpointNotRunning');
    // Creating for 0.4 s, then failed: either way not running (a loaded machine may take longer than that to call).
    expect(['creating', 'failed']).toContain(creating.body.currentStatus);
    await waitForEndpoint(call, name, 'failed');
    const failed = await call({ method: 'POST', path: `/v1/endpoints/${name}/chat/completions`, body: { messages: [{ role: 'user', content: 'hi' }] } });
    expect(failed.status).toBe(409);
    expect(failed.body).toMatchObject({ code: 'EndpointNotRunning', currentStatus: 'failed' });
  });

  it('passes a binary body through as bytes', async () => {
    const bytes = Buffer.from([0, 255, 1, 254]);
    const response = await fetch(`${api.url}/v1/endpoints/${names.tgi}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', [tenantHeader]: 'local' },
      body: bytes,
    });
    // The TGI container takes JSON only: its refusal says so, so the bytes reached it.
    expect(response.status).toBe(422);
    expect(((await response.json()) as { originalMessage: string }).originalMessage).toBe('Input is not valid JSON');
  });

  it('throttles invocations per tenant apart from the control routes: 429 with Retry-After over the limit', async () => {
    const at = Date.now();
    const throttled = await startTestControlPlane({ throttle: { rate: 100, burst: 100 }, invocationThrottle: { rate: 0.5, burst: 2 }, now: () => at });
    try {
      const invoke = (tenant: string) => throttled.call({ method: 'POST', path: `/v1/endpoints/${names.tgi}/invocations`, body: { inputs: 'x' }, tenant });
      expect((await invoke('local')).status).toBe(200);
      expect((await invoke('local')).status).toBe(200);
      const refused = await invoke('local');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('2');
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.body.code).toBe('Throttled');
      // The control routes and other tenants keep their own buckets.
      expect((await throttled.call({ method: 'GET', path: `/v1/endpoints/${names.tgi}` })).status).toBe(200);
      expect((await invoke('another-tenant')).status).toBe(404);
    } finally {
      await throttled.close();
    }
  });
});
