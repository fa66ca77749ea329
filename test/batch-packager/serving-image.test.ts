import { describe, expect, it } from 'vitest';
import { tagPattern } from '../../batch-packager/src/image/image-ref.js';
import { servingImageTag } from '../../batch-packager/src/serving-image.js';

const digest = (hex: string) => `sha256:${hex.repeat(64 / hex.length)}`;

describe('servingImageTag', () => {
  it('names the model, the revision and the image content, 12 hex digits each', () => {
    const tag = servingImageTag('Meta-Llama/Llama-3.1-8B-Instruct', 'a'.repeat(40));
    expect(tag(digest('0123456789abcdef'))).toBe(`meta-llama-llama-3.1-8b-instruct-${'a'.repeat(12)}-0123456789ab`);
  });

  it('gives another image of the same revision another tag, so the earlier one keeps its tag', () => {
    const tag = servingImageTag('org/model', 'b'.repeat(40));
    expect(tag(digest('1'))).not.toBe(tag(digest('2')));
    expect(tag(digest('1'))).toBe(tag(digest('1')));
  });

  it('stays a valid tag for long ids and ids that start with punctuation', () => {
    for (const modelId of [`org/${'x'.repeat(200)}`, '_org/model', '.hidden']) {
      const made = servingImageTag(modelId, 'c'.repeat(40))(digest('f'));
      expect(made.length).toBeLessThanOrEqual(128);
      expect(made).toMatch(tagPattern);
      expect(made.endsWith(`-${'c'.repeat(12)}-${'f'.repeat(12)}`)).toBe(true);
    }
  });
});
