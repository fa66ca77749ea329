import { createApiHandler } from '../shared/http/api-handler.js';
import { wireInvoke } from './wiring.js';

let wired: ReturnType<typeof wireInvoke> | undefined;
const invoke = () => (wired ??= wireInvoke());

/** Inference: the model's own format passed through, and OpenAI-style chat (streamed as server-sent events). */
export const handler = createApiHandler({
  invokeEndpoint: async ({ tenant, path, query, body, contentType, accept }) => {
    const answer = await invoke().invoke(tenant, path.endpointName, {
      body,
      ...(contentType ? { contentType } : {}),
      ...(accept ? { accept } : {}),
      ...(query.variant ? { variant: query.variant } : {}),
    });
    const headers: Record<string, string> = answer.variant ? { 'X-Modelplane-Variant': answer.variant } : {};
    return { status: 200, raw: answer.body, contentType: answer.contentType, headers };
  },
  createChatCompletion: async ({ tenant, path, body }) => {
    if (body.stream === true) return { status: 200, events: invoke().chatEvents(tenant, path.endpointName, body) };
    return { status: 200, body: await invoke().chat(tenant, path.endpointName, body) };
  },
});
