import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../lambdas/shared/cursor.js';
import { ValidationError } from '../../../lambdas/shared/errors.js';

describe('cursor', () => {
  it('round-trips an upstream token within its scope', () => {
    const cursor = encodeCursor('models:a', '{"pk":"x"}');
    expect(decodeCursor('models:a', cursor)).toBe('{"pk":"x"}');
  });

  it('gives no cursor when there is no more', () => {
    expect(encodeCursor('models:a', undefined)).toBeUndefined();
    expect(decodeCursor('models:a', undefined)).toBeUndefined();
  });

  it.each([['garbage'], [Buffer.from('{"s":1}').toString('base64url')], [encodeCursor('models:b', 't')!]])(
    'rejects %s as a token of another list',
    (cursor) => {
      expect(() => decodeCursor('models:a', cursor)).toThrow(ValidationError);
    },
  );
});
