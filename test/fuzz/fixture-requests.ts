import fc from 'fast-check';
import { metricCatalog, metricNames } from '../../lambdas/metrics/catalog.js';
import { clockSkewMs, highResolutionPeriods, maxPointsPerSeries, retention } from '../../lambdas/metrics/rules.js';
import type { OperationSpec } from '../../lambdas/shared/http/operation-index.js';
import { openApiDocument } from '../../openapi/generated/spec.js';
import { arbitraryOf } from './schema-arbitrary.js';

/**
 * Requests valid by the spec that also name what exists (the suite's fixtures: a model with
 * versions, its alias `prod`, a running endpoint, a packaging job, weights with a config.json
 * in the artifact bucket) and keep the services' own rules (instance types that fit, autoscaling
 * bounds, metrics windows CloudWatch keeps), so they get past the services' checks and reach
 * their deeper paths. A share of each still breaks one rule (a type the weights do not fit, a
 * series that does not exist, a window too long for its period, ...): those explore the edges.
 */

export interface Fixtures {
  /** The tenant that owns every fixture. */
  tenant: string;
  model: string;
  /** Versions of `model` that exist: 1 and 2 at the start, then those the fuzz creates. */
  versions: number[];
  alias: string;
  endpoint: string;
  jobId: string;
  /** An s3:// prefix in the artifact bucket holding config.json, safetensors and a tokenizer. */
  weightsUri: string;
  artifactBucket: string;
  /** GET /v1/instance-types. */
  instanceTypes: string[];
  /** The fixture version's `sizing.fitsOn`. */
  fitsOn: string[];
  /** GET /v1/series. */
  series: string[];
}

export interface FixtureRequest {
  path: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
  kind: string;
  /** Wait for the fixture endpoint to be running first (else most updates meet 409 EndpointBusy). */
  settle?: boolean;
}

/** Serving images of the shapes ImageUri takes: a tag, a digest, both, a registry port. */
const imageUris = fc.oneof(
  fc.constantFrom(
    '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:fuzz',
    'ghcr.io/huggingface/text-generation-inference:3.0.1',
    'localhost:5000/modelplane/serving:v1',
  ),
  fc.stringMatching(/^[a-f0-9]{64}$/).map((digest) => `123456789012.dkr.ecr.us-west-2.amazonaws.com/serving/llm@sha256:${digest}`),
  fc
    .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/))
    .map(([repo, tag]) => `public.ecr.aws/${repo}:${tag}`),
);

// Label keys of the documented characters, 1 to 64 of them (the spec's x-key-pattern): fixture-built
// requests are valid by the spec; keys it refuses (a space, an empty key, 65 characters) are the
// invalid generators' and test/fuzz/defects.int.test.ts's to send.
const labelKey = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-zA-Z0-9_.:/=+@-]{1,20}$/) },
  { weight: 1, arbitrary: fc.constantFrom('k'.repeat(64), 'a', 'team/ml.eval:v=1+x@y-z') },
);
const labels = fc.dictionary(labelKey, fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('caf\u00e9', '\u05e9\u05dc\u05d5\u05dd', '\u{1F999}')), {
  maxKeys: 3,
});
const environment = fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/), fc.string({ maxLength: 40 }), { maxKeys: 3 });
const description = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('fine-tune r2 \u{1F999}', '\u202e\u05e9', 'd'.repeat(1024)));

/** Picks one of a list that may grow while the suite runs (deterministic for a seed and the same answers). */
function oneOfList<T>(list: () => readonly T[]): fc.Arbitrary<T> {
  return fc.nat().map((i) => {
    const items = list();
    return items[i % items.length]!;
  });
}

/** Drops the keys whose value is undefined (fc.option's none), so the body holds only what was chosen. */
function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

function autoscalingOf(count: { min: number; max: number }): fc.Arbitrary<{
  minInstances: number;
  maxInstances: number;
  target: { metric: string; value: number };
  scaleInCooldownSeconds?: number;
  scaleOutCooldownSeconds?: number;
}> {
  return fc
    .record({
      min: fc.integer(count),
      extra: fc.integer({ min: 0, max: 3 }),
      // Sometimes minInstances over maxInstances: a rule of the service (400), not of the schema.
      inverted: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      metric: fc.constantFrom('invocationsPerInstance', 'concurrentRequests'),
      value: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0.01, max: 100, noNaN: true })),
      inCooldown: fc.option(fc.integer({ min: 0, max: 3600 }), { nil: undefined }),
      outCooldown: fc.option(fc.integer({ min: 0, max: 3600 }), { nil: undefined }),
    })
    .map(({ min, extra, inverted, metric, value, inCooldown, outCooldown }) => ({
      minInstances: inverted ? min + 1 : min,
      maxInstances: inverted ? min : Math.min(100, min + extra),
      target: { metric, value },
      ...(inCooldown === undefined ? {} : { scaleInCooldownSeconds: inCooldown }),
      ...(outCooldown === undefined ? {} : { scaleOutCooldownSeconds: outCooldown }),
    }));
}

const deployment = fc.oneof(
  fc.record(
    { strategy: fc.constant('allAtOnce'), waitSeconds: fc.integer({ min: 0, max: 3600 }), rollbackOnAlarms: fc.boolean() },
    { requiredKeys: ['strategy'] },
  ),
  fc.record(
    {
      strategy: fc.constant('canary'),
      stepPercent: fc.integer({ min: 1, max: 50 }),
      waitSeconds: fc.integer({ min: 0, max: 600 }),
      rollbackOnAlarms: fc.boolean(),
    },
    { requiredKeys: ['strategy'] },
  ),
  // Linear steps under 10 % are a rule of the service (400), not of the schema: some of these break it.
  fc.record(
    { strategy: fc.constant('linear'), stepPercent: fc.integer({ min: 5, max: 50 }), waitSeconds: fc.integer({ min: 0, max: 600 }) },
    { requiredKeys: ['strategy'] },
  ),
);

/** Instance types: mostly ones the weights fit on, sometimes a CPU or burstable type (not in the catalog: 400). */
function instanceTypeOf(f: () => Fixtures): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: oneOfList(() => f().fitsOn) },
    { weight: 1, arbitrary: fc.constantFrom('ml.m5.xlarge', 'ml.t3.medium', 'ml.inf2.xlarge') },
  );
}

/** The fixture arbitraries of the operations whose schema-valid requests alone never get past the services' checks. */
export function fixtureRequests(
  f: () => Fixtures,
  uniqueName: (prefix: string) => string,
  operation: (id: string) => OperationSpec,
): Record<string, fc.Arbitrary<FixtureRequest>> {
  const parameterSchema = (id: string, name: string) => operation(id).parameters.find((p) => p.name === name)?.schema;

  const createPackagingJob = fc
    .record({
      source: fc.oneof(
        fc.record(
          {
            type: fc.constant('huggingface'),
            modelId: fc.oneof(
              fc.constantFrom('fuzz/tiny', 'meta-llama/Llama-3.1-8B-Instruct', 'Qwen/Qwen2.5-0.5B-Instruct'),
              fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}\/[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
            ),
            revision: fc.oneof(fc.constantFrom('main', 'v1.0', 'refs/pr/1'), fc.stringMatching(/^[a-f0-9]{40}$/)),
            tokenSecretArn: fc
              .constantFrom('aws', 'aws-cn')
              .map((partition) => `arn:${partition}:secretsmanager:us-east-1:123456789012:secret:modelplane/hf-token-AbCdEf`),
          },
          { requiredKeys: ['type', 'modelId'] },
        ),
        fc.constant(null).map(() => ({ type: 's3', uri: f().weightsUri })),
      ),
      model: fc.oneof(
        { weight: 5, arbitrary: fc.constant(null).map(() => f().model) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant('no-such-model') },
      ),
      series: fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: oneOfList(() => f().series) },
        { weight: 1, arbitrary: fc.constantFrom('gpt-9', 'LLAMA') },
      ),
      buildImage: fc.option(fc.boolean(), { nil: undefined }),
      register: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.boolean() }),
    })
    .map((body) => ({ path: {}, query: {}, body: defined(body), kind: 'fixture body' }));

  const version = oneOfList(() => f().versions.filter((v) => v <= 2));
  const createEndpoint = fc
    .record({
      name: fc.oneof(
        { weight: 5, arbitrary: fc.constant(null).map(() => uniqueName('fuzz-ce')) },
        { weight: 1, arbitrary: fc.constant(null).map(() => uniqueName('fuzz-ce-long').padEnd(63, 'x')) },
      ),
      model: fc.oneof({ weight: 8, arbitrary: fc.constant(null).map(() => f().model) }, { weight: 1, arbitrary: fc.constant('no-such-model') }),
      ref: fc.oneof(
        { weight: 4, arbitrary: version.map((v) => ({ version: v })) },
        { weight: 3, arbitrary: fc.constant(null).map(() => ({ alias: f().alias })) },
        { weight: 1, arbitrary: fc.constantFrom({ version: 9999 }, { alias: 'no-such-alias' }) },
      ),
      instanceType: instanceTypeOf(f),
      scaling: fc.oneof(
        { weight: 3, arbitrary: fc.record({ instanceCount: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }) },
        {
          weight: 2,
          arbitrary: autoscalingOf({ min: 1, max: 3 }).chain((autoscaling) =>
            // Mostly within the bounds; sometimes outside them (400).
            fc
              .oneof(
                { weight: 4, arbitrary: fc.integer({ min: Math.min(autoscaling.minInstances, autoscaling.maxInstances), max: autoscaling.maxInstances }) },
                { weight: 1, arbitrary: fc.integer({ min: 1, max: 8 }) },
              )
              .map((instanceCount) => ({ instanceCount, autoscaling })),
          ),
        },
      ),
      deployment: fc.option(deployment, { nil: undefined, freq: 2 }),
    })
    .map(({ name, model, ref, instanceType, scaling, deployment: d }) => ({
      path: {},
      query: {},
      body: defined({ name, model, ...ref, instanceType, ...scaling, deployment: d }),
      kind: 'fixture body',
    }));

  const updateEndpoint = fc
    .record({
      instanceCount: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 2 }),
      instanceType: fc.option(instanceTypeOf(f), { nil: undefined, freq: 2 }),
      ref: fc.oneof(
        { weight: 6, arbitrary: fc.constant({}) },
        { weight: 2, arbitrary: version.map((v) => ({ version: v })) },
        { weight: 1, arbitrary: fc.constant(null).map(() => ({ alias: f().alias })) },
        { weight: 1, arbitrary: fc.constantFrom({ version: 9999 }, { alias: 'no-such-alias' }, { version: 1, alias: 'prod' }) },
      ),
      autoscaling: fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: autoscalingOf({ min: 1, max: 2 }).map((a) => ({ ...a, maxInstances: Math.max(a.maxInstances, 3) })) },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
      deployment: fc.option(deployment, { nil: undefined, freq: 3 }),
      settle: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    })
    .map(({ ref, settle, ...rest }) => {
      const body = defined({ ...rest, ...ref });
      // At least one field (minProperties: 1): a deployment policy alone changes no fleet.
      return {
        path: { endpointName: f().endpoint },
        query: {},
        body: Object.keys(body).length > 0 ? body : { deployment: { strategy: 'allAtOnce' } },
        kind: 'fixture body',
        settle,
      };
    });

  const getEndpointMetrics = fc
    .record({
      metrics: fc.option(fc.uniqueArray(fc.constantFrom(...metricNames), { minLength: 1, maxLength: 4 }), { nil: undefined }),
      highResolutionOnly: fc.boolean(),
      // Which retention tier the window starts in, and where inside it.
      tier: fc.constantFrom(0, 0, 1, 1, 2, 3),
      startAt: fc.double({ min: 0, max: 1, noNaN: true }),
      span: fc.double({ min: 0, max: 1, noNaN: true }),
      coarser: fc.integer({ min: 1, max: 4 }),
      form: fc.constantFrom('window', 'window', 'window', 'startOnly', 'defaults'),
      stat: fc.option(
        arbitraryOf(openApiDocument, parameterSchema('getEndpointMetrics', 'stat')).map((v) => String(v as string)),
        { nil: undefined },
      ),
      perInstance: fc.option(fc.boolean(), { nil: undefined }),
      // The fixture endpoint serves one variant, `main`: named or not, read per variant or not.
      perVariant: fc.option(fc.boolean(), { nil: undefined }),
      variantMain: fc.boolean(),
      edge: fc.oneof(
        { weight: 8, arbitrary: fc.constant('none') },
        { weight: 1, arbitrary: fc.constantFrom('future end', 'start after end', 'too many points', 'too old', 'period 90') },
      ),
    })
    .map((q) => {
      const margin = 10 * 60_000;
      const now = Date.now();
      const form = q.edge === 'none' ? q.form : 'window';
      const metrics = q.highResolutionOnly ? (['concurrentRequests'] as const) : q.metrics;
      const highResolution = (metrics ?? metricNames).every((m) => metricCatalog[m].highResolution);
      // Where the window starts (inside the chosen retention tier, away from its edges) and how long it is.
      const tierIndex = form === 'defaults' ? 0 : q.tier;
      const tier = retention[tierIndex]!;
      const floor = tierIndex === 0 ? margin : retention[tierIndex - 1]!.keptMs + margin;
      const startAgo = form === 'defaults' ? 3600_000 : floor + q.startAt * (tier.keptMs - margin - floor);
      const spanMs = form === 'defaults' ? 3600_000 : form === 'startOnly' ? startAgo : Math.max(60_000, q.span * startAgo);
      // The finest period CloudWatch still keeps that far back, coarsened until the window holds at most 1,440 points.
      const fewest = spanMs / 1000 / maxPointsPerSeries;
      let period: number;
      if (tier.periodSeconds < 60 && highResolution && highResolutionPeriods.some((p) => p >= fewest)) {
        period = highResolutionPeriods.filter((p) => p >= fewest)[q.coarser % 2] ?? highResolutionPeriods[highResolutionPeriods.length - 1]!;
      } else {
        const base = Math.max(60, tier.periodSeconds);
        period = Math.min(86_400, Math.max(1, Math.ceil(fewest / base)) * base * (q.coarser === 4 && spanMs >= 4 * base * 1000 ? 2 : 1));
      }
      let start = new Date(now - startAgo);
      let end = new Date(now - startAgo + spanMs);
      switch (q.edge) {
        case 'future end':
          end = new Date(now + clockSkewMs + 30 * 60_000);
          break;
        case 'start after end':
          [start, end] = [end, start];
          break;
        case 'too many points':
          period = 60;
          start = new Date(now - (maxPointsPerSeries + 1) * 60_000 - 60_000);
          end = new Date(now - 60_000);
          break;
        case 'too old':
          start = new Date(now - 456 * 86_400_000);
          end = new Date(start.getTime() + 86_400_000);
          period = 3600;
          break;
        case 'period 90':
          period = 90;
          break;
      }
      const query: Record<string, string> = {
        ...(metrics ? { metrics: metrics.join(',') } : {}),
        ...(form === 'defaults' ? {} : { start: start.toISOString() }),
        ...(form === 'window' ? { end: end.toISOString() } : {}),
        // The default period (60) fits the default window; a high-resolution one is given.
        ...(form === 'defaults' && period === 60 ? {} : { period: String(period) }),
        ...(q.stat === undefined ? {} : { stat: q.stat }),
        ...(q.perInstance === undefined ? {} : { perInstance: String(q.perInstance) }),
        ...(q.perVariant === undefined ? {} : { perVariant: String(q.perVariant) }),
        ...(q.variantMain ? { variant: 'main' } : {}),
      };
      return { path: { endpointName: f().endpoint }, query, kind: q.edge === 'none' ? 'fixture query' : `fixture query, ${q.edge}` };
    });

  const createModelVersion = fc
    .oneof(
      {
        weight: 8,
        arbitrary: fc
          .record({
            modelDataUri: fc.oneof(
              { weight: 9, arbitrary: fc.constant(null).map(() => f().weightsUri) },
              { weight: 1, arbitrary: fc.constant(null).map(() => `s3://${f().artifactBucket}/fuzz-empty-prefix/`) },
              { weight: 1, arbitrary: fc.constant(null).map(() => `${f().weightsUri}config.json/`) },
              { weight: 1, arbitrary: fc.constant('s3://some-other-bucket/weights/') },
            ),
            imageUri: imageUris,
            environment: fc.option(environment, { nil: undefined }),
            series: fc.oneof(
              { weight: 3, arbitrary: fc.constant(undefined) },
              { weight: 3, arbitrary: oneOfList(() => f().series) },
              { weight: 1, arbitrary: fc.constant('gpt-9') },
            ),
            description: fc.option(description, { nil: undefined }),
            labels: fc.option(labels, { nil: undefined }),
            approval: fc.option(fc.constantFrom('approved', 'pendingManualApproval', 'rejected'), { nil: undefined }),
          })
          .map(defined),
      },
      // The fixture job is queued (409 PackagingJobNotSucceeded); another id does not exist (400).
      {
        weight: 1,
        arbitrary: fc
          .record({
            packagingJobId: fc.oneof(
              fc.constant(null).map(() => f().jobId),
              fc.constant('pj-0000000000'),
            ),
            description: fc.option(description, { nil: undefined }),
          })
          .map(defined),
      },
    )
    .map((body) => ({ path: { modelName: f().model }, query: {}, body, kind: 'fixture body' }));

  const updateModelVersion = fc
    .record({
      version: fc.oneof({ weight: 7, arbitrary: oneOfList(() => f().versions) }, { weight: 2, arbitrary: fc.constantFrom(9999, 2 ** 31) }),
      description: fc.option(description, { nil: undefined }),
      labels: fc.option(labels, { nil: undefined }),
      approval: fc.option(fc.constantFrom('approved', 'pendingManualApproval', 'rejected'), { nil: undefined }),
    })
    .map(({ version: v, approval, ...rest }) => {
      // Versions 1 and 2 are served by the fixture endpoint and the endpoint creates: they stay approved.
      const body = defined({ ...rest, approval: approval === undefined ? undefined : v <= 2 ? 'approved' : approval });
      return {
        path: { modelName: f().model, version: String(v) },
        query: {},
        body: Object.keys(body).length > 0 ? body : { description: 'fuzzed' },
        kind: 'fixture body',
      };
    });

  return { createPackagingJob, createEndpoint, updateEndpoint, getEndpointMetrics, createModelVersion, updateModelVersion };
}
