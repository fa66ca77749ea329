import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatFields, formatTable, formatTime } from '../../cli/output.js';
import { duration, integer, keyValue, list, positiveNumber } from '../../cli/parse.js';

describe('CLI output', () => {
  it('pads columns to the widest cell, shows empty cells as -, and leaves the last column unpadded', () => {
    expect(
      formatTable(
        ['NAME', 'LATEST', 'ALIASES'],
        [
          ['llama-3-8b', 3, 'prod=3'],
          ['t5', undefined, ''],
        ],
      ),
    ).toBe('NAME        LATEST  ALIASES\nllama-3-8b  3       prod=3\nt5          -       -');
    expect(
      formatFields([
        ['NAME', 'demo'],
        ['LATEST VERSION', 2],
      ]),
    ).toBe('NAME            demo\nLATEST VERSION  2');
  });

  it('writes bytes in binary units and times without milliseconds', () => {
    expect([formatBytes(0), formatBytes(1536), formatBytes(5 * 1024 ** 3)]).toEqual(['0 B', '1.5 KiB', '5.0 GiB']);
    expect(formatTime('2025-06-02T09:00:00.123Z')).toBe('2025-06-02 09:00:00Z');
  });
});

describe('CLI option parsers', () => {
  it('parse durations, numbers, KEY=VALUE pairs and lists, refusing what they cannot read', () => {
    expect([duration('90s'), duration('15m'), duration('1h'), duration('2d')]).toEqual([90, 900, 3600, 172_800]);
    expect(integer(1)('3')).toBe(3);
    expect(positiveNumber('0.5')).toBe(0.5);
    expect(keyValue('b=x=y', { a: '1' })).toEqual({ a: '1', b: 'x=y' });
    expect(list('gpuUtilization, concurrentRequests,')).toEqual(['gpuUtilization', 'concurrentRequests']);
    for (const bad of [() => duration('1 hour'), () => integer(1)('0'), () => integer(0)('1.5'), () => positiveNumber('0'), () => keyValue('=x')]) {
      expect(bad).toThrow(InvalidArgumentError);
    }
  });
});
