/** `endpoints`: serving versions on SageMaker, scaling and rolling them, deleting them. */
import { Command, Option } from 'commander';
import type { Endpoint, Schemas, UpdateEndpointRequest } from '@modelplane/sdk';
import { InvalidArgumentError } from 'commander';
import { contextOf, type Context } from '../context.js';
import { CliError, exitCodes } from '../errors.js';
import { formatFields, formatTable, formatTime, printJson, printText } from '../output.js';
import { fields, integer, positiveNumber } from '../parse.js';
import { watch, type ProgressView } from '../progress.js';

type ScalingMetric = Schemas['ScalingTarget']['metric'];
type EndpointSchedule = Schemas['EndpointSchedule'];
type Strategy = NonNullable<UpdateEndpointRequest['deployment']>['strategy'];

const waitOption = () => new Option('--wait', 'wait until the endpoint settles, showing its progress on stderr');

type VariantSpec = Schemas['EndpointVariantSpec'];
type ShadowSpec = Schemas['EndpointShadowSpec'];

const numberField = (spec: string, key: string, raw: string | undefined, min: number): number | undefined => {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min) throw new InvalidArgumentError(`${key} in "${spec}" must be a number of at least ${min}.`);
  return value;
};

/** `--variant name=blue,version=1,type=ml.g5.2xlarge,count=1,weight=90` (repeatable), as the API's variant. */
function variantOption(value: string, previous: VariantSpec[] = []): VariantSpec[] {
  const f = fields(['name', 'version', 'alias', 'type', 'count', 'weight'])(value);
  if (!f.name) throw new InvalidArgumentError(`A variant needs name=..., got "${value}".`);
  const version = numberField(value, 'version', f.version, 1);
  const count = numberField(value, 'count', f.count, 1);
  const weight = numberField(value, 'weight', f.weight, 0);
  const variant: VariantSpec = {
    name: f.name,
    ...(version !== undefined ? { version } : {}),
    ...(f.alias !== undefined ? { alias: f.alias } : {}),
    ...(f.type !== undefined ? { instanceType: f.type } : {}),
    ...(count !== undefined ? { instanceCount: count } : {}),
    ...(weight !== undefined ? { weight } : {}),
  };
  return [...previous, variant];
}

/** `--shadow version=2,type=ml.g5.2xlarge,count=1,sampling=20[,name=...]`, as the API's shadow. */
function shadowOption(value: string): ShadowSpec {
  const f = fields(['name', 'version', 'alias', 'type', 'count', 'sampling'])(value);
  const version = numberField(value, 'version', f.version, 1);
  const count = numberField(value, 'count', f.count, 1);
  const sampling = numberField(value, 'sampling', f.sampling, 1);
  return {
    ...(f.name !== undefined ? { name: f.name } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(f.alias !== undefined ? { alias: f.alias } : {}),
    ...(f.type !== undefined ? { instanceType: f.type } : {}),
    ...(count !== undefined ? { instanceCount: count } : {}),
    ...(sampling !== undefined ? { samplingPercent: sampling } : {}),
  };
}

const variantHelp = 'a production variant: name=...,version=N|alias=...,type=ml....,count=N,weight=W (repeat for each; A/B)';
const shadowHelp = 'a shadow variant: version=N|alias=...,type=ml....,count=N,sampling=PERCENT[,name=...]';

export function endpointsCommand(): Command {
  const endpoints = new Command('endpoints').description('Endpoints: versions served on SageMaker instances');

  endpoints
    .command('list')
    .description('List endpoints (every page)')
    .action(async (_options: object, command: Command) => {
      const context = contextOf(command);
      const items = await context.client.endpoints.list({ limit: 100 }).toArray();
      if (context.output === 'json') return printJson(items);
      printText(
        formatTable(
          ['NAME', 'STATUS', 'MODEL', 'VERSION', 'INSTANCE TYPE', 'INSTANCES', 'GPU %', 'UPDATED'],
          items.map((e) => [
            e.name,
            e.status,
            e.model,
            e.alias ? `${e.version} (${e.alias})` : e.version,
            e.instanceType,
            instances(e),
            e.health?.gpuUtilization?.toFixed(1),
            formatTime(e.updatedAt),
          ]),
        ),
      );
    });

  endpoints
    .command('get <name>')
    .description('Show an endpoint (--wait: until it settles)')
    .addOption(waitOption())
    .action(async (name: string, options: { wait?: boolean }, command: Command) => {
      const context = contextOf(command);
      const endpoint = options.wait ? await settled(context, name) : await context.client.endpoints.get(name);
      show(context, endpoint);
    });

  scheduleOptions(endpoints.command('create'))
    .description('Serve a version (by number or alias) on GPU instances')
    .requiredOption('--name <name>', 'the endpoint name')
    .requiredOption('--model <model>', 'the model to serve')
    .option('--version <version>', 'the version to serve', integer(1))
    .option('--alias <alias>', 'the alias whose version to serve, resolved now')
    .option('--instance-type <type>', 'a GPU instance type (see catalog instance-types)')
    .option('--count <count>', 'instances to start with (default 1)', integer(1))
    .option('--variant <spec>', `${variantHelp}; instead of --version/--alias/--instance-type/--count`, variantOption)
    .option('--shadow <spec>', shadowHelp, shadowOption)
    .addOption(waitOption())
    .action(
      async (
        options: {
          name: string;
          model: string;
          version?: number;
          alias?: string;
          instanceType?: string;
          count?: number;
          variant?: VariantSpec[];
          shadow?: ShadowSpec;
          wait?: boolean;
        } & ScheduleOptions,
        command: Command,
      ) => {
        const context = contextOf(command);
        const single = [options.version, options.alias, options.instanceType, options.count].some((v) => v !== undefined);
        if (options.variant && single) throw new CliError('Give --variant or --version/--alias/--instance-type/--count, not both.', exitCodes.usage);
        let served: { version: number; instanceType: string } | { alias: string; instanceType: string } | { variants: VariantSpec[] };
        if (options.variant) served = { variants: options.variant };
        else {
          if ((options.version === undefined) === (options.alias === undefined)) {
            throw new CliError('Give exactly one of --version and --alias (or --variant).', exitCodes.usage);
          }
          if (options.instanceType === undefined) throw new CliError('Give --instance-type (or --variant).', exitCodes.usage);
          served =
            options.version !== undefined
              ? { version: options.version, instanceType: options.instanceType }
              : { alias: options.alias!, instanceType: options.instanceType };
        }
        const created = await context.client.endpoints.create({
          name: options.name,
          model: options.model,
          ...served,
          ...(options.count !== undefined ? { instanceCount: options.count } : {}),
          ...(options.shadow ? { shadow: options.shadow } : {}),
          ...scheduleFields(options),
        });
        show(context, options.wait ? await settled(context, created.name) : created);
      },
    );

  endpoints
    .command('scale')
    .description('Change the instance count in place (no new fleet)')
    .argument('<name>')
    .argument('<count>', 'the new instance count', integer(1))
    .addOption(waitOption())
    .action(async (name: string, count: number, options: { wait?: boolean }, command: Command) => {
      const context = contextOf(command);
      const updated = await context.client.endpoints.update(name, { instanceCount: count });
      show(context, options.wait ? await settled(context, name) : updated);
    });

  scheduleOptions(endpoints.command('update <name>'))
    .description('Roll to another instance type or version, set the rollout strategy, or change autoscaling')
    .option('--instance-type <type>', 'roll the fleet to this instance type')
    .option('--version <version>', 'roll out this version of the model', integer(1))
    .option('--alias <alias>', 'roll out the version this alias of the model points at')
    .addOption(new Option('--strategy <strategy>', 'how traffic moves to the new fleet').choices(['allAtOnce', 'canary', 'linear']))
    .option('--step-percent <percent>', 'traffic share of the canary or of each linear step', integer(1))
    .option('--wait-seconds <seconds>', 'seconds to watch the alarms after each shift', integer(0))
    .option('--min <count>', 'autoscaling: the fewest instances', integer(1))
    .option('--max <count>', 'autoscaling: the most instances', integer(1))
    .addOption(new Option('--target-metric <metric>', 'autoscaling: the metric to track').choices(['concurrentRequests', 'invocationsPerInstance']))
    .option('--target-value <value>', 'autoscaling: the value to hold per instance', positiveNumber)
    .option('--no-autoscaling', 'turn autoscaling off')
    .option(
      '--variant <spec>',
      `${variantHelp}; every variant the endpoint is to have (one left out is removed; an existing one keeps what is not given)`,
      variantOption,
    )
    .option('--shadow <spec>', `${shadowHelp} (an existing shadow keeps what is not given)`, shadowOption)
    .option('--no-shadow', 'remove the shadow variant')
    .option('--no-pause-schedule', 'remove the pause schedule')
    .option('--no-resume-schedule', 'remove the resume schedule')
    .option('--no-idle-pause', 'never pause the endpoint for being idle')
    .addOption(waitOption())
    .action(async (name: string, options: UpdateOptions, command: Command) => {
      const context = contextOf(command);
      const patch = await updateRequest(context, name, options);
      const updated = await context.client.endpoints.update(name, patch);
      show(context, options.wait ? await settled(context, name) : updated);
    });

  endpoints
    .command('promote <name> <variant>')
    .description('Make one variant (or the shadow) take all traffic and remove the others')
    .addOption(waitOption())
    .action(async (name: string, variant: string, options: { wait?: boolean }, command: Command) => {
      const context = contextOf(command);
      const promoted = await context.client.endpoints.promote(name, { variant });
      show(context, options.wait ? await settled(context, name) : promoted);
    });

  endpoints
    .command('delete <name>')
    .description('Delete an endpoint with its configs, scaling target and alarms')
    .addOption(new Option('--wait', 'wait until the endpoint is gone'))
    .action(async (name: string, options: { wait?: boolean }, command: Command) => {
      const context = contextOf(command);
      const deleting = await context.client.endpoints.delete(name);
      if (options.wait) {
        await watch({
          ...endpointWatch(context, name),
          what: `deletion of endpoint ${name}`,
          wait: (o) => context.client.endpoints.waitUntilDeleted(name, o),
        });
      }
      // JSON: the endpoint as the DELETE answered it (status deleting), with or without --wait.
      if (context.output === 'json') return printJson(deleting);
      printText(options.wait ? `Deleted endpoint ${name}.` : `Deleting endpoint ${name} (${context.command(`endpoints get ${name}`)} to follow it).`);
    });

  endpoints
    .command('pause <name>')
    .description('Pause a running endpoint: its SageMaker endpoint goes (no instances, no cost), its definition stays')
    .action(async (name: string, _options: object, command: Command) => {
      const context = contextOf(command);
      const paused = await context.client.endpoints.pause(name);
      if (context.output === 'json') return printJson(paused);
      printText(`Paused endpoint ${name} (${context.command(`endpoints resume ${name}`)} brings it back).`);
    });

  endpoints
    .command('resume <name>')
    .description('Recreate a paused endpoint from its kept definition (same version, instance type, count and autoscaling)')
    .addOption(waitOption())
    .action(async (name: string, options: { wait?: boolean }, command: Command) => {
      const context = contextOf(command);
      const resumed = await context.client.endpoints.resume(name);
      show(context, options.wait ? await settled(context, name) : resumed);
    });

  return endpoints;
}

/**
 * `--pause-cron` / `--resume-cron` with `--timezone`, and `--idle-pause-minutes`: the schedule
 * and idle pause fields of a create or PATCH body.
 */
const scheduleOptions = (command: Command): Command =>
  command
    .option('--pause-cron <cron>', 'pause on this schedule (five-field cron, week days by name, e.g. "0 19 * * MON-FRI")')
    .option('--resume-cron <cron>', 'resume on this schedule (e.g. "0 7 * * MON-FRI")')
    .option('--timezone <zone>', 'the IANA time zone of the schedules (default UTC)')
    .option('--idle-pause-minutes <minutes>', 'pause once no invocation came for this many minutes (15 to 10080)', integer(15));

interface ScheduleOptions {
  pauseCron?: string;
  resumeCron?: string;
  timezone?: string;
  idlePauseMinutes?: number;
}

function scheduleFields(options: ScheduleOptions): {
  pauseSchedule?: EndpointSchedule;
  resumeSchedule?: EndpointSchedule;
  idlePause?: { afterMinutes: number };
} {
  const timezone = options.timezone ?? 'UTC';
  return {
    ...(options.pauseCron !== undefined ? { pauseSchedule: { cron: options.pauseCron, timezone } } : {}),
    ...(options.resumeCron !== undefined ? { resumeSchedule: { cron: options.resumeCron, timezone } } : {}),
    ...(options.idlePauseMinutes !== undefined ? { idlePause: { afterMinutes: options.idlePauseMinutes } } : {}),
  };
}

interface UpdateOptions extends ScheduleOptions {
  instanceType?: string;
  version?: number;
  alias?: string;
  strategy?: Strategy;
  stepPercent?: number;
  waitSeconds?: number;
  min?: number;
  max?: number;
  targetMetric?: ScalingMetric;
  targetValue?: number;
  /** false with --no-autoscaling (commander's negatable option; true otherwise). */
  autoscaling: boolean;
  variant?: VariantSpec[];
  /** The spec with --shadow, false with --no-shadow, true otherwise. */
  shadow: ShadowSpec | boolean;
  /** false with --no-pause-schedule / --no-resume-schedule / --no-idle-pause. */
  pauseSchedule: boolean;
  resumeSchedule: boolean;
  idlePause: boolean;
  wait?: boolean;
}

/** The PATCH body; autoscaling flags given alone are merged with the endpoint's current settings. */
async function updateRequest(context: Context, name: string, options: UpdateOptions): Promise<UpdateEndpointRequest> {
  const patch: UpdateEndpointRequest = {};
  if (options.instanceType !== undefined) patch.instanceType = options.instanceType;
  if (options.version !== undefined && options.alias !== undefined) throw new CliError('Give at most one of --version and --alias.', exitCodes.usage);
  if (options.version !== undefined) patch.version = options.version;
  if (options.alias !== undefined) patch.alias = options.alias;
  if (options.variant) patch.variants = options.variant;
  if (options.shadow === false) patch.shadow = null;
  else if (typeof options.shadow === 'object') patch.shadow = options.shadow;
  if (options.strategy !== undefined) {
    patch.deployment = {
      strategy: options.strategy,
      ...(options.stepPercent !== undefined ? { stepPercent: options.stepPercent } : {}),
      ...(options.waitSeconds !== undefined ? { waitSeconds: options.waitSeconds } : {}),
    };
  } else if (options.stepPercent !== undefined || options.waitSeconds !== undefined) {
    throw new CliError('--step-percent and --wait-seconds go with --strategy.', exitCodes.usage);
  }
  const scalingFlags = [options.min, options.max, options.targetMetric, options.targetValue].some((v) => v !== undefined);
  if (!options.autoscaling) {
    if (scalingFlags) throw new CliError('--no-autoscaling cannot be combined with --min, --max or --target-*.', exitCodes.usage);
    patch.autoscaling = null;
  } else if (scalingFlags) {
    const current = (await context.client.endpoints.get(name)).autoscaling;
    const min = options.min ?? current?.minInstances;
    const max = options.max ?? current?.maxInstances;
    const metric = options.targetMetric ?? current?.target.metric;
    const value = options.targetValue ?? current?.target.value;
    if (min === undefined || max === undefined || metric === undefined || value === undefined) {
      throw new CliError(`${name} has no autoscaling yet: give --min, --max, --target-metric and --target-value.`, exitCodes.usage);
    }
    patch.autoscaling = { ...current, minInstances: min, maxInstances: max, target: { metric, value } };
  }
  Object.assign(patch, scheduleFields(options));
  if (!options.pauseSchedule) patch.pauseSchedule = null;
  if (!options.resumeSchedule) patch.resumeSchedule = null;
  if (!options.idlePause) {
    if (options.idlePauseMinutes !== undefined) throw new CliError('Give --idle-pause-minutes or --no-idle-pause, not both.', exitCodes.usage);
    patch.idlePause = null;
  }
  if (Object.keys(patch).length === 0) throw new CliError('Nothing to change: see `modelplane endpoints update --help`.', exitCodes.usage);
  return patch;
}

/** One line per variant (when there are several, or a shadow): version, type, instances and weight, current/desired. */
function variantLines(endpoint: Endpoint): [string, string][] {
  const variants = endpoint.variants ?? [];
  if (variants.length < 2 && !endpoint.shadow) return [];
  const lines: [string, string][] = variants.map((v) => [
    `VARIANT ${v.name}`,
    `version ${v.version} on ${v.instanceType}, instances ${v.instanceCount.current}/${v.instanceCount.desired}, weight ${v.weight.current}/${v.weight.desired}`,
  ]);
  const s = endpoint.shadow;
  if (s)
    lines.push([
      `SHADOW ${s.name}`,
      `version ${s.version} on ${s.instanceType}, instances ${s.instanceCount.current}/${s.instanceCount.desired}, sampling ${s.samplingPercent} %`,
    ]);
  return lines;
}

function instances(endpoint: Endpoint): string {
  return `${endpoint.instanceCount.current}/${endpoint.instanceCount.desired}`;
}

/** How an endpoint's progress reads: instances serving of those wanted, and its status. */
function endpointView(endpoint: Endpoint): ProgressView {
  const { current, desired } = endpoint.instanceCount;
  return {
    value: current,
    total: desired,
    text: `${endpoint.status} (SageMaker ${endpoint.sagemakerStatus}), instances ${current}/${desired}${endpoint.reason ? `: ${endpoint.reason}` : ''}`,
  };
}

function endpointWatch(context: Context, name: string) {
  return {
    resume: context.command(`endpoints get ${name} --wait`),
    pollIntervalMs: context.pollIntervalMs,
    view: endpointView,
    failure: (endpoint: Endpoint | undefined) =>
      `Endpoint ${name} is ${endpoint?.status ?? 'not settled'}${endpoint?.reason ? `: ${endpoint.reason.replace(/\.$/, '')}` : ''}.` +
      (endpoint?.status === 'updateFailed' ? ' It was rolled back and still serves the previous fleet.' : ''),
  };
}

/** Waits until the endpoint is running, with progress; resolves with it. */
function settled(context: Context, name: string): Promise<Endpoint> {
  return watch({ ...endpointWatch(context, name), what: `endpoint ${name}`, wait: (o) => context.client.endpoints.waitUntilSettled(name, o) });
}

function show(context: Context, endpoint: Endpoint): void {
  if (context.output === 'json') return printJson(endpoint);
  printText(
    formatFields([
      ['NAME', endpoint.name],
      ['STATUS', endpoint.reason ? `${endpoint.status}: ${endpoint.reason}` : endpoint.status],
      ['SAGEMAKER', `${endpoint.sagemakerStatus} (${endpoint.sagemakerEndpointName})`],
      ['MODEL', `${endpoint.model} version ${endpoint.version}${endpoint.alias ? ` (alias ${endpoint.alias})` : ''}`],
      ['INSTANCE TYPE', endpoint.instanceType],
      ['INSTANCES', `${instances(endpoint)} (current/desired)`],
      ...variantLines(endpoint),
      [
        'AUTOSCALING',
        endpoint.autoscaling
          ? `${endpoint.autoscaling.minInstances}..${endpoint.autoscaling.maxInstances} on ${endpoint.autoscaling.target.metric} = ${endpoint.autoscaling.target.value}`
          : 'off',
      ],
      ['DEPLOYMENT', endpoint.deployment?.strategy],
      ['IDLE PAUSE', endpoint.idlePause ? `after ${endpoint.idlePause.afterMinutes} minutes without invocations` : undefined],
      ['GPU %', endpoint.health?.gpuUtilization?.toFixed(1)],
      ['IN FLIGHT', endpoint.health?.concurrentRequests?.toFixed(1)],
      ['LOGS', endpoint.links.logs],
      ['UPDATED', formatTime(endpoint.updatedAt)],
    ]),
  );
}
