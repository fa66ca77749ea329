import { isDeepStrictEqual } from 'node:util';
import type { Autoscaling, CreateEndpointRequest, EndpointShadowSpec, EndpointVariantSpec, UpdateEndpointRequest } from '../../core/api.js';
import { findInstanceType } from '../../core/catalog/instance-types.js';
import { TenantTagKey } from '../../core/env-names.js';
import type { FieldError } from '../shared/errors.js';
import type { ConfigSpec, ConfigVariantSpec, EndpointRecord, ServableVersion, ShadowDefinition, VariantChange, VariantDefinition } from './ports.js';
import { alarmNames, defaultDeployment, endpointConfigName, scalingProblems, shadowVariantName, timeoutsFor, variantName } from './rules.js';

/** Every problem with serving `version` on `instanceType`, at `base` in the request. */
export function servingProblems(version: ServableVersion, instanceType: string, base: string, versionField: string): FieldError[] {
  const problems: FieldError[] = [];
  if (version.approval !== 'approved') {
    problems.push({
      path: `${base}/${versionField}`,
      message: `version ${version.version} of ${version.model} is ${version.approval}; only approved versions are served`,
    });
  }
  const type = findInstanceType(instanceType);
  if (!type) {
    problems.push({
      path: `${base}/instanceType`,
      message: `${instanceType} is not a GPU instance type this deployment serves on; GET /v1/instance-types lists them`,
    });
  } else if (!version.fitsOn.includes(instanceType)) {
    const fits = version.fitsOn.slice(0, 6);
    problems.push({
      path: `${base}/instanceType`,
      message:
        `version ${version.version} of ${version.model} needs ${version.minGpuMemoryGiB} GiB of GPU memory; ${instanceType} has ${type.gpuMemoryGiB} GiB. ` +
        (fits.length === 0
          ? 'No instance type in the catalog is large enough.'
          : `It fits on ${fits.join(', ')}${version.fitsOn.length > fits.length ? ` and ${version.fitsOn.length - fits.length} larger types` : ''}.`),
    });
  }
  return problems;
}

export function missingProblem(missing: 'model' | 'version' | 'alias', base: string, input: { model: string; version?: number; alias?: string }): FieldError {
  switch (missing) {
    case 'model':
      return { path: `${base}/model`, message: `model ${input.model} does not exist` };
    case 'version':
      return { path: `${base}/version`, message: `model ${input.model} has no version ${input.version}` };
    case 'alias':
      return { path: `${base}/alias`, message: `model ${input.model} has no alias ${input.alias}` };
  }
}

/** A version as resolved for a variant: servable, or the reason it cannot be found. */
export type Resolved = ServableVersion | { missing: 'model' | 'version' | 'alias' };

/** The shadow's SageMaker weight: a share of the production variant's (samplingPercent of its traffic is copied). */
export function shadowWeight(productionWeight: number, samplingPercent: number): number {
  return (productionWeight * samplingPercent) / 100;
}

function configVariant(name: string, version: ServableVersion, fleet: { instanceType: string; instanceCount: number }, weight: number): ConfigVariantSpec {
  return {
    name,
    modelName: version.sagemakerModelName,
    instanceType: fleet.instanceType,
    instanceCount: fleet.instanceCount,
    weight,
    ...timeoutsFor(version.weightBytes),
  };
}

/**
 * The one endpoint config builder, for create and for every rollout: each variant's version on its
 * fleet with its weight, and the shadow, with the endpoint's tags (`modelplane:version` is the
 * version of the variant with the largest weight).
 */
export function configSpec(
  endpoint: string,
  tenant: string,
  model: string,
  variants: readonly { definition: VariantDefinition; version: ServableVersion }[],
  shadow: { definition: ShadowDefinition; version: ServableVersion } | undefined,
  now: Date,
): ConfigSpec {
  const primary = primaryOf(variants.map((v) => v.definition))!;
  const production = variants.map(({ definition, version }) => configVariant(definition.name, version, definition, definition.weight));
  return {
    name: endpointConfigName(endpoint, now),
    variants: production,
    ...(shadow
      ? {
          shadow: configVariant(
            shadow.definition.name,
            shadow.version,
            shadow.definition,
            shadowWeight(production[0]!.weight, shadow.definition.samplingPercent),
          ),
        }
      : {}),
    tags: { [TenantTagKey]: tenant, 'modelplane:model': model, 'modelplane:version': String(primary.version) },
  };
}

/** The variant with the largest weight (the first of equals): what the single-version fields show. */
export function primaryOf<T extends { weight: number }>(variants: readonly T[]): T | undefined {
  return variants.reduce<T | undefined>((best, v) => (best === undefined || v.weight > best.weight ? v : best), undefined);
}

/** A variant the endpoint runs now, from SageMaker's state and its current config (desired counts and weights). */
export interface CurrentVariant {
  name: string;
  version: number | undefined;
  alias?: string;
  instanceType: string;
  instanceCount: number;
  weight: number;
}

/** What the endpoint runs now; the shadow's `weight` is SageMaker's. */
export interface CurrentFleet {
  variants: CurrentVariant[];
  shadow?: CurrentVariant & { samplingPercent: number };
}

/** A variant as the request asks for it, before its version is resolved; `base` is where problems point. */
export interface WantedVariant {
  name: string;
  ref: { version?: number; alias?: string };
  alias?: string;
  instanceType: string;
  instanceCount: number;
  weight: number;
  base: string;
}

export interface WantedShadow extends Omit<WantedVariant, 'weight'> {
  samplingPercent: number;
}

export interface WantedFleet {
  variants: WantedVariant[];
  shadow?: WantedShadow;
}

const singleFields = ['version', 'alias', 'instanceType', 'instanceCount'] as const;

function refOf(spec: { version?: number; alias?: string }): { version?: number; alias?: string } | undefined {
  if (spec.alias !== undefined) return { alias: spec.alias };
  if (spec.version !== undefined) return { version: spec.version };
  return undefined;
}

/** A variant of a request's `variants` (or its `shadow`), filled in from the one of that name it has now. */
function wantedFrom(
  spec: Omit<EndpointVariantSpec, 'weight' | 'name'> & { name: string },
  now: CurrentVariant | undefined,
  base: string,
  problems: FieldError[],
): Omit<WantedVariant, 'weight'> {
  if (spec.version !== undefined && spec.alias !== undefined) problems.push({ path: `${base}/alias`, message: 'give at most one of version and alias' });
  const given = refOf(spec);
  if (!now && !given) problems.push({ path: `${base}/version`, message: `variant ${spec.name} is new: give its version or alias` });
  if (!now && spec.instanceType === undefined) problems.push({ path: `${base}/instanceType`, message: `variant ${spec.name} is new: give its instanceType` });
  const kept =
    !given && now ? { ref: { ...(now.version !== undefined ? { version: now.version } : {}) }, ...(now.alias ? { alias: now.alias } : {}) } : undefined;
  return {
    name: spec.name,
    ...(kept ?? { ref: given ?? {}, ...(given?.alias !== undefined ? { alias: given.alias } : {}) }),
    instanceType: spec.instanceType ?? now?.instanceType ?? '',
    instanceCount: spec.instanceCount ?? now?.instanceCount ?? 1,
    base,
  };
}

function keep(variant: CurrentVariant, base: string): WantedVariant {
  return {
    name: variant.name,
    ref: variant.version !== undefined ? { version: variant.version } : {},
    ...(variant.alias ? { alias: variant.alias } : {}),
    instanceType: variant.instanceType,
    instanceCount: variant.instanceCount,
    weight: variant.weight,
    base,
  };
}

/**
 * The fleet a create or update asks for, from the request and what the endpoint runs now (empty
 * for a create): `variants` (all of them; existing ones keep what is not given), or the
 * single-version fields on the one variant, or the variants as they are; `shadow` added, changed,
 * removed (`null`) or kept. Says every problem the request has on its own.
 */
export function wantedFleet(current: CurrentFleet, input: CreateEndpointRequest | UpdateEndpointRequest): { fleet: WantedFleet; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const single = singleFields.filter((field) => input[field] !== undefined);
  let variants: WantedVariant[];
  if (input.variants) {
    for (const field of single)
      problems.push({
        path: `/body/${field}`,
        message: 'give either variants or the single-version fields (version, alias, instanceType, instanceCount), not both',
      });
    variants = input.variants.map((spec, i) => {
      const base = `/body/variants/${i}`;
      const now = current.variants.find((v) => v.name === spec.name);
      return { ...wantedFrom(spec, now, base, problems), weight: spec.weight ?? now?.weight ?? 1 };
    });
    const seen = new Set<string>();
    variants.forEach((v, i) => {
      if (seen.has(v.name)) problems.push({ path: `/body/variants/${i}/name`, message: `variant name ${v.name} is used twice; names are unique` });
      seen.add(v.name);
    });
    if (variants.every((v) => v.weight === 0)) problems.push({ path: '/body/variants', message: 'at least one variant needs a weight above 0' });
  } else if (single.length > 0 && current.variants.length > 1) {
    problems.push({
      path: `/body/${single[0]}`,
      message: `the endpoint serves ${current.variants.length} variants (${current.variants.map((v) => v.name).join(', ')}); change them with variants`,
    });
    variants = current.variants.map((v, i) => keep(v, `/body/variants/${i}`));
  } else if (single.length > 0 || current.variants.length === 0) {
    if (input.version !== undefined && input.alias !== undefined) problems.push({ path: '/body/alias', message: 'give at most one of version and alias' });
    const now = current.variants[0];
    const spec = { ...input, name: now?.name ?? variantName };
    variants = [{ ...wantedFrom(spec, now, '/body', []), weight: now?.weight ?? 1 }];
  } else {
    variants = current.variants.map((v, i) => keep(v, `/body/variants/${i}`));
  }

  let shadow: WantedShadow | undefined;
  if (input.shadow === undefined && current.shadow) shadow = { ...keep(current.shadow, '/body/shadow'), samplingPercent: current.shadow.samplingPercent };
  else if (input.shadow) shadow = wantedShadow(input.shadow, current.shadow, problems);
  if (shadow) {
    if (variants.length !== 1)
      problems.push({
        path: '/body/shadow',
        message: `a shadow needs exactly one production variant (SageMaker's rule); the endpoint would have ${variants.length}`,
      });
    if (variants.some((v) => v.name === shadow.name))
      problems.push({ path: '/body/shadow/name', message: `variant name ${shadow.name} is taken by a production variant; names are unique` });
  }
  return { fleet: { variants, ...(shadow ? { shadow } : {}) }, problems };
}

function wantedShadow(spec: EndpointShadowSpec, current: CurrentFleet['shadow'], problems: FieldError[]): WantedShadow {
  const name = spec.name ?? current?.name ?? shadowVariantName;
  const now = current?.name === name ? current : undefined;
  const samplingPercent = spec.samplingPercent ?? now?.samplingPercent;
  if (samplingPercent === undefined) problems.push({ path: '/body/shadow/samplingPercent', message: `shadow ${name} is new: give its samplingPercent` });
  return { ...wantedFrom({ ...spec, name }, now, '/body/shadow', problems), samplingPercent: samplingPercent ?? 0 };
}

/** Every problem with the versions the wanted fleet names; `changed` tells which variants must be checked for serving. */
function versionProblems(
  model: string,
  wanted: WantedFleet,
  resolved: { variants: Resolved[]; shadow?: Resolved },
  current: CurrentFleet,
  missingModelAs: 'model' | 'version',
): FieldError[] {
  const problems: FieldError[] = [];
  const check = (w: Omit<WantedVariant, 'weight'>, r: Resolved | undefined, now: CurrentVariant | undefined) => {
    if (!r) return;
    if (w.ref.version === undefined && w.ref.alias === undefined) {
      // A new variant was already told to give its version or alias; a kept one serves a model not ours.
      if (now) problems.push({ path: `${w.base}/version`, message: `variant ${w.name} serves a model that is not a version of ${model}; give its version` });
      return;
    }
    if ('missing' in r) {
      const missing = r.missing === 'model' ? missingModelAs : r.missing;
      problems.push(missingProblem(missing, missing === 'model' ? '/body' : w.base, { model, ...w.ref }));
    } else if (!now || now.version !== r.version || now.instanceType !== w.instanceType) {
      problems.push(...servingProblems(r, w.instanceType, w.base, w.ref.alias !== undefined ? 'alias' : 'version'));
    }
  };
  wanted.variants.forEach((w, i) =>
    check(
      w,
      resolved.variants[i],
      current.variants.find((c) => c.name === w.name),
    ),
  );
  if (wanted.shadow) check(wanted.shadow, resolved.shadow, current.shadow?.name === wanted.shadow.name ? current.shadow : undefined);
  return problems;
}

/** The rules of autoscaling and deployment on the wanted fleet, at the request's top level. */
function fleetScalingProblems(wanted: WantedFleet, autoscaling: Autoscaling | null | undefined, deployment: UpdateEndpointRequest['deployment']): FieldError[] {
  const problems: FieldError[] = [];
  const only = wanted.variants.length === 1 && !wanted.shadow ? wanted.variants[0] : undefined;
  if (autoscaling && !only) {
    problems.push({
      path: '/body/autoscaling',
      message: 'autoscaling is for endpoints with one production variant and no shadow; remove it (autoscaling: null) to serve several',
    });
  }
  problems.push(
    ...scalingProblems({
      instanceType: only?.instanceType ?? '',
      instanceCount: only?.instanceCount ?? 1,
      ...(autoscaling && only ? { autoscaling } : {}),
      ...(deployment ? { deployment } : {}),
    }),
  );
  return problems;
}

function definitions(
  wanted: WantedFleet,
  resolved: { variants: Resolved[]; shadow?: Resolved },
): { variants: { definition: VariantDefinition; version: ServableVersion }[]; shadow?: { definition: ShadowDefinition; version: ServableVersion } } {
  const served = (r: Resolved | undefined): ServableVersion => {
    if (!r || 'missing' in r) throw new Error('definitions of a fleet with problems');
    return r;
  };
  const variants = wanted.variants.map((w, i) => {
    const version = served(resolved.variants[i]);
    const definition: VariantDefinition = {
      name: w.name,
      version: version.version,
      ...(w.alias ? { alias: w.alias } : {}),
      instanceType: w.instanceType,
      instanceCount: w.instanceCount,
      weight: w.weight,
    };
    return { definition, version };
  });
  const s = wanted.shadow;
  if (!s) return { variants };
  const version = served(resolved.shadow);
  const definition: ShadowDefinition = {
    name: s.name,
    version: version.version,
    ...(s.alias ? { alias: s.alias } : {}),
    instanceType: s.instanceType,
    instanceCount: s.instanceCount,
    samplingPercent: s.samplingPercent,
  };
  return { variants, shadow: { definition, version } };
}

/** Plans a create: the record (with the full definition) and the config, or every problem. */
export function planCreate(
  tenant: string,
  input: CreateEndpointRequest,
  wanted: { fleet: WantedFleet; problems: FieldError[] },
  resolved: { variants: Resolved[]; shadow?: Resolved },
  now: Date,
): { record: EndpointRecord; config: ConfigSpec } | { problems: FieldError[] } {
  const empty: CurrentFleet = { variants: [] };
  const problems = [
    ...wanted.problems,
    ...versionProblems(input.model, wanted.fleet, resolved, empty, 'model'),
    ...fleetScalingProblems(wanted.fleet, input.autoscaling, input.deployment),
  ];
  if (problems.length > 0) return { problems };
  const defined = definitions(wanted.fleet, resolved);
  const config = configSpec(input.name, tenant, input.model, defined.variants, defined.shadow, now);
  const record: EndpointRecord = {
    name: input.name,
    tenant,
    model: input.model,
    ...(input.alias ? { alias: input.alias } : {}),
    variants: defined.variants.map((v) => v.definition),
    ...(defined.shadow ? { shadow: defined.shadow.definition } : {}),
    ...(input.deployment ? { deployment: input.deployment } : {}),
    ...(input.autoscaling ? { pendingAutoscaling: input.autoscaling } : {}),
    configs: [config.name],
    alarms: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  return { record, config };
}

/**
 * What an accepted update does, decided before anything changes:
 * - `rollout`: a new endpoint config (a variant added or removed, another instance type or
 *   version) through UpdateEndpoint. With the same variant names before and after
 *   (`guardrails`), under the endpoint's deployment policy and rollback alarms; otherwise
 *   SageMaker's deployment guardrails do not apply (they need the same variant names), and the
 *   new fleet takes all traffic once in service. An autoscaled variant changing type (or name)
 *   is deregistered first and its autoscaling re-applied once in service (`next.pendingAutoscaling`).
 * - `inPlace`: the same fleets, their weights and counts changed with
 *   UpdateEndpointWeightsAndCapacities (`changes`) and/or autoscaling set or removed, no new instances.
 * - `unchanged`: the endpoint already is what the request asks; nothing to call or store.
 * `next` is the endpoint record the change stores: it is written (conditionally) before the
 * change is made, so of two concurrent changes only the one whose record landed is made.
 */
export type UpdatePlan =
  | { kind: 'rollout'; next: EndpointRecord; config: ConfigSpec; deregisterScaling: boolean; guardrails: boolean }
  | { kind: 'inPlace'; next: EndpointRecord; changes: VariantChange[]; autoscaling?: Autoscaling | null }
  | { kind: 'unchanged'; next: EndpointRecord };

const variantNames = (fleet: { variants: readonly { name: string }[]; shadow?: { name: string } }) =>
  `${fleet.variants
    .map((v) => v.name)
    .sort()
    .join(',')}|${fleet.shadow?.name ?? ''}`;

const differs = (a: number, b: number) => Math.abs(a - b) > 1e-9;

/** The weight and count changes that take `current` to `wanted` in place (same variants, versions and types). */
function inPlaceChanges(current: CurrentFleet, wanted: WantedFleet): VariantChange[] {
  const changes: VariantChange[] = [];
  const change = (name: string, weight: [number, number], count: [number, number]) => {
    const c: VariantChange = {
      name,
      ...(differs(weight[0], weight[1]) ? { weight: weight[1] } : {}),
      ...(count[0] !== count[1] ? { instanceCount: count[1] } : {}),
    };
    if (c.weight !== undefined || c.instanceCount !== undefined) changes.push(c);
  };
  for (const w of wanted.variants) {
    const now = current.variants.find((v) => v.name === w.name)!;
    change(w.name, [now.weight, w.weight], [now.instanceCount, w.instanceCount]);
  }
  if (wanted.shadow && current.shadow) {
    const weight = shadowWeight(wanted.variants[0]!.weight, wanted.shadow.samplingPercent);
    change(wanted.shadow.name, [current.shadow.weight, weight], [current.shadow.instanceCount, wanted.shadow.instanceCount]);
  }
  return changes;
}

/** Plans an update of `record` from `current` to the `wanted` fleet (its versions `resolved`), or says every problem with it. */
export function planUpdate(
  record: EndpointRecord,
  current: CurrentFleet,
  wanted: { fleet: WantedFleet; problems: FieldError[] },
  resolved: { variants: Resolved[]; shadow?: Resolved },
  input: UpdateEndpointRequest,
  now: Date,
): { plan: UpdatePlan } | { problems: FieldError[] } {
  const fleet = wanted.fleet;
  const autoscaling =
    input.autoscaling === undefined ? (record.pendingAutoscaling === undefined ? record.autoscaling : record.pendingAutoscaling) : input.autoscaling;
  const reshaped = variantNames(current) !== variantNames(fleet);
  const problems = [
    ...wanted.problems,
    ...versionProblems(record.model, fleet, resolved, current, 'version'),
    ...fleetScalingProblems(fleet, autoscaling, input.deployment),
  ];
  const strategy = input.deployment?.strategy;
  if (reshaped && (strategy === 'canary' || strategy === 'linear')) {
    problems.push({
      path: '/body/deployment/strategy',
      message: `${strategy} traffic shifting needs the same variant names before and after (SageMaker's deployment guardrails); a change that adds or removes variants moves traffic all at once: use allAtOnce or make the change apart`,
    });
  }
  if (problems.length > 0) return { problems };
  const defined = definitions(fleet, resolved);

  const next: EndpointRecord = { ...record, updatedAt: now.toISOString() };
  if (input.deployment) next.deployment = input.deployment;
  if (input.alias !== undefined) next.alias = input.alias;
  else if (input.version !== undefined || input.variants) delete next.alias;
  next.variants = defined.variants.map((v) => v.definition);
  if (defined.shadow) next.shadow = defined.shadow.definition;
  else delete next.shadow;

  const refleeted = (w: { name: string; instanceType: string }, version: number, now: CurrentVariant | undefined) =>
    !now || now.version !== version || now.instanceType !== w.instanceType;
  const typeChanged = fleet.variants.some((w) => current.variants.find((c) => c.name === w.name)?.instanceType !== w.instanceType);
  const structural =
    reshaped ||
    fleet.variants.some((w, i) =>
      refleeted(
        w,
        defined.variants[i]!.version.version,
        current.variants.find((c) => c.name === w.name),
      ),
    ) ||
    (fleet.shadow !== undefined && refleeted(fleet.shadow, defined.shadow!.version.version, current.shadow));

  if (structural) {
    // An autoscaled variant cannot change instance type: deregister, update, re-register when in service
    // (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-delete.html); nor can its
    // scalable target outlive the variant's name. Autoscaling still pending may already be registered
    // (a reconcile that applied it can lose the record write to a concurrent change), so a pending
    // setting counts too; removing a target that is not there is a no-op.
    const deregisterScaling =
      (typeChanged || reshaped) && (record.autoscaling !== undefined || (record.pendingAutoscaling !== undefined && record.pendingAutoscaling !== null));
    if (deregisterScaling || input.autoscaling !== undefined) next.pendingAutoscaling = autoscaling ?? null;
    const config = configSpec(record.name, record.tenant, record.model, defined.variants, defined.shadow, now);
    next.configs = [...record.configs, config.name];
    const guardrails = !reshaped;
    // The rollback alarms are named by the endpoint and variant: the record names them before they are made.
    if (guardrails && (next.deployment?.rollbackOnAlarms ?? defaultDeployment.rollbackOnAlarms))
      next.alarms = [...new Set([...record.alarms, ...fleet.variants.flatMap((v) => Object.values(alarmNames(record.name, v.name)))])];
    return { plan: { kind: 'rollout', next, config, deregisterScaling, guardrails } };
  }
  if (input.autoscaling !== undefined) {
    delete next.pendingAutoscaling;
    if (input.autoscaling === null) delete next.autoscaling;
    else next.autoscaling = input.autoscaling;
  }
  const changes = inPlaceChanges(current, fleet);
  // A record from before variants gains its definition with its next change, not with a no-op.
  const settled = record.variants === undefined ? { ...next, variants: undefined, shadow: undefined } : next;
  const before = record.variants === undefined ? { ...record, variants: undefined, shadow: undefined } : record;
  if (changes.length === 0 && input.autoscaling === undefined && isDeepStrictEqual({ ...settled, updatedAt: record.updatedAt }, before)) {
    return { plan: { kind: 'unchanged', next: record } };
  }
  return { plan: { kind: 'inPlace', next, changes, ...(input.autoscaling === undefined ? {} : { autoscaling: input.autoscaling }) } };
}
