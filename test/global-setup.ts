import type { TestProject } from 'vitest/node';
import { checkEmulator, startEmulator, type Emulator } from '../local/emulator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorEndpoint: string;
  }
}

/**
 * One emulator for the whole run (integration suites share it and use unique names), or the
 * one given in AWS_ENDPOINT_URL. Unit suites do not touch it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.AWS_ENDPOINT_URL;
  let emulator: Emulator | undefined;
  if (external) await checkEmulator(external);
  // Endpoints settle in 0.4 s instead of the 2 s `npm start` uses, to keep the suites quick.
  else emulator = await startEmulator({ endpointTransitionSeconds: 0.4 });
  project.provide('emulatorEndpoint', external ?? emulator!.endpoint);
  return async () => {
    await emulator?.stop();
  };
}
