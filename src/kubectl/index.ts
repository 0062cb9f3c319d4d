// kubectl, simulated: a terminal line in, what the real kubectl v1.33 would print out.
export { run, stream, type LineSink, type RunningLine } from './kubectl.ts';
export { defaultKubeconfig, type DiscoveryCache, type KubectlContext, type Kubeconfig } from './context.ts';
export { createMemoryDiscoveryCache, DISCOVERY_CACHE_TTL_MS } from './discoverycache.ts';
export { runScript, scriptLines, formatTranscript, formatJsonLines, type ScriptOptions, type ScriptStep } from './script.ts';
export type { ProcessResult } from './shell/tools.ts';
export { COMMANDS } from './commands/registry.ts';
export type { Command, Invocation, Output } from './commands/command.ts';
