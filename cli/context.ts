/**
 * What every command needs from the global options: an SDK client for the chosen API, the
 * output format, and how to tell the user to run a command again (the resume hint after Ctrl-C).
 */
import type { Command } from 'commander';
import { createModelplaneClient, type ModelplaneClient } from '@modelplane/sdk';
import type { OutputFormat } from './output.js';

export const defaultApiUrl = 'http://127.0.0.1:8080/v1';

/** The global options, as commander parses them (see main.ts). */
export interface GlobalOptions {
  apiUrl: string;
  token?: string;
  tenant?: string;
  output: OutputFormat;
  pollInterval: number;
}

export interface Context {
  client: ModelplaneClient;
  output: OutputFormat;
  apiUrl: string;
  /** Between reads of a waited-for resource. */
  pollIntervalMs: number;
  /** `modelplane <args>` with the global options that differ from their defaults, for hints. */
  command(args: string): string;
}

/** The local plane's tenant header (local/server.ts); API Gateway takes the tenant from the token instead. */
const tenantHeader = 'X-Modelplane-Tenant';

/** Builds the context from the options of `command` and of every parent (commander's optsWithGlobals). */
export function contextOf(command: Command): Context {
  const options = command.optsWithGlobals<GlobalOptions>();
  const client = createModelplaneClient({
    baseUrl: options.apiUrl,
    ...(options.token ? { token: options.token } : {}),
    ...(options.tenant ? { headers: { [tenantHeader]: options.tenant } } : {}),
  });
  const globals = [
    options.apiUrl !== (process.env.MODELPLANE_API_URL ?? defaultApiUrl) ? `--api-url ${options.apiUrl}` : '',
    options.tenant ? `--tenant ${options.tenant}` : '',
  ].filter(Boolean);
  return {
    client,
    output: options.output,
    apiUrl: options.apiUrl,
    pollIntervalMs: options.pollInterval * 1000,
    command: (args) => ['modelplane', ...globals, args].join(' '),
  };
}
