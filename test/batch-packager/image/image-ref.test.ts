import { describe, expect, it } from 'vitest';
import { parseImageUri } from '../../../batch-packager/src/image/image-ref.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('parseImageUri', () => {
  it.each([
    [
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128',
      { registry: '763104351884.dkr.ecr.us-east-1.amazonaws.com', repository: 'djl-inference', reference: '0.33.0-lmi15.0.0-cu128' },
    ],
    ['127.0.0.1:5001/dlc/serving-base:1.0', { registry: '127.0.0.1:5001', repository: 'dlc/serving-base', reference: '1.0' }],
    [`registry.example.com/a/b@${digest}`, { registry: 'registry.example.com', repository: 'a/b', reference: digest }],
    [`registry.example.com/a/b:latest@${digest}`, { registry: 'registry.example.com', repository: 'a/b', reference: digest }],
    ['localhost/model__x-y.z:v1_2', { registry: 'localhost', repository: 'model__x-y.z', reference: 'v1_2' }],
  ])('splits %s', (uri, expected) => {
    expect(parseImageUri(uri)).toEqual(expected);
  });

  it.each([
    ['no registry host', 'djl-inference:0.33.0', /does not start with a registry host/],
    ['no tag or digest', 'registry.example.com/a/b', /names no tag or digest/],
    ['an upper-case repository', 'registry.example.com/A/b:1', /is not a repository name/],
    ['a tag starting with a dot', 'registry.example.com/a:.x', /is neither a tag/],
    ['a short digest', 'registry.example.com/a@sha256:abc', /is neither a tag/],
  ])('rejects a URI with %s', (_, uri, message) => {
    expect(() => parseImageUri(uri)).toThrow(message);
  });
});
