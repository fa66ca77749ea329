import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handler as endpointEvents } from '../../lambdas/endpoints/events-handler.js';
import type { ScheduledAction } from '../../lambdas/endpoints/schedules.js';
import { localResources } from '../../local/bootstrap.js';
import { configureEmulator } from '../../local/emulator.js';
import { LocalScheduler } from '../../local/scheduler.js';
import { emulatorClients, uploadTinyModel } from '../support/aws.js';
import { startTestControlPlane, uniqueName, type ApiAnswer, type ApiCall } from '../support/control-plane.js';
import { waitForEndpoint } from '../support/endpoints.js';

const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane-serving:llama-1';

// Schedules go to the emulator's EventBridge Scheduler through the API; the local scheduler runs
// them on an injected clock, so nothing here waits for a real 19:00.
describe('endpoint schedules', () => {
  const endpoint = inject('emulatorEndpoint');
  const scheduler = new SchedulerClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  const { s3 } = emulatorClients();
  let api: Awaited<ReturnType<typeof startTestControlPlane>>;
  const call = <T = any>(request: ApiCall): Promise<ApiAnswer<T>> => api.call<T>(request);
  let model: string;
  const pauseSchedule = { cron: '0 19 * * MON-FRI', timezone: 'Europe/Berlin' };
  const resumeSchedule = { cron: '0 7 * * MON-FRI', timezone: 'Europe/Berlin' };

  const schedule = (name: string, kind: string) =>
    scheduler.send(new GetScheduleCommand({ GroupName: localResources.scheduleGroup, Name: `${name}-${kind}` })).catch((error: Error) => error.name);

  beforeAll(async () => {
    await configureEmulator(endpoint, { endpointTransitionSeconds: 0.4 });
    api = await startTestControlPlane({ watchIntervalMs: 100 });
    model = uniqueName('scheduled');
    const artifact = await uploadTinyModel(s3, localResources.artifactBucket, `${uniqueName('weights')}/`);
    expect((await call({ method: 'POST', path: '/v1/models', body: { name: model } })).status).toBe(201);
    expect((await call({ method: 'POST', path: `/v1/models/${model}/versions`, body: { modelDataUri: artifact.uri, imageUri: image } })).status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
    scheduler.destroy();
  });

  it('creates, changes and removes EventBridge Scheduler schedules with the endpoint, and refuses bad ones with 400', async () => {
    const name = uniqueName('ep');
    const bad = await call({
      method: 'POST',
      path: '/v1/endpoints',
      body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge', pauseSchedule: { cron: '0 19 * * 1-5', timezone: 'Berlin' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/body/pauseSchedule/cron', '/body/pauseSchedule/timezone']);

    const created = await call({ method: 'POST', path: '/v1/endpoints', body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge', pauseSchedule } });
    expect(created.status).toBe(202);
    expect(created.body.pauseSchedule).toEqual(pauseSchedule);
    const made = await schedule(name, 'pause');
    expect(made).toMatchObject({ ScheduleExpression: 'cron(0 19 ? * MON-FRI *)', ScheduleExpressionTimezone: 'Europe/Berlin' });
    expect(JSON.parse((made as { Target: { Input: string } }).Target.Input)).toEqual({ source: 'modelplane.schedule', action: 'pause', endpoint: name });
    expect(await schedule(name, 'resume')).toBe('ResourceNotFoundException');

    // A schedule-only change works while the endpoint is still creating.
    const both = await call({
      method: 'PATCH',
      path: `/v1/endpoints/${name}`,
      body: { resumeSchedule, pauseSchedule: { ...pauseSchedule, cron: '30 18 * * MON-FRI' } },
    });
    expect(both.status).toBe(202);
    expect(both.body).toMatchObject({ resumeSchedule, pauseSchedule: { cron: '30 18 * * MON-FRI' } });
    expect(await schedule(name, 'pause')).toMatchObject({ ScheduleExpression: 'cron(30 18 ? * MON-FRI *)' });
    expect(await schedule(name, 'resume')).toMatchObject({ ScheduleExpression: 'cron(0 7 ? * MON-FRI *)' });

    const removed = await call({ method: 'PATCH', path: `/v1/endpoints/${name}`, body: { pauseSchedule: null } });
    expect(removed.body.pauseSchedule).toBeUndefined();
    expect((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).body.resumeSchedule).toEqual(resumeSchedule);
    expect(await schedule(name, 'pause')).toBe('ResourceNotFoundException');

    await waitForEndpoint(call, name, 'running');
    expect((await call({ method: 'DELETE', path: `/v1/endpoints/${name}` })).status).toBe(202);
    await waitForEndpoint(call, name, 'gone');
    expect(await schedule(name, 'resume')).toBe('ResourceNotFoundException');
  });

  it('runs a due pause and a due resume through the events handler, in the schedule time zone, and nothing before it is due', async () => {
    const name = uniqueName('ep');
    const created = await call({
      method: 'POST',
      path: '/v1/endpoints',
      body: { name, model, version: 1, instanceType: 'ml.g5.2xlarge', pauseSchedule, resumeSchedule },
    });
    expect(created.status).toBe(202);
    await waitForEndpoint(call, name, 'running');

    // Friday 2026-12-04, 18:59 in Berlin (UTC+1).
    let now = new Date('2026-12-04T17:59:00Z');
    const ran: ScheduledAction[] = [];
    const local = new LocalScheduler({
      group: localResources.scheduleGroup,
      intervalMs: 60_000,
      now: () => now,
      target: async (action) => {
        if (action.endpoint !== name) return; // other suites' schedules share the group
        ran.push(action);
        await endpointEvents(action);
      },
    });
    try {
      now = new Date('2026-12-04T17:59:50Z');
      await local.poll();
      expect(ran).toEqual([]);
      now = new Date('2026-12-04T18:00:30Z');
      await local.poll();
      expect(ran).toEqual([{ source: 'modelplane.schedule', action: 'pause', endpoint: name }]);
      expect((await call({ method: 'GET', path: `/v1/endpoints/${name}` })).body.status).toBe('paused');
      await expect
        .poll(async () => (await call<{ sagemakerStatus: string }>({ method: 'GET', path: `/v1/endpoints/${name}` })).body.sagemakerStatus, { timeout: 10_000 })
        .toBe('Deleted');

      // The weekend passes with nothing due; Monday 07:00 in Berlin resumes it.
      now = new Date('2026-12-07T05:59:00Z');
      await local.poll();
      expect(ran).toHaveLength(1);
      now = new Date('2026-12-07T06:01:00Z');
      await local.poll();
      expect(ran.map((a) => a.action)).toEqual(['pause', 'resume']);
      await waitForEndpoint(call, name, 'running');
    } finally {
      await local.stop();
    }
  });
});
