import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCollection, problems, type CheckReport } from '../../scripts/postman-runner.js';
import { startTestControlPlane } from '../support/control-plane.js';

/**
 * The Postman collection as a tester runs it: twice in a row on the same plane, with no failed
 * assertion either time and nothing left behind. `npm run test:postman` does the same on a
 * plane of its own.
 */
describe('Postman collection (newman)', () => {
  let plane: Awaited<ReturnType<typeof startTestControlPlane>>;
  let report: CheckReport;

  beforeAll(async () => {
    plane = await startTestControlPlane();
    report = await checkCollection({ baseUrl: `${plane.url}/v1`, s3Url: inject('emulatorEndpoint'), runs: 2, pollIntervalMs: 200 });
  }, 120_000);

  afterAll(async () => {
    await plane?.close();
  });

  it('passes twice in a row and leaves nothing behind', () => {
    expect(problems(report)).toEqual([]);
    for (const run of report.runs) {
      expect(run.assertions).toBeGreaterThan(0);
      expect(run.failedAssertions).toBe(0);
    }
  });

  it('makes the same assertions in both runs', () => {
    expect(report.runs[1]!.assertions).toBe(report.runs[0]!.assertions);
  });
});
