#!/usr/bin/env node
/**
 * The CDK app: reads and validates the deploy configuration from CDK context, composes the
 * stack, and runs the cdk-nag AwsSolutions checks on everything (an unsuppressed finding
 * fails `cdk synth`). See docs/deploy.md.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DeployConfigError, readDeployConfig } from '../lib/deploy-config.js';
import { ModelplaneStack } from '../lib/modelplane-stack.js';

const app = new App();

let config;
try {
  config = readDeployConfig(app.node);
} catch (error) {
  if (!(error instanceof DeployConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

new ModelplaneStack(app, `${config.namePrefix}-${config.stage}`, {
  ...config,
  description: `modelplane control plane (${config.stage})`,
  // Environment-agnostic unless the CLI knows the account and Region (it does when it has
  // credentials); nothing here looks anything up, so synth works offline.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  tags: { 'modelplane:stage': config.stage },
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
