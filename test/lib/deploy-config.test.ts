import { describe, expect, it } from 'vitest';
import { DeployConfigError, parseDeployConfig, readDeployConfig } from '../../lib/deploy-config.js';

function problemsOf(context: Record<string, unknown>): readonly string[] {
  try {
    parseDeployConfig(context);
  } catch (error) {
    if (error instanceof DeployConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a DeployConfigError');
}

describe('parseDeployConfig', () => {
  it('applies the defaults when the context sets nothing', () => {
    expect(parseDeployConfig({})).toEqual({
      stage: 'dev',
      namePrefix: 'modelplane',
      auth: 'cognito',
      allowedOrigins: [],
      iamTenant: 'default',
      invocationLimits: { ratePerSecond: 20, burst: 40 },
    });
  });

  it('reads every key when the context sets them', () => {
    expect(
      parseDeployConfig({
        stage: 'prod',
        namePrefix: 'mp-team1',
        auth: 'iam',
        allowedOrigins: ['https://console.example.com', 'http://localhost:5173'],
        iamTenant: 'team1',
        invocationLimits: { ratePerSecond: 5, burst: 10 },
      }),
    ).toEqual({
      stage: 'prod',
      namePrefix: 'mp-team1',
      auth: 'iam',
      allowedOrigins: ['https://console.example.com', 'http://localhost:5173'],
      iamTenant: 'team1',
      invocationLimits: { ratePerSecond: 5, burst: 10 },
    });
  });

  it('splits allowedOrigins when -c gives them as a comma-separated string', () => {
    expect(parseDeployConfig({ allowedOrigins: 'https://a.example.com, https://b.example.com' }).allowedOrigins).toEqual([
      'https://a.example.com',
      'https://b.example.com',
    ]);
  });

  it('rejects bad input listing every problem by its context key', () => {
    const problems = problemsOf({
      stage: 'Prod!',
      namePrefix: 'Model_Plane',
      auth: 'oauth',
      allowedOrigins: ['https://ok.example.com', 'ftp://x', 'https://x.example.com/path'],
    });
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^stage: .*"Prod!"/);
    expect(problems[1]).toMatch(/^namePrefix: .*"Model_Plane"/);
    expect(problems[2]).toMatch(/^auth: must be one of cognito, iam \(got "oauth"\)/);
    expect(problems[3]).toMatch(/^allowedOrigins\[1\]: .*"ftp:\/\/x"/);
    expect(problems[4]).toMatch(/^allowedOrigins\[2\]: .*"https:\/\/x.example.com\/path"/);
  });

  it.each([
    ['a stage that is not a string', { stage: 3 }, /^stage: must be a string \(got 3\)/],
    ['a stage longer than 16 characters', { stage: 'a'.repeat(17) }, /^stage: /],
    ['a name prefix breaking the SageMaker name rule', { namePrefix: '-modelplane' }, /^namePrefix: /],
    ['a name prefix longer than 24 characters', { namePrefix: 'm'.repeat(25) }, /^namePrefix: /],
    ['plain http for a host other than localhost', { allowedOrigins: ['http://example.com'] }, /^allowedOrigins\[0\]: /],
    ['an origin with a trailing slash', { allowedOrigins: ['https://example.com/'] }, /^allowedOrigins\[0\]: /],
    ['"*" together with other origins', { allowedOrigins: ['*', 'https://example.com'] }, /^allowedOrigins: "\*" allows every origin/],
    ['allowedOrigins of the wrong type', { allowedOrigins: 42 }, /^allowedOrigins: must be a list/],
    ['an IAM tenant that is not a plain id', { iamTenant: 'Team One' }, /^iamTenant: /],
  ])('rejects %s', (_name, context, problem) => {
    expect(problemsOf(context)).toEqual([expect.stringMatching(problem)]);
  });

  it('names the keys and how to set them in the error message', () => {
    expect(() => parseDeployConfig({ auth: 'basic' })).toThrow(/Invalid deploy configuration \(CDK context\), 1 problem:\n {2}- auth: .*\n.*-c key=value/);
  });
});

describe('readDeployConfig', () => {
  it('reads the keys from a construct node when the app context holds them', () => {
    const context: Record<string, unknown> = { stage: 'qa', auth: 'iam', unrelated: true };
    expect(readDeployConfig({ tryGetContext: (key: string) => context[key] })).toEqual({
      stage: 'qa',
      namePrefix: 'modelplane',
      auth: 'iam',
      allowedOrigins: [],
      iamTenant: 'default',
      invocationLimits: { ratePerSecond: 20, burst: 40 },
    });
  });

  describe('sourceBuckets', () => {
    // A key ARN as a deployer writes it in cdk.json (commercial partition).
    const partition = 'aws';
    const key = `arn:${partition}:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

    it('reads buckets, bucket/prefix pairs and objects with a KMS key, prefixes ending at a folder', () => {
      expect(
        parseDeployConfig({ sourceBuckets: ['training-output', 'shared-data/finetunes', { bucket: 'secure-models', prefix: 'jobs/', kmsKeyArn: key }] })
          .sourceBuckets,
      ).toEqual([
        { bucket: 'training-output', prefix: '' },
        { bucket: 'shared-data', prefix: 'finetunes/' },
        { bucket: 'secure-models', prefix: 'jobs/', kmsKeyArn: key },
      ]);
    });

    it('reads a JSON list given with -c, and leaves the key out when none is given', () => {
      expect(parseDeployConfig({ sourceBuckets: '["training-output/jobs/"]' }).sourceBuckets).toEqual([{ bucket: 'training-output', prefix: 'jobs/' }]);
      expect(parseDeployConfig({})).not.toHaveProperty('sourceBuckets');
      expect(parseDeployConfig({ sourceBuckets: [] })).not.toHaveProperty('sourceBuckets');
    });

    it('rejects bad entries listing every problem by its index', () => {
      const problems = problemsOf({
        sourceBuckets: [
          'Bad_Bucket',
          'ok-bucket//x',
          { bucket: 'ok-bucket', kmsKeyArn: `arn:${partition}:kms:us-east-1:123456789012:alias/models` },
          { bucket: 'ok-bucket', region: 'us-west-2' },
          'dup-bucket/a',
          'dup-bucket/a/',
          42,
        ],
      });
      expect(problems).toEqual([
        expect.stringMatching(/^sourceBuckets\[0\]\.bucket: .*lower-case.*"Bad_Bucket"/),
        expect.stringMatching(/^sourceBuckets\[1\]\.prefix: .*"\/x"/),
        expect.stringMatching(/^sourceBuckets\[2\]\.kmsKeyArn: .*not an alias/),
        expect.stringMatching(/^sourceBuckets\[3\]: unknown field region/),
        expect.stringMatching(/^sourceBuckets\[5\]: dup-bucket\/a\/ is listed twice/),
        expect.stringMatching(/^sourceBuckets\[6\]: must be/),
      ]);
      expect(problemsOf({ sourceBuckets: '[not json' })).toEqual([expect.stringMatching(/^sourceBuckets: must be a JSON list/)]);
    });
  });
});
