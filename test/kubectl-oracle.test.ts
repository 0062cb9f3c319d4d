// Our kubectl against the real one (DESIGN.md: the real kubectl v1.33 is the oracle). Every line
// of test/kubectl-oracle.yaml runs through the real kubectl and through `pilothouse kubectl`
// against the same served cluster; stdout, stderr and the exit code must be identical, but for
// wall-clock and process text (see normalize). A difference fails the test unless the data
// file's knownGaps lists it with its reason; a listed gap that no longer differs fails too, so
// the list only ever shrinks to what is true.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTool, titleWithTool } from './support/tools.ts';
import { normalize, parseOracleData, runSequence, type Outcome } from './kubectl-oracle-harness.ts';

const kubectlPath = findTool('kubectl');
const withKubectl = kubectlPath ? describe : describe.skip;
const data = parseOracleData(await readFile(path.join(import.meta.dirname, 'kubectl-oracle.yaml'), 'utf8'));

interface Compared {
  sequence: string;
  line: string;
  real: Outcome;
  ours: Outcome;
}

const same = (a: Outcome, b: Outcome) => a.exitCode === b.exitCode && normalize(a.stdout) === normalize(b.stdout) && normalize(a.stderr) === normalize(b.stderr);

const compared: Compared[] = [];
let root: string | undefined;

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

withKubectl(titleWithTool('our kubectl against the real kubectl v1.33', 'kubectl', kubectlPath), () => {
  it.each(data.sequences.map((s) => [s.name, s] as const))('%s', async (_name, sequence) => {
    root ??= await mkdtemp(path.join(tmpdir(), 'pilothouse-oracle-'));
    const dir = await mkdtemp(path.join(root, 'seq-'));
    const real = await runSequence(sequence, 'real', { kubectl: kubectlPath!, dir, port: 0 });
    const ours = await runSequence(sequence, 'ours', { kubectl: kubectlPath!, dir, port: real.port });
    sequence.lines.forEach((line, i) => compared.push({ sequence: sequence.name, line, real: real.outcomes[i]!, ours: ours.outcomes[i]! }));
  }, 120_000);

  it('differs from the real kubectl only where a known gap says so', () => {
    const identical = compared.filter((c) => same(c.real, c.ours));
    console.log(`kubectl-oracle: ${compared.length} commands, ${identical.length} identical`);
    const isGap = (c: Compared) => data.knownGaps.some((g) => g.sequence === c.sequence && g.line === c.line);
    const unexpected = compared.filter((c) => !same(c.real, c.ours) && !isGap(c)).map(describeDifference);
    const stale = data.knownGaps.filter((g) => {
      const c = compared.find((x) => x.sequence === g.sequence && x.line === g.line);
      return !c || same(c.real, c.ours);
    }).map((g) => `${g.sequence}: ${g.line} (listed as a known gap, but ${compared.some((x) => x.line === g.line) ? 'now identical' : 'not in the sequences'})`);
    expect(unexpected).toEqual([]);
    expect(stale).toEqual([]);
  });
});

// A readable report of one difference: the line, then each stream that differs, real then ours.
function describeDifference(c: Compared): string {
  const parts = [`${c.sequence}: kubectl ${c.line.replace(/^kubectl /, '')}`];
  if (c.real.exitCode !== c.ours.exitCode) parts.push(`  exit code: real ${c.real.exitCode}, ours ${c.ours.exitCode}`);
  for (const stream of ['stdout', 'stderr'] as const) {
    const r = normalize(c.real[stream]), o = normalize(c.ours[stream]);
    if (r !== o) parts.push(`  ${stream}:\n  --- real\n${indent(r)}\n  --- ours\n${indent(o)}`);
  }
  return parts.join('\n');
}

const indent = (text: string) => text.split('\n').map((l) => `    ${l}`).join('\n');
