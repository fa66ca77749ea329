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
  else emulator = await startEmulator();
  project.provide('emulatorEndpoint', external ?? emulator!.endpoint);
  return async () => {
    await emulator?.stop();
  };
}
