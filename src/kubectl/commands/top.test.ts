import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootHarness, type Harness } from '../testing/harness.ts';

let h: Harness;
beforeAll(async () => { h = await bootHarness(); });
afterAll(() => h.cluster.stop());

// As kubectl v1.33 answers a cluster without metrics-server (`pilothouse serve` serves no metrics.k8s.io).
describe('kubectl top', () => {
  it.each([
    { line: 'kubectl top nodes', stderr: 'error: Metrics API not available\n' },
    { line: 'kubectl top pods', stderr: 'error: Metrics API not available\n' },
    { line: 'kubectl top pod -A --containers', stderr: 'error: Metrics API not available\n' },
    { line: 'kubectl top no n1', stderr: 'error: Metrics API not available\n' },
    { line: 'kubectl top nodes x y', stderr: "error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples\n" },
    { line: 'kubectl top po --sort-by=name', stderr: 'error: --sort-by accepts only cpu or memory\n' },
    { line: 'kubectl top pod web -l app=web', stderr: 'error: only one of NAME or selector can be provided\n' },
    { line: 'kubectl top node --containers', stderr: "error: unknown flag: --containers\nSee 'kubectl top node --help' for usage.\n" },
    { line: 'kubectl top foo', stderr: "error: unknown command \"foo\"\nSee 'kubectl top -h' for help and examples\n" },
  ])('$line', async ({ line, stderr }) => {
    expect(await h.kubectl(line)).toEqual({ stdout: '', stderr, exitCode: 1 });
  });

  it('prints its help on stderr without a subcommand', async () => {
    const r = await h.kubectl('kubectl top');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.startsWith('Display resource (CPU/memory) usage.\n')).toBe(true);
  });
});
