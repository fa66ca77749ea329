/**
 * `npm start`: the local control plane. Starts the emulator (or uses the one named in
 * AWS_ENDPOINT_URL), creates what the stack would create, and serves the API, the docs page
 * and the spec on 127.0.0.1:$PORT (default 8080). Ctrl-C stops everything it started.
 */
import { checkEmulator, describeExit, startEmulator, type Emulator } from './emulator.js';
import { startControlPlane } from './runtime.js';
import { localAuthModes, type LocalAuthMode } from './local-auth.js';
import { invocationThrottleFromEnv, throttleFromEnv } from './throttle.js';
import { localResources } from './bootstrap.js';

async function main(): Promise<void> {
  // The SDK's "needs Node 22 after January 2027" warning is noise here: this machine runs Node 20
  // on purpose and Lambda runs nodejs22.x (DEVELOPERS.md). The packager children inherit it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const auth = (process.env.MODELPLANE_LOCAL_AUTH ?? 'header') as LocalAuthMode;
  if (!localAuthModes.includes(auth)) throw new Error(`MODELPLANE_LOCAL_AUTH must be one of ${localAuthModes.join(', ')}, got ${auth}`);
  const throttle = throttleFromEnv(process.env);
  const invocationThrottle = invocationThrottleFromEnv(process.env);
  let emulator: Emulator | undefined;
  const external = process.env.AWS_ENDPOINT_URL;
  if (external) {
    await checkEmulator(external);
  } else {
    emulator = await startEmulator();
  }
  const endpoint = external ?? emulator!.endpoint;
  const plane = await startControlPlane({ emulatorEndpoint: endpoint, port, auth, throttle, invocationThrottle });
  console.log(`modelplane local control plane
  API        ${plane.url}/v1
  docs       ${plane.url}/docs
  spec       ${plane.url}/openapi.yaml
  emulator   ${endpoint}${external ? ' (given in AWS_ENDPOINT_URL)' : ` (moto 5.2.1, started by us, pid ${emulator!.pid})`}
  artifacts  s3://${localResources.artifactBucket}/ (in the emulator: upload weights here for S3-sourced versions and jobs)
  training   s3://${localResources.trainingBucket}/ (in the emulator: a source bucket, as a SageMaker training output bucket; package a prefix or a model.tar.gz from it)
  registry   ${plane.registryUrl ?? 'none: docker-registry is not installed (sudo apt-get install docker-registry); packaging with buildImage fails until it is'}
  ${auth === 'jwt' ? `auth       JWT (ID tokens, checked as the Cognito authorizer does); mint one: curl -s -X POST ${plane.url}/local/tokens -d '{"tenant":"team-a"}', send Authorization: Bearer <token>` : 'tenant     local (send X-Modelplane-Tenant to act as another; MODELPLANE_LOCAL_AUTH=jwt for real tokens)'}
  throttle   ${throttle ? `${throttle.rate}/s, burst ${throttle.burst} per tenant (MODELPLANE_LOCAL_RATE / _BURST, "off")` : 'off'}
  inference  stand-in models (local/inference: deterministic text, no model runs); ${invocationThrottle ? `${invocationThrottle.rate}/s, burst ${invocationThrottle.burst} per tenant (MODELPLANE_LOCAL_INVOKE_RATE / _BURST, "off")` : 'not throttled'}
Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    await plane.close();
    await emulator?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // An emulator we started that dies takes every AWS resource of this run with it (moto keeps
  // them in memory): nothing can recover them, so say what happened, once, and exit. With
  // AWS_ENDPOINT_URL the emulator is someone else's: the plane answers 503s while it is away
  // and says so once per outage (local/outage-log.ts).
  void emulator?.exited.then(async (exit) => {
    if (stopping || exit.stopped) return;
    stopping = true;
    console.error(`\nThe emulator (pid ${emulator.pid}) ${describeExit(exit)}; everything this run made in it is gone. Restart npm start.`);
    // Every AWS call now fails at once (ECONNREFUSED), so closing is quick; do not wait on it for long.
    await Promise.race([plane.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
