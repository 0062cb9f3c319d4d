// The Node command line's public face, for tests that cross rooms (test/kubectl-oracle.test.ts
// runs `pilothouse kubectl` in-process).
export { main, usage, COMMANDS, type Command } from './main.ts';
export { runKubectlCli, commandLine, type KubectlCliIo } from './kubectl.ts';
export { runFile, type RunIo } from './run.ts';
export { nodeFetch, type NodeFetchOptions } from './httpsfetch.ts';
export { nodeWebSocket } from './httpsws.ts';
