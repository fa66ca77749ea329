import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../scripts/bench-packager.js';
import { packagerOptions } from '../../../scripts/bench/run-packager.js';
import { figuresOf, median, summary, targetLines, targets, type Figures, type Run, type SizeFigures } from '../../../scripts/bench/report.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const run = (overrides: Partial<Run> = {}): Run => ({
  sourceOneStreamMBps: 40,
  sourceMBps: 320,
  sinkMBps: 500,
  packagerSeconds: 10,
  packagerCpuSeconds: 5,
  packagerPeakRssBytes: 200 * MiB,
  baselineSeconds: 40,
  ...overrides,
});

const figures = (overrides: Partial<Figures>): Figures => ({ ...figuresOf([run()], GiB), ...overrides });

describe('median', () => {
  it.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('figuresOf', () => {
  it('takes rates from the median wall times and the ratios against the smaller raw rate and the baseline', () => {
    const f = figuresOf([run({ packagerSeconds: 12 }), run({ packagerSeconds: 8, sinkMBps: 100 }), run({ packagerSeconds: 10, sinkMBps: 200 })], 2 * GiB);
    const packagerMBps = (2 * GiB) / 1e6 / 10;
    expect(f.packagerMBps).toBeCloseTo(packagerMBps, 1);
    expect(f.sinkMBps).toBe(200);
    expect(f.vsLimit).toBeCloseTo(packagerMBps / 200, 3);
    expect(f.vsBaseline).toBe(4);
    expect(f.peakRssMiB).toBe(200);
    expect(f.cpuSecondsPerGiB).toBe(2.5);
  });

  it('leaves the baseline figures null when there was no baseline', () => {
    const f = figuresOf([run({ baselineSeconds: undefined })], GiB);
    expect([f.baselineMBps, f.vsBaseline, f.baselineSeconds]).toEqual([null, null, null]);
  });
});

describe('targets', () => {
  const size = (gib: number, capped: Partial<Figures>, uncapped: Partial<Figures>): SizeFigures => ({
    gib,
    weightBytes: gib * GiB,
    capped: figures(capped),
    uncapped: figures(uncapped),
  });

  it('passes each target at its threshold, on the largest size', () => {
    const sizes = [
      size(8, { vsBaseline: 3 }, { vsLimit: 0.8, vsBaseline: 1.5, peakRssMiB: 240 }),
      size(1, { vsBaseline: 0.1 }, { vsLimit: 0.1, peakRssMiB: 200 }),
    ];
    expect(targets(sizes).map((t) => t.pass)).toEqual([true, true, true, true, true]);
  });

  it('fails each target just under its threshold', () => {
    const sizes = [
      size(1, { vsBaseline: 2.99, peakRssMiB: 250 }, { vsLimit: 0.79, vsBaseline: 1.49, peakRssMiB: 300 }),
      size(4, { vsBaseline: 2.99 }, { vsLimit: 0.79, vsBaseline: 1.49, peakRssMiB: 200 }),
    ];
    expect(targets(sizes).map((t) => t.pass)).toEqual([false, false, false, false, false]);
  });

  it('says n/a for what was not measured: no baseline, one size', () => {
    const lines = targetLines(targets([size(1, { vsBaseline: null }, { vsBaseline: null })]));
    expect(lines.filter((line) => line.startsWith('n/a'))).toHaveLength(3);
    expect(lines[0]).toBe('n/a   capped: packager >= 3x baseline: no baseline run at 1 GiB');
  });

  it('puts the largest size’s figures at the top of the summary and every size under sizes', () => {
    const sizes = [size(4, { packagerMBps: 4 }, {}), size(1, { packagerMBps: 1 }, {})];
    const json = summary(sizes, { machine: 'm' }) as { capped: Figures; sizes: SizeFigures[]; machine: string };
    expect([json.capped.packagerMBps, json.sizes.length, json.machine]).toEqual([4, 2, 'm']);
  });
});

describe('bench-packager arguments', () => {
  it('reads a list of sizes, the cap and the packager settings', () => {
    const args = parseArgs(['--gib', '1,4,0.5', '--cap-mbps', '25', '--connections', '12', '--sink', 'moto', '--json', '--repeat', '3']);
    expect(args).toMatchObject({ gib: [1, 4, 0.5], capMbps: 25, connections: 12, sink: 'moto', json: true, repeat: 3 });
  });

  it.each([[['--gib', '1,x']], [['--cap-mbps', '0']], [['--sink', 'minio']], [['--nope']]])('rejects %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow();
  });

  it('passes --connections to the packager as `connections`', () => {
    expect(packagerOptions({ hubEndpoint: 'h', s3Endpoint: 's', modelId: 'a/b', bucket: 'b', prefix: 'p', connections: 12, fileConcurrency: 1 })).toEqual({
      connections: 12,
      fileConcurrency: 1,
    });
  });
});
