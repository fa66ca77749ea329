/**
 * The benchmark's figures (medians over runs), its ratios and the targets as pass/fail
 * lines, and the JSON summary. Pure functions: scripts/bench-packager.ts measures, this adds up.
 */

export type Mode = 'capped' | 'uncapped';
export const modes: readonly Mode[] = ['capped', 'uncapped'];

/** One run of one model size against one source (capped or uncapped). */
export interface Run {
  sourceOneStreamMBps: number;
  /** N streams at once (N = the benchmark's --streams). */
  sourceMBps: number;
  sinkMBps: number;
  packagerSeconds: number;
  packagerCpuSeconds: number;
  packagerPeakRssBytes: number;
  /** Absent with --no-baseline. */
  baselineSeconds?: number;
}

/** The figures for one size and source: medians over the runs. MB = 10^6 bytes. */
export interface Figures {
  /** The source's rate over N streams (the packager's limit on the download side). */
  sourceMBps: number;
  sourceOneStreamMBps: number;
  /** The sink's ingest rate over N streams. */
  sinkMBps: number;
  packagerMBps: number;
  baselineMBps: number | null;
  /** packagerMBps / min(sourceMBps, sinkMBps). */
  vsLimit: number;
  /** packagerMBps / baselineMBps. */
  vsBaseline: number | null;
  peakRssMiB: number;
  /** The packager process's user + system CPU seconds per GiB of weights. */
  cpuSecondsPerGiB: number;
  packagerSeconds: number;
  baselineSeconds: number | null;
  runs: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Medians over runs; rates from the median wall times of `weightBytes`. */
export function figuresOf(runs: readonly Run[], weightBytes: number): Figures {
  const packagerSeconds = median(runs.map((r) => r.packagerSeconds));
  const baselines = runs.map((r) => r.baselineSeconds).filter((s): s is number => s !== undefined);
  const baselineSeconds = baselines.length ? median(baselines) : null;
  const sourceMBps = median(runs.map((r) => r.sourceMBps));
  const sinkMBps = median(runs.map((r) => r.sinkMBps));
  const packagerMBps = weightBytes / 1e6 / packagerSeconds;
  const baselineMBps = baselineSeconds === null ? null : weightBytes / 1e6 / baselineSeconds;
  return {
    sourceMBps: round(sourceMBps, 1),
    sourceOneStreamMBps: round(median(runs.map((r) => r.sourceOneStreamMBps)), 1),
    sinkMBps: round(sinkMBps, 1),
    packagerMBps: round(packagerMBps, 1),
    baselineMBps: baselineMBps === null ? null : round(baselineMBps, 1),
    vsLimit: round(packagerMBps / Math.min(sourceMBps, sinkMBps), 3),
    vsBaseline: baselineMBps === null ? null : round(packagerMBps / baselineMBps, 3),
    peakRssMiB: round(median(runs.map((r) => r.packagerPeakRssBytes)) / MiB, 1),
    cpuSecondsPerGiB: round(median(runs.map((r) => r.packagerCpuSeconds)) / (weightBytes / GiB), 2),
    packagerSeconds: round(packagerSeconds, 2),
    baselineSeconds: baselineSeconds === null ? null : round(baselineSeconds, 2),
    runs: runs.length,
  };
}

export interface SizeFigures {
  gib: number;
  weightBytes: number;
  capped: Figures;
  uncapped: Figures;
}

export interface Target {
  name: string;
  /** null: not measured (no baseline, or one size only). */
  pass: boolean | null;
  detail: string;
}

const times = (value: number | null) => (value === null ? 'no baseline run' : `${value.toFixed(2)}x`);
const check = (value: number | null, floor: number) => (value === null ? null : value >= floor);

/** The targets, on the largest size for the speed targets and across sizes for RSS. */
export function targets(sizes: readonly SizeFigures[]): Target[] {
  const largest = [...sizes].sort((a, b) => a.weightBytes - b.weightBytes).at(-1);
  if (!largest) return [];
  const { capped, uncapped } = largest;
  const at = `at ${largest.gib} GiB`;
  const peaks = sizes.map((s) => Math.max(s.capped.peakRssMiB, s.uncapped.peakRssMiB));
  const spread = (Math.max(...peaks) - Math.min(...peaks)) / Math.min(...peaks);
  return [
    { name: 'capped: packager >= 3x baseline', pass: check(capped.vsBaseline, 3), detail: `${times(capped.vsBaseline)} ${at}` },
    { name: 'uncapped: packager >= 80% of min(source, sink)', pass: uncapped.vsLimit >= 0.8, detail: `${(uncapped.vsLimit * 100).toFixed(0)}% ${at}` },
    { name: 'uncapped: packager >= 1.5x baseline', pass: check(uncapped.vsBaseline, 1.5), detail: `${times(uncapped.vsBaseline)} ${at}` },
    { name: 'peak RSS under 300 MiB', pass: Math.max(...peaks) < 300, detail: `${Math.max(...peaks).toFixed(0)} MiB at most` },
    {
      name: 'peak RSS within 20% across sizes',
      pass: sizes.length > 1 ? spread <= 0.2 : null,
      detail: sizes.length > 1 ? `${(spread * 100).toFixed(0)}% (${peaks.map((p) => p.toFixed(0)).join(', ')} MiB)` : 'one size only',
    },
  ];
}

export function targetLines(list: readonly Target[]): string[] {
  return list.map((t) => `${t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.detail}`);
}

/**
 * The JSON summary: `capped` and `uncapped` are the largest size's figures, `sizes` every
 * size's, `targets` the pass/fail lines.
 */
export function summary(sizes: readonly SizeFigures[], extra: Record<string, unknown>): Record<string, unknown> {
  const largest = [...sizes].sort((a, b) => a.weightBytes - b.weightBytes).at(-1)!;
  return { capped: largest.capped, uncapped: largest.uncapped, figuresFrom: `${largest.gib} GiB`, sizes, targets: targets(sizes), ...extra };
}
