/**
 * cdk-nag 3 findings are acknowledged with CDK's own `Validations.of(scope).acknowledge()`,
 * one finding id at a time (no prefixes or patterns). These helpers build those ids the way
 * the AwsSolutions rules do, so each acknowledgement names exactly the finding it covers.
 */
import { Stack, Validations } from 'aws-cdk-lib';
// The same flattening AwsSolutions-IAM4/IAM5 apply to policy ARNs and resources (Fn::GetAtt
// becomes <LogicalId.Attr>, Ref becomes <Name>); cdk-nag has no public export of it.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/** Acknowledges findings on `scope` and everything below it, for `reason`. */
export function acknowledgeFindings(scope: IConstruct, reason: string, ids: readonly string[]): void {
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id, reason })));
}

/** The id AwsSolutions-IAM5 gives a policy resource with a wildcard (`resource` may hold tokens). */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`;
}

/** The id AwsSolutions-IAM4 gives an attached AWS managed policy. */
export function managedPolicyFinding(policyName: string): string {
  return `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policyName}]`;
}
