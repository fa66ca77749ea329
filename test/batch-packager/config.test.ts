import { describe, expect, it } from 'vitest';
import { PackagerConfigError, readPackagerConfig } from '../../batch-packager/src/config.js';

const required = { MODELPLANE_JOB_ID: 'pj-1', MODELPLANE_SOURCE_MODEL_ID: 'acme/model', MODELPLANE_ARTIFACT_BUCKET: 'artifacts' };

describe('readPackagerConfig', () => {
  it('applies the defaults when only the required variables are set', () => {
    expect(readPackagerConfig(required)).toEqual({ jobId: 'pj-1', modelId: 'acme/model', revision: 'main', bucket: 'artifacts', prefix: 'models' });
  });

  it('reads the optional variables and treats blank ones as unset', () => {
    const config = readPackagerConfig({
      ...required,
      MODELPLANE_SOURCE_REVISION: 'v1.0',
      MODELPLANE_SERIES: 'llama',
      MODELPLANE_ARTIFACT_PREFIX: 'packaged',
      HF_ENDPOINT: 'https://hub.example',
      HF_TOKEN: '  ',
    });
    expect(config).toEqual({ jobId: 'pj-1', modelId: 'acme/model', revision: 'v1.0', bucket: 'artifacts', prefix: 'packaged', series: 'llama', hubEndpoint: 'https://hub.example' });
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
});
