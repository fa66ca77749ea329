/** `invoke` and `chat`: calling a running endpoint. */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import type { ChatCompletionRequest } from '@modelplane/sdk';
import { contextOf } from '../context.js';
import { printJson, printText } from '../output.js';
import { integer } from '../parse.js';

/** The body: `@file` reads a file (bytes), `-` reads stdin, anything else is sent as it is. */
async function bodyOf(argument: string): Promise<Uint8Array | string> {
  if (argument === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }
  if (argument.startsWith('@')) return new Uint8Array(await readFile(argument.slice(1)));
  return argument;
}

export function invokeCommand(): Command {
  return new Command('invoke')
    .description('Sends a body to an endpoint\'s model as it is and prints the answer (the container\'s own format, e.g. \'{"inputs": "Hello"}\')')
    .argument('<endpoint>')
    .argument('<body>', 'the body: JSON or text, @file for a file, - for stdin')
    .option('--content-type <type>', 'the body media type', 'application/json')
    .option('--accept <type>', 'the media type asked of the model')
    .option('--variant <name>', 'a production variant to send it to')
    .action(async (endpoint: string, body: string, options: { contentType: string; accept?: string; variant?: string }, command: Command) => {
      const context = contextOf(command);
      const answer = await context.client.endpoints.invoke(endpoint, await bodyOf(body), {
        contentType: options.contentType,
        ...(options.accept ? { accept: options.accept } : {}),
        ...(options.variant ? { variant: options.variant } : {}),
      });
      if (/json/.test(answer.contentType)) return printJson(answer.json());
      if (/^text\//.test(answer.contentType)) return printText(answer.text());
      process.stdout.write(answer.body);
    });
}

export function chatCommand(): Command {
  return new Command('chat')
    .description('Asks an endpoint serving a chat LLM (LMI, vLLM, TGI) one question and prints the answer as it streams')
    .argument('<endpoint>')
    .argument('<message>', 'what the user says')
    .option('--system <text>', 'a system message first')
    .option('--max-tokens <n>', 'at most this many tokens', integer(1))
    .option('--temperature <t>', 'sampling temperature, 0 to 2', Number)
    .option('--no-stream', 'wait for the whole answer instead of streaming it')
    .action(async (endpoint: string, message: string, options: ChatOptions, command: Command) => {
      const context = contextOf(command);
      const request: ChatCompletionRequest = {
        messages: [...(options.system ? [{ role: 'system' as const, content: options.system }] : []), { role: 'user' as const, content: message }],
        ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
        ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
      };
      if (!options.stream || context.output === 'json') {
        const completion = await context.client.endpoints.chatCompletions(endpoint, request as ChatCompletionRequest & { stream?: false });
        if (context.output === 'json') return printJson(completion);
        return printText(completion.choices[0]?.message.content ?? '');
      }
      // Tokens as they arrive, on one line.
      for await (const chunk of context.client.endpoints.chatCompletions(endpoint, { ...request, stream: true } as ChatCompletionRequest & { stream: true })) {
        const text = chunk.choices[0]?.delta.content;
        if (text) process.stdout.write(text);
      }
      process.stdout.write('\n');
    });
}

interface ChatOptions {
  system?: string;
  maxTokens?: number;
  temperature?: number;
  stream: boolean;
}
