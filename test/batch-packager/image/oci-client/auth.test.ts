import { describe, expect, it } from 'vitest';
import { parseChallenge } from '../../../../batch-packager/src/image/oci-client/auth.js';

describe('parseChallenge', () => {
  it.each([
    ['Basic realm="Registry Realm"', { scheme: 'basic', params: { realm: 'Registry Realm' } }],
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull,push repository:c:pull"',
      {
        scheme: 'bearer',
        params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:a/b:pull,push repository:c:pull' },
      },
    ],
    ['Bearer realm=https://x/token, error="insufficient_scope"', { scheme: 'bearer', params: { realm: 'https://x/token', error: 'insufficient_scope' } }],
  ])('parses %s', (header, expected) => {
    expect(parseChallenge(header)).toEqual(expected);
  });
});
