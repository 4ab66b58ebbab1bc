#!/usr/bin/env node
// The `iro` command: loads the TypeScript sources through tsx so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
// Before any work: how the engine collects garbage, for this process and its report thread (decision 18).
(await import('../src/app/garbage-collection.ts')).settleGarbageCollection();
const { main } = await import('../src/cli/main.ts');
// The web server keeps the process alive by itself; every other command ends with its exit code.
process.exitCode = await main(process.argv.slice(2));
