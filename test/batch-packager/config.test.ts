import { describe, expect, it } from 'vitest';
import { PackagerConfigError, readPackagerConfig } from '../../batch-packager/src/config.js';

const required = { MODELPLANE_JOB_ID: 'pj-1', MODELPLANE_SOURCE_MODEL_ID: 'acme/model', MODELPLANE_ARTIFACT_BUCKET: 'artifacts' };

describe('readPackagerConfig', () => {
  it('applies the defaults when only the required variables are set', () => {
    expect(readPackagerConfig(required)).toEqual({
      jobId: 'pj-1',
      modelId: 'acme/model',
      revision: 'main',
      bucket: 'artifacts',
      prefix: 'models',
      region: 'us-east-1',
      image: { build: true, baseImages: {} },
    });
  });

  it('reads the optional variables and treats blank ones as unset', () => {
    const config = readPackagerConfig({
      ...required,
      MODELPLANE_SOURCE_REVISION: 'v1.0',
      MODELPLANE_SERIES: 'llama',
      MODELPLANE_ARTIFACT_PREFIX: 'packaged',
      HF_ENDPOINT: 'https://hub.example',
      HF_TOKEN: '  ',
      MODELPLANE_HF_TOKEN_SECRET_ARN: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:hf',
      MODELPLANE_TABLE_NAME: 'table',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_REGION: 'eu-west-1',
      MODELPLANE_BUILD_IMAGE: 'false',
      MODELPLANE_SERVING_REPOSITORY: 'registry.local/serving',
      MODELPLANE_BASE_IMAGE_HF_INFERENCE: 'r/hf:1',
    });
    expect(config).toEqual({
      jobId: 'pj-1',
      modelId: 'acme/model',
      revision: 'v1.0',
      bucket: 'artifacts',
      prefix: 'packaged',
      series: 'llama',
      hubEndpoint: 'https://hub.example',
      tokenSecretArn: 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:hf',
      tableName: 'table',
      awsEndpointUrl: 'http://127.0.0.1:4566',
      region: 'eu-west-1',
      image: { build: false, servingRepository: 'registry.local/serving', baseImages: { hfInference: 'r/hf:1' } },
    });
  });

  it.each([
    { unset: ['MODELPLANE_SOURCE_MODEL_ID'], message: 'Environment variable MODELPLANE_SOURCE_MODEL_ID is not set' },
    { unset: ['MODELPLANE_JOB_ID', 'MODELPLANE_ARTIFACT_BUCKET'], message: 'Environment variables MODELPLANE_JOB_ID, MODELPLANE_ARTIFACT_BUCKET are not set' },
  ])('fails naming $unset when they are missing', ({ unset, message }) => {
    const env: Record<string, string> = { ...required, [unset[0]!]: '' };
    for (const name of unset) delete env[name];
    expect(() => readPackagerConfig(env)).toThrow(PackagerConfigError);
    expect(() => readPackagerConfig(env)).toThrow(message);
  });

  it('reads the download connection count when it is set', () => {
    expect(readPackagerConfig({ ...required, MODELPLANE_DOWNLOAD_CONNECTIONS: '16' }).connections).toBe(16);
    expect(readPackagerConfig({ ...required, MODELPLANE_DOWNLOAD_CONNECTIONS: ' ' })).not.toHaveProperty('connections');
  });

  it.each(['0', '65', '8.5', 'eight', '-4'])('refuses %j download connections, naming the variable', (value) => {
    expect(() => readPackagerConfig({ ...required, MODELPLANE_DOWNLOAD_CONNECTIONS: value })).toThrow(PackagerConfigError);
    expect(() => readPackagerConfig({ ...required, MODELPLANE_DOWNLOAD_CONNECTIONS: value })).toThrow(/MODELPLANE_DOWNLOAD_CONNECTIONS .* from 1 to 64/);
  });
});
