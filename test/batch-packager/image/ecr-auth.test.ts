import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ecrCredentials } from '../../../batch-packager/src/image/ecr-auth.js';

const ecr = mockClient(ECRClient);

describe('ecrCredentials', () => {
  afterEach(() => ecr.reset());

  it('decodes the base64 AWS:password token into Basic credentials when ECR returns one', async () => {
    const expiresAt = new Date('2026-01-01T12:00:00Z');
    ecr.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [
        {
          authorizationToken: Buffer.from('AWS:pass:with:colons').toString('base64'),
          expiresAt,
          proxyEndpoint: 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com',
        },
      ],
    });
    await expect(ecrCredentials(new ECRClient({ region: 'us-east-1' }))).resolves.toEqual({
      username: 'AWS',
      password: 'pass:with:colons',
      expiresAt,
      proxyEndpoint: 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com',
    });
    expect(ecr.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(1);
  });

  it.each([
    ['no authorization data', {}],
    ['a token without a colon', { authorizationData: [{ authorizationToken: Buffer.from('garbage').toString('base64') }] }],
  ])('rejects an answer with %s', async (_, answer) => {
    ecr.on(GetAuthorizationTokenCommand).resolves(answer);
    await expect(ecrCredentials(new ECRClient({ region: 'us-east-1' }))).rejects.toMatchObject({
      code: 'Unauthorized',
      message: expect.stringMatching(/no usable token/),
    });
  });
});
