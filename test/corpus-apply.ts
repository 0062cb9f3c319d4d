// Reading the website examples as kubectl reads them, and creating them as `kubectl create -f`
// does, for the corpus fidelity test (corpus.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, type Tags } from 'yaml';
import { isStatusError, type ApiHandler, type KubeObject } from '../src/engine/api/index.ts';

/** One YAML document of the corpus, as kubectl would send it. */
export interface CorpusDocument {
  /** `pods/simple-pod.yaml#1`: the file, relative to the corpus root, and the document's place in it. */
  id: string;
  file: string;
  /** The document decoded as kubectl decodes it (undefined for an empty one). */
  object: KubeObject;
}

/** All documents of the corpus files under `root`, in path order. */
export function readCorpus(root: string): CorpusDocument[] {
  return yamlFiles(root).flatMap((file) =>
    kubectlDocuments(readFileSync(path.join(root, file), 'utf8')).map((object, i) => ({ id: `${file}#${i + 1}`, file, object })));
}

function yamlFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? yamlFiles(root, path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/**
 * A file's documents as kubectl reads them: apimachinery's YAMLReader splits the text on `---`
 * lines only, and sigs.k8s.io/yaml decodes each chunk with go-yaml v2, which reads the first YAML
 * document (so a `...` end marker drops what follows), resolves YAML 1.1 scalars (yes/no are
 * booleans) but keeps timestamps as strings, and accepts `\'` in double-quoted strings.
 * Chunks that decode to nothing are skipped, as kubectl's StreamVisitor does.
 */
export function kubectlDocuments(text: string): KubeObject[] {
  const chunks = text.split(/^---[ \t]*(?:#.*)?$/m);
  return chunks.flatMap((chunk) => {
    const value = decodeFirstDocument(chunk);
    return value !== null && value !== undefined ? [value as KubeObject] : [];
  });
}

const withoutTimestamps = (tags: Tags) => tags.filter((t) => t !== 'timestamp' && (typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:timestamp'));

function decodeFirstDocument(chunk: string): unknown {
  let text = chunk;
  for (;;) {
    const doc = parseAllDocuments(text, { version: '1.1', customTags: withoutTimestamps })[0];
    if (!doc || !('errors' in doc)) return undefined;
    // go-yaml's scanner takes `\'` in a double-quoted scalar as a plain quote; the yaml package refuses it.
    const escape = doc.errors.find((e) => e.code === 'BAD_DQ_ESCAPE' && text[e.pos[0]] === '\\' && text[e.pos[0] + 1] === "'");
    if (escape) {
      text = text.slice(0, escape.pos[0]) + text.slice(escape.pos[0] + 1);
      continue;
    }
    if (doc.errors.length) throw new Error(`YAML error: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS({ maxAliasCount: -1 });
  }
}

/** What `kubectl create -f` ended with for one document. */
export type Outcome = { accepted: true } | { accepted: false; message: string };

/** The registry lookup kubectl's REST mapper does through discovery. */
export interface KindMapper {
  lookupKind(group: string, version: string, kind: string): { group: string; version: string; resource: string; namespaced: boolean } | undefined;
}

/**
 * Creates one document as kubectl v1.33 does: maps its apiVersion/kind to a resource (or fails
 * as kubectl's mapper does), defaults the namespace of namespaced objects to `default`, and
 * POSTs it with fieldValidation=Strict. A refusal by the server is its Status message.
 */
export async function createAsKubectl(api: ApiHandler, mapper: KindMapper, doc: CorpusDocument): Promise<Outcome> {
  const { apiVersion = '', kind = '' } = doc.object;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) as [string, string] : ['', apiVersion];
  const info = mapper.lookupKind(group, version, kind);
  const name = doc.object.metadata?.name ?? '';
  const namespace = doc.object.metadata?.namespace ?? '';
  if (!info) {
    // kubectl/pkg/cmd/create (resource.Builder mapping error): what it prints after `error: `.
    return { accepted: false, message: `resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(namespace)} from ${JSON.stringify(doc.file)}: no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}\nensure CRDs are installed first` };
  }
  try {
    await api.handle({
      verb: 'create', group: info.group, version: info.version, resource: info.resource,
      ...(info.namespaced ? { namespace: namespace || 'default' } : {}),
      body: doc.object, query: { fieldValidation: 'Strict' },
    });
    return { accepted: true };
  } catch (e) {
    if (isStatusError(e)) return { accepted: false, message: e.status.message ?? '' };
    throw e;
  }
}
