import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/clock/index.ts';
import { createClient, createInProcessTransport } from '../../engine/client/index.ts';
import { createApiServer } from '../../engine/api/index.ts';
import { createMemoryStore } from '../../engine/store/index.ts';
import { defaultKubeconfig, type KubectlContext } from '../context.ts';
import { run } from '../kubectl.ts';
import { DEBUG_HELP } from './debug.ts';
import { SUBCOMMAND_HELP } from './help-subcommands.ts';

// Help needs no cluster: an apiserver nobody asks.
const clock = new VirtualClock({ seed: 1 });
const ctx: KubectlContext = { client: createClient(createInProcessTransport(createApiServer({ store: createMemoryStore({ clock }), clock }))), kubeconfig: defaultKubeconfig(), clock };

// The texts are kubectl v1.33's; the oracle sequence "help" compares a few of them live.
describe("a command group's subcommand help", () => {
  it.each([
    { line: 'kubectl rollout status --help', key: 'rollout status', first: 'Show the status of the rollout.' },
    { line: 'kubectl rollout undo -h', key: 'rollout undo', first: 'Roll back to a previous rollout.' },
    { line: 'kubectl config use-context --help', key: 'config use-context', first: 'Set the current-context in a kubeconfig file.' },
    { line: 'kubectl config use --help', key: 'config use-context', first: 'Set the current-context in a kubeconfig file.' },
    { line: 'kubectl top po --help', key: 'top pod', first: 'Display resource (CPU/memory) usage of pods.' },
    { line: 'kubectl auth can-i -h', key: 'auth can-i', first: 'Check whether an action is allowed.' },
  ])('$line prints the subcommand\'s own help', async ({ line, key, first }) => {
    const result = await run(line, ctx);
    expect(result).toEqual({ stdout: SUBCOMMAND_HELP[key], stderr: '', exitCode: 0 });
    expect(result.stdout.split('\n')[0]).toBe(first);
  });

  it('prints the group help for a word that names no subcommand', async () => {
    expect((await run('kubectl rollout bogus --help', ctx)).stdout.split('\n')[0]).toBe('Manage the rollout of one or many resources.');
  });
});

describe('kubectl debug', () => {
  it('prints the real help', async () => {
    expect(await run('kubectl debug --help', ctx)).toEqual({ stdout: DEBUG_HELP, stderr: '', exitCode: 0 });
    expect(DEBUG_HELP.split('\n')[0]).toBe('Debug cluster resources using interactive debugging containers.');
  });

  it.each(['kubectl debug -it web --image=busybox', 'kubectl debug node/worker-1 -it --image=ubuntu', 'kubectl debug web --copy-to=web-debug --set-image=*=busybox'])('refuses %s in one line', async (line) => {
    expect(await run(line, ctx)).toEqual({ stdout: '', stderr: 'error: Pilothouse does not support ephemeral debug containers (kubectl debug) yet\n', exitCode: 1 });
  });

  it('still refuses a flag debug does not have, as cobra does', async () => {
    expect(await run('kubectl debug --bogus', ctx)).toEqual({ stdout: '', stderr: "error: unknown flag: --bogus\nSee 'kubectl debug --help' for usage.\n", exitCode: 1 });
  });
});
