// The corpus fidelity test (DESIGN.md, "Oracles"; issue 4 item 3): every document of the
// Kubernetes website's examples is created, as `kubectl create -f` would, in a fresh cluster,
// and must be accepted, or refused exactly as a real v1.33 cluster refuses it
// (corpus-expectations.json lists each expected refusal, its reason and its source).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiServer } from '../src/engine/api/index.ts';
import { VirtualClock } from '../src/engine/clock/index.ts';
import { createMemoryStore } from '../src/engine/store/index.ts';
import { createAsKubectl, readCorpus, type CorpusDocument, type Outcome } from './corpus-apply.ts';
import { repoRoot } from './support/browser.ts';

// In CI the shared corpus sits beside the clone.
const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus', 'k8s-website-examples');

interface Expectation {
  document: string;
  reason: string;
  message: string;
  source: string;
}

const expectations: Expectation[] = JSON.parse(readFileSync(path.join(import.meta.dirname, 'corpus-expectations.json'), 'utf8')).refusals;

/** A fresh cluster: an apiserver over an empty memory store, with the `default` namespace. */
async function freshCluster() {
  const clock = new VirtualClock({ seed: 1 });
  const api = createApiServer({ store: createMemoryStore({ clock }), clock });
  await api.handle({ verb: 'create', group: '', version: 'v1', resource: 'namespaces', body: namespace('default') });
  return api;
}

const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/**
 * Creates a file's documents as a user following the example would: first the namespaces they
 * name (unless the file creates them) and the corpus CRDs their kinds need, then each document.
 */
async function createFile(docs: CorpusDocument[], crds: CorpusDocument[]): Promise<Map<string, Outcome>> {
  const api = await freshCluster();
  const created = new Set(docs.filter((d) => d.object.kind === 'Namespace').map((d) => d.object.metadata?.name));
  const needed = new Set(docs.map((d) => d.object.metadata?.namespace).filter((n): n is string => !!n && n !== 'default' && !created.has(n)));
  for (const name of needed) await api.handle({ verb: 'create', group: '', version: 'v1', resource: 'namespaces', body: namespace(name) });
  for (const crd of crds.filter((c) => docs.some((d) => servesKind(c, d)) && !docs.includes(c))) {
    const outcome = await createAsKubectl(api, api.registry, crd);
    if (!outcome.accepted) throw new Error(`the CRD ${crd.id} needed by ${docs[0]!.file} was refused: ${outcome.message}`);
  }
  const outcomes = new Map<string, Outcome>();
  for (const doc of docs) outcomes.set(doc.id, await createAsKubectl(api, api.registry, doc));
  return outcomes;
}

function servesKind(crd: CorpusDocument, doc: CorpusDocument): boolean {
  const spec = crd.object.spec as { group?: string; names?: { kind?: string } } | undefined;
  return doc.object.kind === spec?.names?.kind && doc.object.apiVersion?.startsWith(`${spec?.group ?? ''}/`) === true;
}

/** Where an outcome differs from a real cluster's, why; undefined when it is faithful. */
function wrongness(outcome: Outcome, expected: Expectation | undefined): string | undefined {
  if (outcome.accepted) return expected ? `accepted, but a real cluster refuses it: ${expected.message}` : undefined;
  if (!expected) return `refused, but a real cluster accepts it: ${outcome.message}`;
  return outcome.message === expected.message ? undefined : `refused with ${JSON.stringify(outcome.message)}, a real cluster says ${JSON.stringify(expected.message)}`;
}

// CI lays shared/ beside the clone: there, a missing corpus is a failure, never a skip.
if (!existsSync(corpusRoot) && process.env.CI === 'true') throw new Error(`the corpus is missing: ${corpusRoot}`);

describe.skipIf(!existsSync(corpusRoot))('the website examples are accepted or refused as a real v1.33 cluster does', () => {
  it('creates every document with kubectl create -f semantics', async () => {
    const documents = readCorpus(corpusRoot);
    const crds = documents.filter((d) => d.object.kind === 'CustomResourceDefinition');
    const byFile = new Map<string, CorpusDocument[]>();
    for (const d of documents) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    const expectedById = new Map(expectations.map((e) => [e.document, e]));
    let accepted = 0;
    let refused = 0;
    const wrong: string[] = [];
    for (const docs of byFile.values()) {
      for (const [id, outcome] of await createFile(docs, crds)) {
        const why = wrongness(outcome, expectedById.get(id));
        if (why) wrong.push(`${id}: ${why}`);
        else if (outcome.accepted) accepted++;
        else refused++;
      }
    }
    const unknown = expectations.filter((e) => !documents.some((d) => d.id === e.document)).map((e) => `${e.document}: expected but not in the corpus`);
    console.log(`corpus: ${accepted} accepted, ${refused} refused-as-real, ${wrong.length + unknown.length} wrong`);
    expect(documents).toHaveLength(418);
    expect([...wrong, ...unknown]).toEqual([]);
  });
});
