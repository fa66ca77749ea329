/**
 * Where a process's CPU went, from a V8 CPU profile (`node --cpu-prof`): self time per function,
 * largest first. The profile itself opens in Chrome DevTools (Performance) or speedscope.
 */

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface SelfTime {
  /** `function (file:line)`, or V8's own entries: (garbage collector), (program), (idle). */
  name: string;
  seconds: number;
  share: number;
}

const baseName = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** Self time per function (nodes of one function added up), the `count` largest, idle left out. */
export function topSelfTime(profile: CpuProfile, count: number): SelfTime[] {
  const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  if (hits === 0) return [];
  const secondsPerHit = (profile.endTime - profile.startTime) / 1e6 / hits;
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || !node.hitCount) continue;
    const name = url === '' ? functionName || '(anonymous)' : `${functionName || '(anonymous)'} (${baseName(url)}:${lineNumber + 1})`;
    byName.set(name, (byName.get(name) ?? 0) + node.hitCount);
  }
  const busy = [...byName.values()].reduce((a, b) => a + b, 0);
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, h]) => ({ name, seconds: h * secondsPerHit, share: h / busy }));
}
