import type { ChatCompletion, ChatCompletionChunk } from '../../core/api.js';
import { ModelFailedError } from './errors.js';

/**
 * The chat containers' streamed answers, as chunks: TGI's Messages API and vLLM send
 * server-sent events (`data: {chunk}`), LMI sends JSON lines of the same chunks; either may be
 * split anywhere across PayloadParts. `data: [DONE]` (or the end of the stream) ends it.
 */
export async function* chatChunks(parts: AsyncIterable<Uint8Array>): AsyncIterable<ChatCompletionChunk> {
  const decoder = new TextDecoder();
  let pending = '';
  const lineOf = (raw: string): ChatCompletionChunk | 'done' | undefined => {
    const line = raw.trim();
    if (line === '' || line.startsWith(':') || line.startsWith('event:') || line.startsWith('id:')) return undefined;
    const data = line.startsWith('data:') ? line.slice('data:'.length).trim() : line;
    if (data === '[DONE]') return 'done';
    return asChunk(data);
  };
  for await (const part of parts) {
    pending += decoder.decode(part, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const chunk = lineOf(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      if (chunk === 'done') return;
      if (chunk) yield chunk;
      newline = pending.indexOf('\n');
    }
  }
  const last = lineOf(pending + decoder.decode());
  if (last && last !== 'done') yield last;
}

function asChunk(data: string): ChatCompletionChunk {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new ModelFailedError('ModelError', `The model streamed something that is not a chat completion chunk: ${data.slice(0, 200)}`);
  }
  const chunk = parsed as Partial<ChatCompletionChunk> & { error?: unknown };
  if (!Array.isArray(chunk.choices)) {
    const said = typeof chunk.error === 'string' ? chunk.error : JSON.stringify(parsed).slice(0, 200);
    throw new ModelFailedError('ModelError', `The model streamed no chat completion chunk: ${said}`, { originalMessage: said });
  }
  return { ...chunk, object: 'chat.completion.chunk' } as ChatCompletionChunk;
}

/** A chat container's whole answer, checked to be a chat completion (an encoder's answer is not). */
export function asChatCompletion(body: Uint8Array): ChatCompletion {
  const text = new TextDecoder().decode(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ModelFailedError('ModelError', `The model's answer is not JSON, so not a chat completion: ${text.slice(0, 200)}`);
  }
  const completion = parsed as Partial<ChatCompletion>;
  if (typeof completion !== 'object' || completion === null || !Array.isArray(completion.choices)) {
    throw new ModelFailedError(
      'ModelError',
      `The model did not answer a chat completion (does it serve a chat model on LMI, vLLM or TGI?): ${text.slice(0, 200)}`,
      { originalMessage: text.slice(0, 1000) },
    );
  }
  return completion as ChatCompletion;
}

/** One server-sent event carrying a chunk. */
export function chunkEvent(chunk: ChatCompletionChunk): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

export const doneEvent = 'data: [DONE]\n\n';
