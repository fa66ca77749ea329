/**
 * The serving containers' request and response shapes, answered with deterministic text: what
 * the local inference stand-in (server.ts) says for each serving profile. It is a stand-in: no
 * model runs, the text is derived from the prompt, so tests and offline UIs see the real shapes.
 * - LMI (DJL Serving) and vLLM: OpenAI chat (`messages`) on /invocations; LMI also takes
 *   `inputs`/`parameters` (`{generated_text}`, streamed as JSON lines of `{token}`).
 * - TGI: `inputs`/`parameters` -> `[{generated_text}]`, streamed as server-sent events of
 *   `{token, generated_text}`; its Messages API (`messages`) as OpenAI chat.
 * - Hugging Face inference toolkit: by HF_TASK, feature extraction, classification,
 *   text2text generation, summarisation, translation.
 */
import { createHash } from 'node:crypto';
import type { Serving } from '../../core/catalog/series.js';

/** A container's refusal: its own status and message, which SageMaker wraps in a ModelError. */
export class ContainerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ServingProfile {
  serving: Serving;
  /** The inference toolkit's pipeline (HF_TASK), for hfInference. */
  task?: string;
  /** What the answers name as the model. */
  model: string;
}

/** What a container answers: whole, or as the pieces of its stream (each already framed as the container frames it). */
export type ContainerAnswer = { contentType: string; body: string } | { contentType: string; pieces: string[] };

const vocabulary =
  'the a model answer local stand-in token stream text of deep learning data layer network result value signal pattern offline test chat reply'.split(' ');

/** Deterministic words for a prompt: the same prompt always gets the same answer. */
export function standInWords(prompt: string, count: number): string[] {
  const words: string[] = [];
  let seed = createHash('sha256').update(prompt).digest();
  while (words.length < count) {
    for (const byte of seed) {
      if (words.length >= count) break;
      words.push(vocabulary[byte % vocabulary.length]!);
    }
    seed = createHash('sha256').update(seed).digest();
  }
  return words;
}

/** The answer's tokens: words with their leading space, as tokenizers give them. */
function tokens(prompt: string, maxTokens: number | undefined): string[] {
  return standInWords(prompt, Math.max(1, Math.min(maxTokens ?? 16, 256))).map((w, i) => (i === 0 ? w : ` ${w}`));
}

function parseJson(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ContainerError(400, 'Input is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ContainerError(400, 'Input must be a JSON object');
  return parsed as Record<string, unknown>;
}

function promptOf(messages: unknown): string {
  if (!Array.isArray(messages) || messages.length === 0) throw new ContainerError(400, '`messages` must be a non-empty array');
  return messages
    .map((m: unknown) => {
      const content = (m as { content?: unknown }).content;
      if (typeof content === 'string') return content;
      if (Array.isArray(content))
        return content
          .map((p: unknown) => {
            const text = (p as { text?: unknown }).text;
            return typeof text === 'string' ? text : '';
          })
          .join(' ');
      throw new ContainerError(400, 'every message needs a `content`');
    })
    .join('\n');
}

const created = 1_700_000_000;
const idOf = (prompt: string) => `chatcmpl-${createHash('sha256').update(prompt).digest('hex').slice(0, 12)}`;

function chat(profile: ServingProfile, input: Record<string, unknown>): ContainerAnswer {
  const prompt = promptOf(input.messages);
  const maxTokens =
    typeof input.max_tokens === 'number' ? input.max_tokens : typeof input.max_completion_tokens === 'number' ? input.max_completion_tokens : undefined;
  const answer = tokens(prompt, maxTokens);
  const id = idOf(prompt);
  const usage = { prompt_tokens: prompt.split(/\s+/).length, completion_tokens: answer.length, total_tokens: prompt.split(/\s+/).length + answer.length };
  const finish = maxTokens !== undefined && answer.length >= maxTokens ? 'length' : 'stop';
  if (input.stream !== true) {
    return {
      contentType: 'application/json',
      body: JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model: profile.model,
        choices: [{ index: 0, message: { role: 'assistant', content: answer.join('') }, finish_reason: finish }],
        usage,
      }),
    };
  }
  const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model: profile.model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
      ...extra,
    });
  const chunks = [...answer.map((text, i) => chunk(i === 0 ? { role: 'assistant', content: text } : { content: text }, null)), chunk({}, finish, { usage })];
  // LMI streams JSON lines; TGI's Messages API and vLLM stream server-sent events.
  if (profile.serving === 'lmi') return { contentType: 'application/jsonlines', pieces: chunks.map((c) => `${c}\n`) };
  return { contentType: 'text/event-stream', pieces: [...chunks.map((c) => `data: ${c}\n\n`), 'data: [DONE]\n\n'] };
}

function generate(profile: ServingProfile, input: Record<string, unknown>): ContainerAnswer {
  if (typeof input.inputs !== 'string') throw new ContainerError(422, 'Input validation error: `inputs` must be a string');
  const parameters = (input.parameters ?? {}) as { max_new_tokens?: unknown };
  const maxTokens = typeof parameters.max_new_tokens === 'number' ? parameters.max_new_tokens : undefined;
  const answer = tokens(input.inputs, maxTokens);
  const text = answer.join('');
  const tgi = profile.serving === 'tgi';
  if (input.stream !== true) {
    return { contentType: 'application/json', body: JSON.stringify(tgi ? [{ generated_text: text }] : { generated_text: text }) };
  }
  if (tgi) {
    return {
      contentType: 'text/event-stream',
      pieces: answer.map(
        (t, i) =>
          `data: ${JSON.stringify({ index: i, token: { id: i, text: t, logprob: -0.1, special: false }, generated_text: i === answer.length - 1 ? text : null, details: null })}\n\n`,
      ),
    };
  }
  return {
    contentType: 'application/jsonlines',
    pieces: answer.map((t, i) => `${JSON.stringify({ token: { id: i, text: t, log_prob: -0.1 }, generated_text: i === answer.length - 1 ? text : null })}\n`),
  };
}

function toolkit(profile: ServingProfile, input: Record<string, unknown>): ContainerAnswer {
  const inputs = input.inputs;
  const texts = typeof inputs === 'string' ? [inputs] : Array.isArray(inputs) && inputs.every((t) => typeof t === 'string') ? inputs : undefined;
  if (!texts) throw new ContainerError(400, "Input payload must contain an 'inputs' key (a string or a list of strings)");
  const task = profile.task ?? 'feature-extraction';
  const json = (value: unknown): ContainerAnswer => ({ contentType: 'application/json', body: JSON.stringify(value) });
  const digest = (text: string) => createHash('sha256').update(text).digest();
  switch (task) {
    case 'feature-extraction':
    case 'sentence-similarity':
      return json(texts.map((t) => [...digest(t)].slice(0, 16).map((b) => Number((b / 127.5 - 1).toFixed(4)))));
    case 'text-classification':
    case 'sentiment-analysis':
      return json(
        texts.map((t) => ({ label: digest(t)[0]! % 2 === 0 ? 'POSITIVE' : 'NEGATIVE', score: Number((0.5 + (digest(t)[1]! % 50) / 100).toFixed(4)) })),
      );
    case 'summarization':
      return json(texts.map((t) => ({ summary_text: tokens(t, 12).join('') })));
    case 'translation':
      return json(texts.map((t) => ({ translation_text: tokens(t, 12).join('') })));
    default:
      return json(texts.map((t) => ({ generated_text: tokens(t, 16).join('') })));
  }
}

/** What the profile's container answers to a request body on /invocations. */
export function answer(profile: ServingProfile, body: Buffer, stream: boolean): ContainerAnswer {
  const input = parseJson(body);
  if (stream) input.stream = true;
  if (profile.serving === 'hfInference') {
    if ('messages' in input) throw new ContainerError(400, "Input payload must contain an 'inputs' key; this model is not served for chat");
    return toolkit(profile, input);
  }
  if ('messages' in input) return chat(profile, input);
  if (profile.serving === 'vllm') throw new ContainerError(400, 'vLLM takes OpenAI requests: `messages` is required');
  return generate(profile, input);
}

/** The serving profile of a SageMaker Model's container, from the environment the packager gave it (batch-packager serving-profile.ts). */
export function profileOf(environment: Record<string, string>, model: string): ServingProfile {
  if (environment.OPTION_ROLLING_BATCH !== undefined || environment.OPTION_ENGINE !== undefined) return { serving: 'lmi', model };
  if (environment.SM_VLLM_MODEL !== undefined) return { serving: 'vllm', model };
  if (environment.HF_TASK !== undefined) return { serving: 'hfInference', task: environment.HF_TASK, model };
  if (environment.HF_MODEL_ID !== undefined) return { serving: 'tgi', model };
  // A version registered from artifacts with no environment: the image carries its serving.properties (LMI).
  return { serving: 'lmi', model };
}
