import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceBucketConfig } from '../../lib/deploy-config.js';
import { synthesizeStack, unacknowledgedFindings, type SynthesizedStack } from './stack-fixture.js';

type Json = Record<string, any>;

/** A key ARN as a deployer writes it in cdk.json (commercial partition). */
const partitionName = 'aws';
const kmsKeyArn = `arn:${partitionName}:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const sourceBuckets: SourceBucketConfig[] = [
  { bucket: 'training-output', prefix: 'jobs/', kmsKeyArn },
  { bucket: 'shared-models', prefix: '' },
];

function statementsOf(synthesized: SynthesizedStack, role: IConstruct): Json[] {
  const id = synthesized.stack.getLogicalId(role.node.defaultChild as CfnElement);
  return Object.values(synthesized.template.toJSON().Resources as Json)
    .filter((r: Json) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: id }]))
    .flatMap((r: Json) => r.Properties.PolicyDocument.Statement as Json[]);
}

const actionsOf = (statement: Json): string[] => [statement.Action as string | string[]].flat();
/** The job role's statements that read or list S3 or use KMS, by Sid. */
const readGrants = (statements: Json[]) =>
  Object.fromEntries(
    statements
      .filter((s) => actionsOf(s).some((a) => a.startsWith('kms:') || a === 's3:GetObject' || a === 's3:ListBucket'))
      .map((s) => [s.Sid as string, { Action: s.Action, Resource: s.Resource, ...(s.Condition ? { Condition: s.Condition } : {}) }]),
  );
const partition = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
const packagingVariables = (synthesized: SynthesizedStack): Json => {
  const fn = synthesized.stack.handlers.functions.packaging;
  const id = synthesized.stack.getLogicalId(fn.function.node.defaultChild as CfnElement);
  return (synthesized.template.toJSON().Resources as Json)[id].Properties.Environment.Variables as Json;
};

describe('PackagingJobs source buckets', () => {
  let plain: SynthesizedStack;
  let withSources: SynthesizedStack;

  beforeAll(() => {
    plain = synthesizeStack({}, { bundle: false });
    withSources = synthesizeStack({ sourceBuckets }, { bundle: false });
  });

  it('lets the job read only its own bucket (models/ and uploads/) and decrypt nothing when no sourceBuckets are configured', () => {
    const grants = readGrants(statementsOf(plain, plain.stack.packagingJobs.jobRole));
    expect(Object.keys(grants).sort()).toEqual(['ListModels', 'ReadUploads', 'WriteModels']);
    expect(JSON.stringify(grants)).not.toContain('kms:');
    expect(packagingVariables(plain)).not.toHaveProperty('MODELPLANE_SOURCE_BUCKETS');
  });

  it('grants exactly GetObject under each source, ListBucket limited to its prefix, and Decrypt on the named key only', () => {
    const grants = readGrants(statementsOf(withSources, withSources.stack.packagingJobs.jobRole));
    const { ListModels, ReadUploads, WriteModels, ...added } = grants;
    // What the job had before is unchanged.
    expect({ ListModels, ReadUploads, WriteModels }).toEqual(readGrants(statementsOf(plain, plain.stack.packagingJobs.jobRole)));
    expect(added).toEqual({
      ReadSource0: { Action: 's3:GetObject', Resource: partition(':s3:::training-output/jobs/*') },
      ListSource0: { Action: 's3:ListBucket', Resource: partition(':s3:::training-output'), Condition: { StringLike: { 's3:prefix': ['jobs/*'] } } },
      DecryptSource0: {
        Action: 'kms:Decrypt',
        Resource: kmsKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
      },
      ReadSource1: { Action: 's3:GetObject', Resource: partition(':s3:::shared-models/*') },
      ListSource1: { Action: 's3:ListBucket', Resource: partition(':s3:::shared-models') },
    });
  });

  it('tells the packaging API the configured sources, so it refuses any other', () => {
    expect(packagingVariables(withSources).MODELPLANE_SOURCE_BUCKETS).toBe('s3://training-output/jobs/,s3://shared-models/');
  });

  it('leaves no unacknowledged cdk-nag finding', () => {
    expect(unacknowledgedFindings(withSources.app, 'error')).toEqual([]);
    expect(unacknowledgedFindings(withSources.app, 'warning')).toEqual([]);
  });
});
