import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { awsErrorName, isEndpointInProgress } from '../shared/aws-errors.js';
import { ConflictError, NotFoundError, QuotaExceededError, ValidationError } from '../shared/errors.js';
import { endpointLogGroup, logGroupUrl } from '../shared/console-links.js';
import { NameTakenError, type Clock } from '../shared/ports.js';
import type {
  ConfigDescription,
  ConfigVariantDescription,
  EndpointRecord,
  EndpointScaling,
  EndpointState,
  EndpointStore,
  HealthReader,
  InvocationCounts,
  RollbackAlarms,
  SageMakerEndpoints,
  VariantState,
  Versions,
} from './ports.js';
import type {
  CreateEndpointRequest,
  Endpoint,
  EndpointShadow,
  EndpointVariant,
  ListPage,
  PromoteEndpointVariantRequest,
  UpdateEndpointRequest,
} from '../../core/api.js';
import { planCreate, planUpdate, primaryOf, wantedFleet, type CurrentFleet, type Resolved, type UpdatePlan, type WantedFleet } from './plan.js';
import { defaultDeployment, toDeploymentConfig, variantName } from './rules.js';
import { isBusy, toEndpointStatus } from './status.js';
import { applySchedules, scheduleChanges, scheduleView, withSchedules, type EndpointSchedules, type ScheduleKind } from './schedules.js';
import { idleDecision, idlePauseChange, idlePauseView, idleWindow, withIdlePause } from './idle.js';
import { isPaused, keptFleet, pauseRefusal, pausedView, planPause, planPausedUpdate, planResume, resumeRequest, type PausedRecord } from './pause.js';

/** The variant autoscaling is on: an endpoint's one production variant. */
const scalingVariant = (record: EndpointRecord): string => record.variants?.[0]?.name ?? variantName;

export interface EndpointDependencies {
  store: EndpointStore;
  sagemaker: SageMakerEndpoints;
  scaling: EndpointScaling;
  alarms: RollbackAlarms;
  versions: Versions;
  clock: Clock;
  /** Last GPU utilization and in-flight requests, for describe and list. */
  health: HealthReader;
  /** The Region the endpoints live in, for console links. */
  region: string;
  /** Pause and resume schedules (EventBridge Scheduler). */
  schedules: EndpointSchedules;
  /** Invocations per variant (CloudWatch), for the idle pause. */
  invocations: InvocationCounts;
}

/** An endpoint the idle check paused, and why. */
export interface IdlePaused {
  name: string;
  tenant: string;
  afterMinutes: number;
  reason: string;
}

/** What one pass of the idle check did: the endpoints it paused, and failures (an endpoint whose invocations could not be read is not paused). */
export interface IdleSweep {
  paused: IdlePaused[];
  failures: string[];
}

/**
 * GPU endpoints: create, describe, scale in place, roll to another instance type or version
 * with a blue/green deployment policy, autoscale, and delete with full clean-up. SageMaker is
 * the source of truth for status, fleet and counts; our record keeps the owner and the settings
 * we applied. Work that must wait for the endpoint to settle (autoscaling after a fleet change,
 * removing superseded configs, clean-up after delete) happens in `reconcile`, driven by
 * SageMaker's endpoint state-change events.
 */
export class EndpointService {
  constructor(private readonly deps: EndpointDependencies) {}

  private async own(tenant: string, name: string): Promise<EndpointRecord> {
    const record = await this.deps.store.get(name);
    if (!record || record.tenant !== tenant) throw new NotFoundError(`Endpoint ${name} does not exist.`, 'EndpointNotFound');
    return record;
  }

  /**
   * The record and SageMaker's state; an endpoint SageMaker no longer has is cleaned up and is a 404,
   * unless it is paused (its record is what there is: `paused` marks it).
   */
  private async ownWithState(
    tenant: string,
    name: string,
  ): Promise<{ record: EndpointRecord; state: EndpointState } | { record: PausedRecord; state: EndpointState | undefined; paused: true }> {
    const record = await this.own(tenant, name);
    const state = await this.deps.sagemaker.describeEndpoint(name);
    if (isPaused(record)) return { record, state, paused: true };
    if (!state) {
      await this.reconcile(name);
      throw new NotFoundError(`Endpoint ${name} does not exist.`, 'EndpointNotFound');
    }
    return { record, state };
  }

  /**
   * What the endpoint runs now, variant by variant: version and instance type from its config,
   * desired count and weight from SageMaker (the config's when SageMaker tells none), aliases from
   * the record's definition. The shadow's `weight` is SageMaker's; its sampling is that weight
   * relative to the production variant's.
   */
  private fleet(
    record: EndpointRecord,
    state: EndpointState,
    config: ConfigDescription | undefined,
  ): { fleet: CurrentFleet; views: EndpointVariant[]; shadow?: EndpointShadow } {
    const single = record.variants === undefined;
    const variant = (described: ConfigVariantDescription | undefined, live: VariantState | undefined, name: string) => {
      const definition = [...(record.variants ?? []), ...(record.shadow ? [record.shadow] : [])].find((d) => d.name === name);
      // A config already removed (the endpoint is going) is told by the record's definition.
      const version = described ? this.deps.versions.versionOf(record.model, described.modelName ?? '') : definition?.version;
      const instanceType = described?.instanceType ?? definition?.instanceType ?? '';
      const alias = definition ? (definition.version === version ? definition.alias : undefined) : single ? record.alias : undefined;
      const desiredCount = live?.desiredInstanceCount ?? described?.instanceCount ?? 0;
      const desiredWeight = live?.desiredWeight ?? described?.weight ?? 1;
      return {
        current: {
          name,
          version,
          ...(alias ? { alias } : {}),
          instanceType: described?.instanceType ?? '',
          instanceCount: desiredCount,
          weight: desiredWeight,
        },
        view: {
          name,
          version: version ?? 1,
          ...(alias ? { alias } : {}),
          instanceType,
          instanceCount: { current: live?.currentInstanceCount ?? 0, desired: desiredCount },
          weight: { current: live?.currentWeight ?? described?.weight ?? 1, desired: desiredWeight },
        },
      };
    };
    const names =
      state.variants.length > 0
        ? state.variants.map((v, i) => v.name ?? config?.variants[i]?.name ?? variantName)
        : (config?.variants ?? []).map((v) => v.name);
    const production = names.map((name, i) =>
      variant(
        config?.variants.find((v) => v.name === name),
        state.variants.find((v) => v.name === name) ?? (state.variants.length === 0 ? undefined : state.variants[i]),
        name,
      ),
    );
    const shadowName = state.shadow?.name ?? config?.shadow?.name;
    if (!shadowName) return { fleet: { variants: production.map((p) => p.current) }, views: production.map((p) => p.view) };
    const shadow = variant(config?.shadow, state.shadow, shadowName);
    const base = production[0]?.current.weight ?? 1;
    const samplingPercent = base > 0 ? Math.min(100, Math.max(0, Math.round((shadow.current.weight / base) * 100))) : 0;
    const { weight: _weight, ...shadowView } = shadow.view;
    return {
      fleet: { variants: production.map((p) => p.current), shadow: { ...shadow.current, samplingPercent } },
      views: production.map((p) => p.view),
      shadow: { ...shadowView, samplingPercent },
    };
  }

  /** The API's view; `described` is the current config when the caller has just read it. */
  private async view(record: EndpointRecord, state: EndpointState, described?: ConfigDescription): Promise<Endpoint> {
    const config = described ?? (await this.deps.sagemaker.describeConfig(state.configName));
    const { views, shadow } = this.fleet(record, state, config);
    const primary = primaryOf(views.map((v) => ({ ...v, weight: v.weight.desired })));
    const autoscaling = record.pendingAutoscaling === undefined ? record.autoscaling : (record.pendingAutoscaling ?? undefined);
    return {
      name: record.name,
      status: toEndpointStatus(state.status, state.failureReason),
      ...(state.failureReason ? { reason: state.failureReason } : {}),
      sagemakerStatus: state.status,
      sagemakerEndpointName: record.name,
      model: record.model,
      version: primary?.version ?? 1,
      ...(primary?.alias ? { alias: primary.alias } : {}),
      instanceType: primary?.instanceType ?? '',
      instanceCount: primary?.instanceCount ?? { current: 0, desired: 0 },
      ...(autoscaling ? { autoscaling } : {}),
      ...(record.deployment ? { deployment: record.deployment } : {}),
      variants: views,
      ...(shadow ? { shadow } : {}),
      ...scheduleView(record),
      ...idlePauseView(record),
      links: { logs: logGroupUrl(this.deps.region, endpointLogGroup(record.name)) },
      createdAt: record.createdAt,
      updatedAt: new Date(Math.max(Date.parse(record.updatedAt), state.lastModified.getTime())).toISOString(),
    };
  }

  /** Resolves the version of every variant of a wanted fleet, at once. */
  private async resolveFleet(tenant: string, model: string, fleet: WantedFleet): Promise<{ variants: Resolved[]; shadow?: Resolved }> {
    const [variants, shadow] = await Promise.all([
      Promise.all(fleet.variants.map((v) => this.deps.versions.resolve(tenant, model, v.ref))),
      fleet.shadow ? this.deps.versions.resolve(tenant, model, fleet.shadow.ref) : Promise.resolve(undefined),
    ]);
    return { variants, ...(shadow ? { shadow } : {}) };
  }

  private busy(name: string, state: Pick<EndpointState, 'status' | 'failureReason'>, action: string): ConflictError {
    const currentStatus = toEndpointStatus(state.status, state.failureReason);
    return new ConflictError('EndpointBusy', `Endpoint ${name} is ${currentStatus}; ${action} when it is running.`, { currentStatus });
  }

  async create(tenant: string, input: CreateEndpointRequest): Promise<Endpoint> {
    const { idlePause, ...fleetInput } = input;
    const schedules = scheduleChanges(fleetInput);
    const idle = idlePauseChange(idlePause);
    const wanted = wantedFleet({ variants: [] }, fleetInput);
    const resolved = await this.resolveFleet(tenant, input.model, wanted.fleet);
    const planned = planCreate(tenant, fleetInput, wanted, resolved, this.deps.clock.now());
    if ('problems' in planned || schedules.problems.length > 0 || idle.problems.length > 0) {
      throw new ValidationError([...('problems' in planned ? planned.problems : []), ...schedules.problems, ...idle.problems]);
    }
    const { config } = planned;
    const record: EndpointRecord = withIdlePause(withSchedules(planned.record, schedules.changes), idle.change);
    try {
      await this.deps.store.create(record);
    } catch (error) {
      if (!(error instanceof NameTakenError)) throw error;
      throw error.owner === tenant
        ? new ConflictError('EndpointAlreadyExists', `Endpoint ${input.name} already exists.`)
        : new ConflictError(
            'EndpointNameUnavailable',
            `The name ${input.name} is not available: endpoint names are unique in the account. Choose another name.`,
          );
    }
    try {
      await this.deps.sagemaker.createConfig(config);
      await this.deps.sagemaker.createEndpoint(input.name, config.name, config.tags);
      await applySchedules(this.deps.schedules, input.name, schedules.changes);
    } catch (error) {
      await this.removeSchedules(input.name).catch(() => undefined);
      await this.undoCreate(record, config.name);
      throw await this.createError(error, input.name);
    }
    const state = await this.deps.sagemaker.describeEndpoint(input.name);
    if (!state) throw new Error(`Endpoint ${input.name} vanished right after it was created`);
    return this.view(record, state);
  }

  /**
   * Leaves nothing of a create that failed half-way: no endpoint, no config, no record. A call
   * that timed out may have been made all the same, so the endpoint goes too if it runs our
   * config (never one of that name that is not ours). When the clean-up itself fails (AWS still
   * unreachable) the record stays, marked deleting, with its config: the sweep (or the next
   * read) finishes the clean-up once AWS answers (`reconcile`).
   */
  private async undoCreate(record: EndpointRecord, configName: string): Promise<void> {
    const { sagemaker, store } = this.deps;
    const steps = await Promise.allSettled([
      (async () => {
        const state = await sagemaker.describeEndpoint(record.name);
        if (state?.configName === configName) await sagemaker.deleteEndpoint(record.name);
      })(),
      sagemaker.deleteConfig(configName),
    ]);
    if (steps.every((step) => step.status === 'fulfilled')) await store.delete(record.name);
    else await store.put({ ...record, deleting: true }, record.updatedAt).catch(() => undefined);
  }

  /**
   * SageMaker's refusals of a change as our errors: a quota (400 QuotaExceeded on the instance
   * type) and a change that lost the race to another (SageMaker's "Cannot update in-progress
   * endpoint": 409 EndpointBusy with the status the winner put it in).
   */
  private async createError(error: unknown, name: string, action = 'change it'): Promise<unknown> {
    if (awsErrorName(error) === 'ResourceLimitExceeded') {
      return new QuotaExceededError(
        `The account's quota stops endpoint ${name}: ${(error as Error).message}. Ask for a quota increase (Service Quotas, "for endpoint usage") or choose another instance type.`,
        [{ path: '/body/instanceType', message: 'needs more instances of this type than the account quota allows' }],
        { cause: error },
      );
    }
    if (isEndpointInProgress(error)) {
      const state = await this.deps.sagemaker.describeEndpoint(name).catch(() => undefined);
      const busy = this.busy(name, state ?? { status: 'Updating' }, action);
      return new ConflictError(busy.code, busy.message, busy.extensions(), { cause: error });
    }
    return error;
  }

  async get(tenant: string, name: string): Promise<Endpoint> {
    const found = await this.ownWithState(tenant, name);
    if ('paused' in found) return pausedView(found.record, found.state, this.deps.region);
    const { record, state } = found;
    const [view] = await this.withHealth([await this.view(record, state)]);
    return view!;
  }

  /** Adds the last health figures to views, all of them from one metrics call. */
  private async withHealth(views: Endpoint[]): Promise<Endpoint[]> {
    const health = await this.deps.health.lastHealth(views.map((v) => ({ name: v.name, instanceType: v.instanceType })));
    return views.map((view) => {
      const figures = health.get(view.name);
      return figures && Object.keys(figures).length > 0 ? { ...view, health: figures } : view;
    });
  }

  async list(tenant: string, limit: number, nextToken?: string): Promise<ListPage<Endpoint>> {
    const scope = `endpoints:${tenant}`;
    const page = await this.deps.store.list(tenant, limit, decodeCursor(scope, nextToken));
    const views = await Promise.all(
      page.items.map(async (record) => {
        const state = await this.deps.sagemaker.describeEndpoint(record.name);
        if (isPaused(record)) return pausedView(record, state, this.deps.region);
        if (!state) {
          await this.reconcile(record.name);
          return undefined;
        }
        return this.view(record, state);
      }),
    );
    const next = encodeCursor(scope, page.next);
    const items = await this.withHealth(views.filter((v): v is Endpoint => v !== undefined));
    return { items, ...(next ? { nextToken: next } : {}) };
  }

  /**
   * Promotes one variant, or the shadow, to take all traffic: the others and the shadow go, in
   * one rollout (a change of the variant set, so all at once; see planUpdate).
   */
  async promote(tenant: string, name: string, input: PromoteEndpointVariantRequest): Promise<Endpoint> {
    return this.updateFleet(tenant, name, (current) => {
      const shadow = current.shadow;
      if (shadow?.name === input.variant) {
        const version = shadow.version !== undefined ? { version: shadow.version } : {};
        return {
          variants: [{ name: shadow.name, ...version, instanceType: shadow.instanceType, instanceCount: shadow.instanceCount, weight: 1 }],
          shadow: null,
        };
      }
      if (current.variants.some((v) => v.name === input.variant))
        return { variants: [{ name: input.variant, weight: 1 }], ...(shadow ? { shadow: null } : {}) };
      const names = [...current.variants.map((v) => v.name), ...(shadow ? [`${shadow.name} (shadow)`] : [])];
      throw new ValidationError([{ path: '/body/variant', message: `endpoint ${name} has no variant ${input.variant}; its variants are ${names.join(', ')}` }]);
    });
  }

  /**
   * PATCH: the schedule and idle pause fields are checked first, then the fleet change (if any)
   * is made, then the schedules and the idle pause; a change of those alone works in any status.
   */
  async update(tenant: string, name: string, input: UpdateEndpointRequest): Promise<Endpoint> {
    const { pauseSchedule, resumeSchedule, idlePause, ...fleetChange } = input;
    const schedules = scheduleChanges({ pauseSchedule, resumeSchedule });
    const idle = idlePauseChange(idlePause);
    if (schedules.problems.length > 0 || idle.problems.length > 0) throw new ValidationError([...schedules.problems, ...idle.problems]);
    const settings = Object.keys(schedules.changes).length > 0 || idle.change !== undefined;
    const answer = Object.keys(fleetChange).length > 0 || !settings ? await this.updateFleet(tenant, name, fleetChange) : undefined;
    if (!settings && answer) return answer;
    const record = await this.own(tenant, name);
    const next = withIdlePause(withSchedules({ ...record, updatedAt: this.deps.clock.now().toISOString() }, schedules.changes), idle.change);
    await this.deps.store.put(next, record.updatedAt);
    try {
      await applySchedules(this.deps.schedules, name, schedules.changes);
    } catch (error) {
      await this.deps.store.put(record, next.updatedAt).catch(() => undefined);
      throw error;
    }
    const { pauseSchedule: _pause, resumeSchedule: _resume, idlePause: _idle, ...view } = answer ?? (await this.get(tenant, name));
    return { ...view, ...scheduleView(next), ...idlePauseView(next) };
  }

  /** Changes the fleet as `input` asks (or as it asks given what the endpoint runs now). */
  private async updateFleet(
    tenant: string,
    name: string,
    input: UpdateEndpointRequest | ((current: CurrentFleet) => UpdateEndpointRequest),
  ): Promise<Endpoint> {
    const found = await this.ownWithState(tenant, name);
    if ('paused' in found) {
      const request = typeof input === 'function' ? input(keptFleet(found.record.paused)) : input;
      return this.updatePaused(tenant, found.record, found.state, request);
    }
    const { record, state } = found;
    if (record.deleting || isBusy(state.status)) throw this.busy(name, state, 'change it');
    if (state.status === 'Failed') {
      throw new ConflictError('EndpointFailed', `Endpoint ${name} failed (${state.failureReason ?? 'no reason given'}); delete it and create it again.`, {
        currentStatus: 'failed',
      });
    }
    // The fleet it runs now: its current config's versions and types, and SageMaker's desired counts and weights.
    const config = await this.deps.sagemaker.describeConfig(state.configName);
    const { fleet: current } = this.fleet(record, state, config);
    const request = typeof input === 'function' ? input(current) : input;
    const wanted = wantedFleet(current, request);
    const resolved = await this.resolveFleet(tenant, record.model, wanted.fleet);
    const planned = planUpdate(record, current, wanted, resolved, request, this.deps.clock.now());
    if ('problems' in planned) throw new ValidationError(planned.problems);
    const { plan } = planned;
    // Nothing to do: the answer is the endpoint as this request found it.
    if (plan.kind === 'unchanged') return this.view(record, state, config);
    // Claim the change first: the record lands only if nothing changed it since it was read
    // (else 409 EndpointChanged, and nothing was asked of SageMaker), so of concurrent changes
    // only the one that claimed it is made.
    await this.deps.store.put(plan.next, record.updatedAt);
    try {
      await this.apply(record, current, plan);
    } catch (error) {
      // Not made: put the record back, unless another change has claimed it since.
      await this.deps.store.put(record, plan.next.updatedAt).catch(() => undefined);
      throw await this.createError(error, name);
    }
    const after = await this.deps.sagemaker.describeEndpoint(name);
    return this.view(plan.next, after ?? state);
  }

  /**
   * Makes the planned change in SageMaker and Application Auto Scaling. A change that fails
   * half-way is undone as far as it went: autoscaling as it was, no new config.
   */
  private async apply(record: EndpointRecord, current: CurrentFleet, plan: Exclude<UpdatePlan, { kind: 'unchanged' }>): Promise<void> {
    const name = record.name;
    // Autoscaling exists only on an endpoint's one production variant (planUpdate's rule).
    const scaled = current.variants[0]?.name ?? variantName;
    const restoreScaling = async () => {
      if (record.autoscaling) await this.deps.scaling.apply(name, record.autoscaling, scaled);
      else await this.deps.scaling.remove(name, scaled);
    };
    if (plan.kind === 'inPlace') {
      if (plan.autoscaling === null) await this.deps.scaling.remove(name, scaled);
      else if (plan.autoscaling) await this.deps.scaling.apply(name, plan.autoscaling, scaled);
      if (plan.changes.length > 0) {
        try {
          await this.deps.sagemaker.updateWeightsAndCapacities(name, plan.changes);
        } catch (error) {
          if (plan.autoscaling !== undefined) await restoreScaling().catch(() => undefined);
          throw error;
        }
      }
      return;
    }
    if (plan.deregisterScaling) await this.deps.scaling.remove(name, scaled);
    try {
      const rollback = plan.guardrails && (plan.next.deployment?.rollbackOnAlarms ?? defaultDeployment.rollbackOnAlarms);
      const alarms = rollback
        ? await this.deps.alarms.ensure(
            name,
            plan.config.variants.map((v) => v.name),
          )
        : [];
      await this.deps.sagemaker.createConfig(plan.config);
      await this.deps.sagemaker.updateEndpoint(name, plan.config.name, plan.guardrails ? toDeploymentConfig(plan.next.deployment, alarms) : undefined);
    } catch (error) {
      // A config SageMaker made despite an error (a timeout) goes too: it is ours and unused.
      await this.deps.sagemaker.deleteConfig(plan.config.name).catch(() => undefined);
      if (plan.deregisterScaling && record.autoscaling) await this.deps.scaling.apply(name, record.autoscaling, scaled).catch(() => undefined);
      throw error;
    }
  }

  async delete(tenant: string, name: string): Promise<Endpoint> {
    const found = await this.ownWithState(tenant, name);
    if ('paused' in found) return this.deletePaused(found.record, found.state);
    const { record, state } = found;
    if (state.status === 'Deleting') return this.view(record, state);
    if (isBusy(state.status)) throw this.busy(name, state, 'delete it');
    // Read before the delete: once the endpoint is gone, its configs go too (reconcile).
    const described = await this.deps.sagemaker.describeConfig(state.configName);
    if (record.autoscaling || record.pendingAutoscaling) await this.deps.scaling.remove(name, scalingVariant(record));
    try {
      await this.deps.sagemaker.deleteEndpoint(name);
    } catch (error) {
      throw await this.createError(error, name, 'delete it');
    }
    const next: EndpointRecord = { ...record, deleting: true, updatedAt: this.deps.clock.now().toISOString() };
    await this.deps.store.put(next, record.updatedAt);
    const after = await this.deps.sagemaker.describeEndpoint(name);
    if (!after) {
      await this.reconcile(name);
      return this.view(next, { ...state, status: 'Deleting' }, described);
    }
    return this.view(next, after, described);
  }

  /**
   * The periodic sweep: reconciles every endpoint we manage (AWS may send no event once a
   * deleting endpoint is gone, so this is what finally removes its configs, alarms and record),
   * pauses those idle for their `idlePause`, and counts them by status. One endpoint's failure
   * does not stop the others.
   */
  async sweep(): Promise<{ counts: Record<string, number>; total: number; failures: string[]; idlePaused: IdlePaused[] }> {
    const counts: Record<string, number> = {};
    const failures: string[] = [];
    const idlePaused: IdlePaused[] = [];
    let total = 0;
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.listAll(cursor);
      for (const record of page.items) {
        try {
          await this.reconcile(record.name);
          const state = await this.deps.sagemaker.describeEndpoint(record.name);
          if (await this.pauseIfIdle(record, state, idlePaused, failures)) {
            counts.paused = (counts.paused ?? 0) + 1;
            total += 1;
            continue;
          }
          if (!state && isPaused(record)) {
            counts.paused = (counts.paused ?? 0) + 1;
            total += 1;
          }
          if (!state) continue;
          const status = toEndpointStatus(state.status, state.failureReason);
          counts[status] = (counts[status] ?? 0) + 1;
          total += 1;
        } catch (error) {
          failures.push(`${record.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      cursor = page.next;
    } while (cursor);
    return { counts, total, failures, idlePaused };
  }

  /**
   * The idle check alone (the local control plane runs it on its own, as it runs no sweep):
   * pauses every endpoint whose `idlePause` says it is idle.
   */
  async idleSweep(): Promise<IdleSweep> {
    const paused: IdlePaused[] = [];
    const failures: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.listAll(cursor);
      for (const record of page.items) {
        if (!record.idlePause || isPaused(record)) continue;
        try {
          await this.pauseIfIdle(record, await this.deps.sagemaker.describeEndpoint(record.name), paused, failures);
        } catch (error) {
          failures.push(`${record.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      cursor = page.next;
    } while (cursor);
    return { paused, failures };
  }

  /**
   * Pauses the endpoint, through `pause`, when idle.ts says it is idle; answers whether it did.
   * Invocations that cannot be read are a failure and no pause; a pause refused meanwhile (a
   * change started, the endpoint went) is no failure: the next check looks again.
   */
  private async pauseIfIdle(record: EndpointRecord, state: EndpointState | undefined, paused: IdlePaused[], failures: string[]): Promise<boolean> {
    const now = this.deps.clock.now();
    const planned = idleWindow(record, state, now);
    if ('keep' in planned) return false;
    const { window } = planned;
    let invocations: number | undefined;
    try {
      invocations = await this.deps.invocations.sum(record.name, window.variants, window.start, window.end);
    } catch (error) {
      failures.push(`${record.name}: idle check: ${error instanceof Error ? error.message : String(error)}`);
    }
    const decision = idleDecision(record, state, invocations, now);
    if (!decision.pause) return false;
    try {
      await this.pause(record.tenant, record.name);
    } catch (error) {
      if (error instanceof ConflictError || error instanceof NotFoundError) return false;
      throw error;
    }
    paused.push({ name: record.name, tenant: record.tenant, afterMinutes: record.idlePause!.afterMinutes, reason: decision.reason });
    return true;
  }

  /**
   * Brings our side in line once SageMaker has settled: applies autoscaling that waited for
   * the endpoint to be in service, removes configs the endpoint no longer uses (never the one in
   * use), and after a delete removes configs, alarms and the record. Safe to run any time.
   */
  async reconcile(name: string): Promise<void> {
    const record = await this.deps.store.get(name);
    if (!record) return;
    const state = await this.deps.sagemaker.describeEndpoint(name);
    // A paused endpoint's SageMaker endpoint is gone by design: only its configs go, the record stays.
    if (!state && isPaused(record) && !record.deleting) return this.settlePaused(record);
    if (!state) {
      await this.deps.scaling.remove(name, scalingVariant(record));
      for (const config of record.configs) await this.deps.sagemaker.deleteConfig(config);
      await this.deps.alarms.remove(record.alarms);
      await this.removeSchedules(name);
      await this.deps.store.delete(name);
      return;
    }
    if (isBusy(state.status)) return;
    if (record.deleting) {
      // A delete (or the undo of a failed create) that did not reach SageMaker: ask again, for an endpoint running one of our configs.
      if (record.configs.includes(state.configName)) await this.deps.sagemaker.deleteEndpoint(name);
      return;
    }
    if (isPaused(record)) {
      // A pause whose DeleteEndpoint did not reach SageMaker: ask again.
      if (record.configs.includes(state.configName)) await this.deps.sagemaker.deleteEndpoint(name);
      return;
    }
    const next: EndpointRecord = { ...record };
    if (state.status === 'InService' && record.pendingAutoscaling !== undefined) {
      if (record.pendingAutoscaling === null) {
        await this.deps.scaling.remove(name, scalingVariant(record));
        delete next.autoscaling;
      } else {
        await this.deps.scaling.apply(name, record.pendingAutoscaling, scalingVariant(record));
        next.autoscaling = record.pendingAutoscaling;
      }
      delete next.pendingAutoscaling;
    }
    // Only configs older than the one in use are superseded (the list is oldest first): a newer one
    // belongs to a rollout that may not have reached SageMaker yet (an update claims the record before
    // it calls UpdateEndpoint), and deleting it then would leave the endpoint on a config that is gone.
    // A newer one left by a failed rollout goes with the next rollout that succeeds, or with the delete.
    const inUse = record.configs.indexOf(state.configName);
    const superseded = inUse < 0 ? [] : record.configs.slice(0, inUse);
    for (const config of superseded) await this.deps.sagemaker.deleteConfig(config);
    next.configs = record.configs.slice(Math.max(inUse, 0));
    // Housekeeping keeps updatedAt: a caller's concurrent change (which checks it) still wins,
    // and whatever this pass did is idempotent and redone by the next one.
    if (superseded.length > 0 || next.pendingAutoscaling !== record.pendingAutoscaling) await this.deps.store.put(next, record.updatedAt);
  }

  // ------------------------------------------------------------------ pause and resume (pause.ts decides)

  /**
   * Pauses a running endpoint: claims the record (it keeps what the endpoint runs, and a
   * concurrent change loses), then removes its autoscaling target, its alarms and its SageMaker
   * endpoint; the reconcile removes its configs once SageMaker has deleted it. A failure before
   * DeleteEndpoint went through puts everything back. Pausing a paused endpoint answers it as it is.
   */
  async pause(tenant: string, name: string): Promise<Endpoint> {
    const found = await this.ownWithState(tenant, name);
    if ('paused' in found) return pausedView(found.record, found.state, this.deps.region);
    const { record, state } = found;
    if (record.deleting) throw this.busy(name, { status: 'Deleting' }, 'pause it');
    const refusal = pauseRefusal(name, state);
    if (refusal) throw refusal;
    const config = await this.deps.sagemaker.describeConfig(state.configName);
    const { fleet } = this.fleet(record, state, config);
    const next = planPause(record, fleet, this.deps.clock.now());
    await this.deps.store.put(next, record.updatedAt);
    try {
      if (record.autoscaling || record.pendingAutoscaling) await this.deps.scaling.remove(name);
      await this.deps.alarms.remove(record.alarms);
      await this.deps.sagemaker.deleteEndpoint(name);
    } catch (error) {
      if (record.autoscaling) await this.deps.scaling.apply(name, record.autoscaling).catch(() => undefined);
      await this.deps.store.put(record, next.updatedAt).catch(() => undefined);
      throw await this.createError(error, name, 'pause it');
    }
    const after = await this.deps.sagemaker.describeEndpoint(name);
    if (!after) await this.reconcile(name);
    return pausedView(next, after, this.deps.region);
  }

  /**
   * Recreates a paused endpoint from its record on a new config (same version, instance type and
   * count; autoscaling applied once in service). The record is claimed first, as an update's is;
   * a failure half-way removes what was made and puts the paused record back. Resuming an
   * endpoint that is not paused answers it as it is.
   */
  async resume(tenant: string, name: string): Promise<Endpoint> {
    const found = await this.ownWithState(tenant, name);
    if (!('paused' in found)) return this.view(found.record, found.state);
    const { record, state } = found;
    if (record.deleting) throw this.busy(name, { status: 'Deleting' }, 'resume it');
    if (state) {
      throw new ConflictError(
        'EndpointPausing',
        `Endpoint ${name} is still pausing: SageMaker is deleting its endpoint (${state.status}); resume it once that is done.`,
        { currentStatus: 'paused' },
      );
    }
    const wanted = wantedFleet({ variants: [] }, resumeRequest(record));
    const resolved = await this.resolveFleet(tenant, record.model, wanted.fleet);
    const { next, config } = planResume(record, wanted, resolved, this.deps.clock.now());
    await this.deps.store.put(next, record.updatedAt);
    try {
      await this.deps.sagemaker.createConfig(config);
      await this.deps.sagemaker.createEndpoint(name, config.name, config.tags);
    } catch (error) {
      await this.undoResume(record, next, config.name);
      throw await this.createError(error, name, 'resume it');
    }
    const after = await this.deps.sagemaker.describeEndpoint(name);
    if (!after) throw new Error(`Endpoint ${name} vanished right after it was resumed`);
    return this.view(next, after);
  }

  /** A resume that failed half-way: no endpoint on our new config, no new config, the paused record back (unless another change claimed it). */
  private async undoResume(record: PausedRecord, next: EndpointRecord, configName: string): Promise<void> {
    const { sagemaker, store } = this.deps;
    const state = await sagemaker.describeEndpoint(record.name).catch(() => undefined);
    const endpointGone = state?.configName === configName ? sagemaker.deleteEndpoint(record.name).then(() => true) : Promise.resolve(true);
    const steps = await Promise.allSettled([endpointGone, sagemaker.deleteConfig(configName)]);
    // A config that could not be deleted stays listed in the paused record, for its reconcile.
    const kept = steps.every((step) => step.status === 'fulfilled') ? record : { ...record, configs: next.configs };
    await store.put(kept, next.updatedAt).catch(() => undefined);
  }

  /** PATCH of a paused endpoint changes the kept definition only (pause.ts). */
  private async updatePaused(tenant: string, record: PausedRecord, state: EndpointState | undefined, input: UpdateEndpointRequest): Promise<Endpoint> {
    if (record.deleting) throw this.busy(record.name, { status: 'Deleting' }, 'change it');
    const wanted = wantedFleet(keptFleet(record.paused), input);
    const resolved = await this.resolveFleet(tenant, record.model, wanted.fleet);
    const planned = planPausedUpdate(record, wanted, resolved, input, this.deps.clock.now());
    if ('problems' in planned) throw new ValidationError(planned.problems);
    if (planned.next !== record) await this.deps.store.put(planned.next, record.updatedAt);
    return pausedView(planned.next, state, this.deps.region);
  }

  /** DELETE of a paused endpoint: nothing runs in SageMaker, so the reconcile removes its leftovers and the record now (or once SageMaker has finished deleting). */
  private async deletePaused(record: PausedRecord, state: EndpointState | undefined): Promise<Endpoint> {
    const next: PausedRecord = { ...record, deleting: true, updatedAt: this.deps.clock.now().toISOString() };
    if (!record.deleting) await this.deps.store.put(next, record.updatedAt);
    if (!state) await this.reconcile(record.name);
    return pausedView(next, state, this.deps.region);
  }

  /** Once SageMaker has deleted a paused endpoint: its configs go (and any autoscaling target a racing reconcile registered). */
  private async settlePaused(record: PausedRecord): Promise<void> {
    await this.deps.scaling.remove(record.name);
    for (const config of record.configs) await this.deps.sagemaker.deleteConfig(config);
    if (record.configs.length > 0) await this.deps.store.put({ ...record, configs: [] }, record.updatedAt);
  }

  // ------------------------------------------------------------------ schedules (schedules.ts decides)

  private async removeSchedules(name: string): Promise<void> {
    await applySchedules(this.deps.schedules, name, { pause: null, resume: null });
  }

  /**
   * A schedule's pause or resume (EventBridge Scheduler invokes the endpoint events handler with
   * it): made as its owner would make it. An endpoint that is not in a state to take it, or is
   * gone, is left as it is: the answer says so, and nothing is retried.
   */
  async scheduled(action: ScheduleKind, name: string): Promise<{ done: boolean; reason?: string }> {
    const record = await this.deps.store.get(name);
    if (!record) return { done: false, reason: `endpoint ${name} does not exist` };
    if (action === 'pause' ? isPaused(record) : !isPaused(record))
      return { done: false, reason: `endpoint ${name} is ${isPaused(record) ? 'already paused' : 'not paused'}` };
    try {
      await (action === 'pause' ? this.pause(record.tenant, name) : this.resume(record.tenant, name));
      return { done: true };
    } catch (error) {
      if (error instanceof ConflictError || error instanceof NotFoundError) return { done: false, reason: error.message };
      throw error;
    }
  }
}
