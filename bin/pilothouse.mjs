#!/usr/bin/env node
// The `pilothouse` npm bin: runs src/cli/main.ts through tsx's loader, so that `npx pilothouse`
// works from a fresh clone with no build step.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/cli/main.ts', import.meta.url);
const code = await main(process.argv.slice(2));
// A long-running command (serve) resolves only when it is done; set the code, let Node exit.
process.exitCode = code;
