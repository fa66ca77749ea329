import { describe, expect, it } from 'vitest';
import { OutageLog } from '../../local/outage-log.js';
import { recordAwsCall } from '../../lambdas/shared/aws-errors.js';
import { refused, serverError, timedOut } from '../faults/support/aws-faults.js';

describe('OutageLog', () => {
  const setUp = () => {
    const lines: string[] = [];
    let now = 0;
    const log = new OutageLog(
      'http://127.0.0.1:4566',
      (line) => lines.push(line),
      () => now,
    );
    return { lines, log, later: (ms: number) => (now += ms) };
  };

  it('says once that the emulator does not answer, whichever poller meets it and however often', () => {
    const { lines, log } = setUp();
    const error = refused();
    recordAwsCall(error, { service: 'SageMaker', operation: 'ListEndpoints' });
    expect(log.failed('endpoint watcher', error)).toBe(true);
    for (let i = 0; i < 25; i++) expect(log.failed(i % 2 ? 'batch executor' : 'synthetic metrics', refused())).toBe(true);
    expect(log.down).toBe(true);
    expect(lines).toEqual([
      'endpoint watcher: the AWS emulator at http://127.0.0.1:4566 does not answer (ECONNREFUSED, SageMaker ListEndpoints); the API answers 503 until it is back. Polling on quietly.',
    ]);
  });

  it('says once that it answers again, and a later outage is a new one', () => {
    const { lines, log, later } = setUp();
    log.failed('batch executor', timedOut());
    later(12_000);
    log.ok();
    log.ok();
    log.failed('batch executor', refused());
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('does not answer (a call timed out)');
    expect(lines[1]).toBe('the AWS emulator at http://127.0.0.1:4566 answers again (it did not for 12 s).');
    expect(lines[2]).toContain('does not answer (ECONNREFUSED)');
  });

  it('counts a poll that began before the emulator answered again as part of the outage that is over', () => {
    const { lines, log, later } = setUp();
    log.failed('endpoint watcher', timedOut());
    const hungSince = later(1_000);
    later(1_000);
    log.ok();
    // The batch executor's call, sent while the emulator was frozen, times out only now.
    expect(log.failed('batch executor', timedOut(), hungSince)).toBe(true);
    expect(log.down).toBe(false);
    expect(lines).toHaveLength(2);
    expect(log.failed('batch executor', refused(), later(1_000))).toBe(true);
    expect(lines).toHaveLength(3);
  });

  it('leaves every other failure to the poller to log', () => {
    const { lines, log } = setUp();
    expect(log.failed('synthetic metrics', serverError())).toBe(false);
    expect(log.failed('synthetic metrics', new Error('a bug'))).toBe(false);
    expect(log.down).toBe(false);
    expect(lines).toEqual([]);
  });
});
