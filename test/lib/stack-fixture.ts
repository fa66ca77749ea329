import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ModelplaneStack, type ModelplaneStackProps } from '../../lib/modelplane-stack.js';
import { projectRoot } from '../../lib/project-paths.js';

/** The context of cdk.json (the feature flags `cdk synth` runs with). */
export function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
}

export interface SynthesizedStack {
  readonly app: App;
  readonly stack: ModelplaneStack;
  readonly template: Template;
}

/**
 * Builds the stack the way bin/modelplane.ts does, with cdk.json's context. `bundle: false`
 * skips esbuild (the asset is a placeholder) for suites that do not look at the code.
 */
export function synthesizeStack(props: Partial<ModelplaneStackProps> = {}, options: { bundle?: boolean } = {}): SynthesizedStack {
  const context: Record<string, unknown> = { ...cdkJsonContext() };
  if (options.bundle === false) context['aws:cdk:bundling-stacks'] = [];
  const app = new App({ context });
  const stack = new ModelplaneStack(app, 'modelplane-test', { stage: 'test', namePrefix: 'modelplane', auth: 'cognito', allowedOrigins: [], ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

/** The AwsSolutions findings nobody acknowledged, as `rule at construct path` lines. */
export function unacknowledgedFindings(app: App, severity: 'error' | 'warning'): string[] {
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return report.violations
    .filter((violation) => violation.severity === severity)
    .flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`));
}
