/**
 * The `modelplane` CLI: the API's resources as verbs, for platform engineers and scripts,
 * on @modelplane/sdk. Commander parses (well kept, Node 20 compatible); cli/bin.js starts it.
 * Exit codes: 0 done, 1 failed, 2 a client error (a 4xx answer or a wrong command line),
 * 130 Ctrl-C during --wait.
 */
import { Command, CommanderError, Option } from 'commander';
import { catalogCommand, metricsCommand } from './commands/observe.js';
import { endpointsCommand } from './commands/endpoints.js';
import { chatCommand, invokeCommand } from './commands/inference.js';
import { jobsCommand, packageCommand } from './commands/packaging.js';
import { aliasesCommand, modelsCommand, versionsCommand } from './commands/registry.js';
import { defaultApiUrl, type GlobalOptions } from './context.js';
import { exitCodes, reportError } from './errors.js';
import { positiveNumber } from './parse.js';

function program(): Command {
  return new Command('modelplane')
    .description('Package, register, serve, scale and observe self-hosted models through the modelplane API.')
    .addOption(new Option('--api-url <url>', 'the API base URL').env('MODELPLANE_API_URL').default(defaultApiUrl))
    .addOption(new Option('--token <token>', 'a Cognito ID token, sent as a bearer token').env('MODELPLANE_TOKEN'))
    .addOption(new Option('--tenant <tenant>', 'act as this tenant (local plane only: sends X-Modelplane-Tenant)').env('MODELPLANE_TENANT'))
    .addOption(new Option('-o, --output <format>', 'table for people, json for scripts (stdout)').choices(['table', 'json']).default('table'))
    .addOption(new Option('--poll-interval <seconds>', 'between reads while waiting (--wait)').argParser(positiveNumber).default(2))
    .showHelpAfterError()
    .exitOverride()
    .addCommand(modelsCommand())
    .addCommand(versionsCommand())
    .addCommand(aliasesCommand())
    .addCommand(packageCommand())
    .addCommand(jobsCommand())
    .addCommand(endpointsCommand())
    .addCommand(invokeCommand())
    .addCommand(chatCommand())
    .addCommand(metricsCommand())
    .addCommand(catalogCommand());
}

/** Runs one command line; answers the exit code. */
export async function main(argv: string[]): Promise<number> {
  const cli = program();
  // Subcommands inherit exitOverride only when added after it is set, so set it on every one.
  for (const command of allCommands(cli)) command.exitOverride();
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its message (unknown option, missing argument) or the help.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : exitCodes.usage;
    return reportError(error, cli.opts<GlobalOptions>().apiUrl);
  }
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

// `modelplane models list | head`: the reader went away, which is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));
