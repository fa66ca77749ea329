/**
 * What each handler area may call in AWS beyond its table and bucket bindings, least privilege
 * per area, with the cdk-nag acknowledgements of the wildcards that remain.
 */

import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { ModelplaneFunction } from './modelplane-function.js';
import { acknowledgeFindings, wildcardResourceFinding } from './nag.js';
import { DeploymentTagKey, TenantTagKey } from '../core/env-names.js';

/** ARNs of SageMaker resources of every name in the function's account and Region. */
function sagemakerArns(stack: Stack) {
  const arn = (resource: string, resourceName: string) =>
    stack.formatArn({ service: 'sagemaker', resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  return {
    modelPackageGroups: arn('model-package-group', '*'),
    // Versioned packages: model-package/{group}/{version}.
    modelPackages: arn('model-package', '*/*'),
    models: arn('model', '*'),
    endpoints: arn('endpoint', '*'),
    endpointConfigs: arn('endpoint-config', '*'),
  };
}

/** Describing endpoints and their configs (which model and instance type they serve). */
function grantReadEndpoints(fn: ModelplaneFunction, arns: ReturnType<typeof sagemakerArns>): void {
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ReadEndpoints',
      actions: ['sagemaker:DescribeEndpoint', 'sagemaker:DescribeEndpointConfig'],
      resources: [arns.endpoints, arns.endpointConfigs],
    }),
  );
}

/**
 * What the registry needs of SageMaker: model package groups and versioned model packages
 * (the Model Registry), SageMaker models (one per version), tags on all of them (the tenant
 * tag goes on at create), and reading endpoints and their configs to refuse deleting what is
 * served. Names come from API callers at run time, so resources are every name of each type
 * in this account and Region; List* calls support no resource-level permissions.
 */
export function grantModelRegistryAccess(fn: ModelplaneFunction): void {
  const arns = sagemakerArns(Stack.of(fn));
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ModelRegistry',
      actions: [
        'sagemaker:CreateModelPackageGroup',
        'sagemaker:DeleteModelPackageGroup',
        'sagemaker:CreateModelPackage',
        'sagemaker:DescribeModelPackage',
        'sagemaker:UpdateModelPackage',
        'sagemaker:DeleteModelPackage',
        'sagemaker:AddTags',
      ],
      resources: [arns.modelPackageGroups, arns.modelPackages],
    }),
  );
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'Models',
      actions: ['sagemaker:CreateModel', 'sagemaker:DeleteModel', 'sagemaker:AddTags'],
      resources: [arns.models],
    }),
  );
  grantReadEndpoints(fn, arns);
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ListRegistry',
      actions: ['sagemaker:ListModelPackages', 'sagemaker:ListEndpoints'],
      resources: ['*'],
    }),
  );

  acknowledgeFindings(
    fn.role,
    'Model, version and endpoint names come from API callers at run time, so each statement covers every name of one SageMaker resource type in this account and Region (the handlers filter by the tenant tag).',
    Object.values(arns).map((arn) => wildcardResourceFinding(fn, arn)),
  );
  acknowledgeFindings(fn.role, 'sagemaker:ListModelPackages and sagemaker:ListEndpoints support no resource-level permissions, so their resource is *.', [
    'AwsSolutions-IAM5[Resource::*]',
  ]);
}

/**
 * What the endpoints area needs: SageMaker endpoints and endpoint configs (create, describe,
 * update, delete, tag), reading model packages (to resolve versions), Application Auto Scaling
 * for the variants (with the service-linked role it creates on first use), and the CloudWatch
 * alarms that roll deployments back plus those target tracking creates. Endpoint names come
 * from API callers at run time.
 */
export function grantEndpointAccess(fn: ModelplaneFunction): void {
  const stack = Stack.of(fn);
  const arns = sagemakerArns(stack);
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'Endpoints',
      actions: [
        'sagemaker:CreateEndpointConfig',
        'sagemaker:DescribeEndpointConfig',
        'sagemaker:DeleteEndpointConfig',
        'sagemaker:CreateEndpoint',
        'sagemaker:DescribeEndpoint',
        'sagemaker:UpdateEndpoint',
        'sagemaker:UpdateEndpointWeightsAndCapacities',
        'sagemaker:DeleteEndpoint',
        'sagemaker:AddTags',
      ],
      resources: [arns.endpoints, arns.endpointConfigs],
    }),
  );
  fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadVersions', actions: ['sagemaker:DescribeModelPackage'], resources: [arns.modelPackages] }));
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'Autoscaling',
      actions: [
        'application-autoscaling:RegisterScalableTarget',
        'application-autoscaling:DeregisterScalableTarget',
        'application-autoscaling:DescribeScalableTargets',
        'application-autoscaling:PutScalingPolicy',
        'application-autoscaling:DeleteScalingPolicy',
        'application-autoscaling:DescribeScalingPolicies',
      ],
      resources: ['*'],
    }),
  );
  // https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html
  const autoscalingRole = stack.formatArn({
    service: 'iam',
    region: '',
    resource: 'role',
    resourceName: 'aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint',
  });
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'AutoscalingServiceLinkedRole',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [autoscalingRole],
      conditions: { StringLike: { 'iam:AWSServiceName': 'sagemaker.application-autoscaling.amazonaws.com' } },
    }),
  );
  const alarm = (name: string) => stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  const alarms = [alarm('modelplane-*'), alarm('TargetTracking-endpoint/*')];
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'Alarms',
      actions: ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms'],
      resources: alarms,
    }),
  );

  acknowledgeFindings(
    fn.role,
    'Endpoint names come from API callers at run time, so the statements cover every SageMaker endpoint, endpoint config and model package (read only) of this account and Region (the handlers filter by the tenant tag).',
    [arns.endpoints, arns.endpointConfigs, arns.modelPackages].map((arn) => wildcardResourceFinding(fn, arn)),
  );
  acknowledgeFindings(
    fn.role,
    'Rollback alarms are named modelplane-{endpoint}-..., and target tracking names its alarms TargetTracking-endpoint/{endpoint}/...; alarm actions are limited to those names.',
    alarms.map((arn) => wildcardResourceFinding(fn, arn)),
  );
  // Describe and list show each endpoint's last GPU utilization and in-flight requests; the
  // reconciler's sweep reads each variant's Invocations for the idle pause.
  fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadHealth', actions: ['cloudwatch:GetMetricData'], resources: ['*'] }));
  acknowledgeFindings(
    fn.role,
    'Application Auto Scaling addresses scalable targets and policies by service namespace and resource id, not by an ARN known in advance, and cloudwatch:GetMetricData (and, for the reconciler, cloudwatch:PutMetricData, held to the modelplane namespace by condition) support no resource-level permissions, so those actions need Resource *.',
    ['AwsSolutions-IAM5[Resource::*]'],
  );
}

/**
 * What the metrics area needs: the endpoint's record (tenancy) and its variant's instance type
 * (to normalise GPU figures), and CloudWatch's metric reads, which support no resource-level
 * permissions.
 */
export function grantEndpointMetricsAccess(fn: ModelplaneFunction): void {
  const arns = sagemakerArns(Stack.of(fn));
  grantReadEndpoints(fn, arns);
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'ReadMetrics', actions: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'], resources: ['*'] }),
  );
  acknowledgeFindings(
    fn.role,
    'Endpoint names come from API callers at run time, so reading covers every SageMaker endpoint and endpoint config of this account and Region (the handler checks the tenant first).',
    [arns.endpoints, arns.endpointConfigs].map((arn) => wildcardResourceFinding(fn, arn)),
  );
  acknowledgeFindings(fn.role, 'cloudwatch:GetMetricData and cloudwatch:ListMetrics support no resource-level permissions, so their resource is *.', [
    'AwsSolutions-IAM5[Resource::*]',
  ]);
}

/**
 * What the invoke area needs: the endpoint's record (tenancy, from the table binding), reading
 * an endpoint's status (to explain a refused invocation), and invoking endpoints. Endpoint
 * names are not prefixed per deployment (callers name them), so the invoke statement covers
 * the endpoints of this account and Region that carry this deployment's tag (DeploymentTagKey,
 * the stack name, which the endpoints area puts on every endpoint it creates) and a tenant tag:
 * another stage's endpoints, and anything modelplane did not create, are refused by IAM.
 */
export function grantInvokeAccess(fn: ModelplaneFunction): void {
  const arns = sagemakerArns(Stack.of(fn));
  fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadEndpointStatus', actions: ['sagemaker:DescribeEndpoint'], resources: [arns.endpoints] }));
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'InvokeModelplaneEndpoints',
      actions: ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointWithResponseStream'],
      resources: [arns.endpoints],
      conditions: {
        Null: { [`aws:ResourceTag/${TenantTagKey}`]: 'false' },
        StringEquals: { [`aws:ResourceTag/${DeploymentTagKey}`]: Stack.of(fn).stackName },
      },
    }),
  );
  acknowledgeFindings(
    fn.role,
    "Endpoint names come from API callers at run time, so the statements cover every SageMaker endpoint of this account and Region; invoking is further held to endpoints carrying this deployment's modelplane:deployment tag and a modelplane:tenant tag (the handler checks the tenant first).",
    [wildcardResourceFinding(fn, arns.endpoints)],
  );
}
