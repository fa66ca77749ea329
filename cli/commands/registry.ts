/** `models`, `versions` and `aliases`: the model registry. */
import { Command, Option } from 'commander';
import type { CreateModelVersionRequest, Model, ModelVersion } from '@modelplane/sdk';
import { contextOf } from '../context.js';
import { CliError, exitCodes } from '../errors.js';
import { formatFields, formatPairs, formatTable, formatTime, printJson, printText } from '../output.js';
import { integer, keyValue } from '../parse.js';

/** The most the API gives in one page: fewer round trips for lists of everything. */
const pageSize = 100;

export function modelsCommand(): Command {
  const models = new Command('models').description('Models: named, labelled groups of versions');

  models
    .command('list')
    .description('List models (every page)')
    .action(async (_options: object, command: Command) => {
      const context = contextOf(command);
      const items = await context.client.models.list({ limit: pageSize }).toArray();
      if (context.output === 'json') return printJson(items);
      printText(
        formatTable(
          ['NAME', 'LATEST', 'ALIASES', 'UPDATED'],
          items.map((m) => [m.name, m.latestVersion, formatPairs(m.aliases), formatTime(m.updatedAt)]),
        ),
      );
    });

  models
    .command('get <name>')
    .description('Show a model')
    .action(async (name: string, _options: object, command: Command) => {
      const context = contextOf(command);
      const model = await context.client.models.get(name);
      if (context.output === 'json') return printJson(model);
      printText(modelFields(model));
    });

  models
    .command('create <name>')
    .description('Create a model')
    .option('--description <text>', 'what the model is for')
    .option('--label <key=value>', 'a label (repeatable)', keyValue)
    .action(async (name: string, options: { description?: string; label?: Record<string, string> }, command: Command) => {
      const context = contextOf(command);
      const model = await context.client.models.create({
        name,
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.label ? { labels: options.label } : {}),
      });
      if (context.output === 'json') return printJson(model);
      printText(modelFields(model));
    });

  models
    .command('delete <name>')
    .description('Delete a model (refused while an endpoint serves it)')
    .action(async (name: string, _options: object, command: Command) => {
      const context = contextOf(command);
      await context.client.models.delete(name);
      // The API answers 204: JSON output prints nothing, so there is nothing to misparse.
      if (context.output === 'table') printText(`Deleted model ${name}.`);
    });

  return models;
}

function modelFields(model: Model): string {
  return formatFields([
    ['NAME', model.name],
    ['DESCRIPTION', model.description],
    ['LATEST', model.latestVersion],
    ['ALIASES', formatPairs(model.aliases)],
    ['LABELS', formatPairs(model.labels)],
    ['CREATED', formatTime(model.createdAt)],
    ['UPDATED', formatTime(model.updatedAt)],
  ]);
}

interface CreateVersionOptions {
  modelDataUri?: string;
  imageUri?: string;
  packagingJob?: string;
  env?: Record<string, string>;
  series?: string;
  description?: string;
  label?: Record<string, string>;
  approval?: 'approved' | 'pendingManualApproval' | 'rejected';
}

export function versionsCommand(): Command {
  const versions = new Command('versions').description('Versions of a model: weights, serving image and environment');

  versions
    .command('list <model>')
    .description("List a model's versions (every page)")
    .action(async (model: string, _options: object, command: Command) => {
      const context = contextOf(command);
      const items = await context.client.versions.list(model, { limit: pageSize }).toArray();
      if (context.output === 'json') return printJson(items);
      printText(
        formatTable(
          ['VERSION', 'APPROVAL', 'SERIES', 'ALIASES', 'MODEL DATA', 'CREATED'],
          items.map((v) => [v.version, v.approval, v.series, v.aliases.join(','), v.modelDataUri, formatTime(v.createdAt)]),
        ),
      );
    });

  versions
    .command('create <model>')
    .description('Register a version from weights in S3 and an image, or from a succeeded packaging job')
    .option('--model-data-uri <s3-prefix>', 'uncompressed weights under an S3 prefix ending in /')
    .option('--image-uri <image>', 'the serving image, pinned by tag or digest')
    .option('--packaging-job <job-id>', 'take weights, image and series from this succeeded packaging job')
    .option('--env <KEY=VALUE>', 'an environment variable of the serving container (repeatable)', keyValue)
    .option('--series <series>', 'the model series (see catalog series)')
    .option('--description <text>', 'what is special about this version')
    .option('--label <key=value>', 'a label (repeatable)', keyValue)
    .addOption(new Option('--approval <approval>', 'initial approval').choices(['approved', 'pendingManualApproval', 'rejected']))
    .action(async (model: string, options: CreateVersionOptions, command: Command) => {
      const context = contextOf(command);
      const version = await context.client.versions.create(model, versionRequest(options));
      if (context.output === 'json') return printJson(version);
      printText(versionFields(version));
    });

  return versions;
}

/** One of the two kinds of version the API takes: from a packaging job, or from explicit artifacts. */
function versionRequest(options: CreateVersionOptions): CreateModelVersionRequest {
  const common = {
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.label ? { labels: options.label } : {}),
    ...(options.approval ? { approval: options.approval } : {}),
  };
  if (options.packagingJob !== undefined) {
    if (options.modelDataUri || options.imageUri || options.env || options.series) {
      throw new CliError('--packaging-job takes the weights, image, environment and series from the job: give none of those with it.', exitCodes.usage);
    }
    return { packagingJobId: options.packagingJob, ...common };
  }
  if (options.modelDataUri === undefined || options.imageUri === undefined) {
    throw new CliError('Give --model-data-uri and --image-uri, or --packaging-job.', exitCodes.usage);
  }
  return {
    modelDataUri: options.modelDataUri,
    imageUri: options.imageUri,
    ...(options.env ? { environment: options.env } : {}),
    ...(options.series !== undefined ? { series: options.series } : {}),
    ...common,
  };
}

function versionFields(version: ModelVersion): string {
  return formatFields([
    ['MODEL', version.model],
    ['VERSION', version.version],
    ['APPROVAL', version.approval],
    ['SERIES', version.series],
    ['MODEL DATA', version.modelDataUri],
    ['IMAGE', version.imageUri],
    ['ENVIRONMENT', formatPairs(version.environment)],
    ['ALIASES', version.aliases.join(',')],
    ['SAGEMAKER MODEL', version.sagemakerModelName],
    ['CREATED', formatTime(version.createdAt)],
  ]);
}

export function aliasesCommand(): Command {
  const aliases = new Command('aliases').description('Aliases: movable names (prod, canary) for versions');

  aliases
    .command('set')
    .description('Point an alias at a version (creating or moving it)')
    .argument('<model>')
    .argument('<alias>', 'lower-case letters, digits and hyphens, e.g. prod')
    .argument('<version>', 'the version number', integer(1))
    .action(async (model: string, alias: string, version: number, _options: object, command: Command) => {
      const context = contextOf(command);
      const updated = await context.client.aliases.set(model, alias, { version });
      if (context.output === 'json') return printJson(updated);
      printText(`${model}: ${alias} -> version ${version} (aliases ${formatPairs(updated.aliases)})`);
    });

  return aliases;
}
