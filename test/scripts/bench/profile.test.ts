import { describe, expect, it } from 'vitest';
import { topSelfTime, type CpuProfile } from '../../../scripts/bench/profile.js';

const node = (id: number, functionName: string, url: string, hitCount: number) => ({ id, callFrame: { functionName, url, lineNumber: 9 }, hitCount });

describe('topSelfTime', () => {
  it('adds up the nodes of one function, leaves idle out and ranks by self time', () => {
    const profile: CpuProfile = {
      startTime: 0,
      endTime: 10e6,
      nodes: [
        node(1, '(idle)', '', 50),
        node(2, 'update', 'node:internal/crypto/hash', 20),
        node(3, 'update', 'node:internal/crypto/hash', 10),
        node(4, '', 'file:///x/run.mjs', 15),
        node(5, '(garbage collector)', '', 5),
      ],
    };
    // 100 hits over 10 s: 0.1 s each; 50 busy hits.
    expect(topSelfTime(profile, 2)).toEqual([
      { name: 'update (hash:10)', seconds: expect.closeTo(3, 6) as number, share: 0.6 },
      { name: '(anonymous) (run.mjs:10)', seconds: expect.closeTo(1.5, 6) as number, share: 0.3 },
    ]);
  });

  it('is empty for a profile without samples', () => {
    expect(topSelfTime({ startTime: 0, endTime: 1, nodes: [node(1, 'f', '', 0)] }, 5)).toEqual([]);
  });
});
