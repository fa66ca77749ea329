#!/usr/bin/env node
/**
 * The `modelplane` command from a checkout, with no build step: registers tsx (a devDependency)
 * to run the TypeScript sources with the repository's tsconfig.json, whose `paths` resolve
 * `@modelplane/sdk` to sdk/src, then runs cli/main.ts. Paths are taken from this file, not
 * the working directory, so it works from anywhere.
 */
import { fileURLToPath, URL } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('./main.ts');
