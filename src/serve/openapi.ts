// OpenAPI v3, as kube-apiserver serves it (staging/src/k8s.io/kube-openapi/pkg/handler3):
// /openapi/v3 lists one document per served group-version with a `serverRelativeURL` that
// carries the document's hash, and /openapi/v3/<api/v1|apis/G/V> serves the document itself.
// The documents are the real v1.33 ones committed gzipped by scripts/gen-openapi.mjs; kubectl
// reads them for `explain` and to check that the server does field validation (apply, create).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ApiServer } from '../engine/api/index.ts';
import { etagOf, type ServedDocument } from './servecontent.ts';

const DOCUMENTS = path.resolve(import.meta.dirname, '..', 'engine', 'api', 'generated', 'openapi-v3');

interface OpenApiIndexFile {
  paths: Record<string, string>;
}

/** The per-group-version documents, gunzipped once on first use. */
export class OpenApiV3 {
  private hashes?: Record<string, string>;
  private readonly documents = new Map<string, ServedDocument>();
  private discoveryDoc?: ServedDocument;

  constructor(private readonly registry: ApiServer['registry'], private readonly lastModified: Date) {}

  private async index(): Promise<Record<string, string>> {
    this.hashes ??= (JSON.parse(await readFile(path.join(DOCUMENTS, 'index.json'), 'utf8')) as OpenApiIndexFile).paths;
    return this.hashes;
  }

  /** Only the group-versions this cluster serves: a v1.33 cluster does not list its alpha APIs. */
  private isServed(rel: string): boolean {
    const parts = rel.split('/');
    if (parts[0] === 'api') return parts[1] === 'v1';
    return parts.length === 3 && this.registry.isGroupVersionServed(parts[1]!, parts[2]!);
  }

  /** GET /openapi/v3. */
  async discovery(): Promise<{ paths: Record<string, { serverRelativeURL: string }> }> {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const [rel, hash] of Object.entries(await this.index()))
      if (this.isServed(rel)) paths[rel] = { serverRelativeURL: `/openapi/v3/${rel}?hash=${hash}` };
    return { paths };
  }

  /** GET /openapi/v3 as a document with its ETag (handler3 HandleDiscovery: the hash of its JSON). */
  async discoveryDocument(): Promise<ServedDocument> {
    if (!this.discoveryDoc) {
      const bytes = Buffer.from(JSON.stringify(await this.discovery()));
      this.discoveryDoc = { bytes, contentType: 'application/json', etag: etagOf(bytes), lastModified: this.lastModified };
    }
    return this.discoveryDoc;
  }

  /**
   * GET /openapi/v3/<rel>: the document, its ETag the hash its serverRelativeURL carries (the
   * SHA-512 of these very bytes), or undefined when there is none.
   */
  async document(rel: string): Promise<ServedDocument | undefined> {
    const index = await this.index();
    if (!Object.hasOwn(index, rel) || !this.isServed(rel)) return undefined;
    let doc = this.documents.get(rel);
    if (!doc) {
      const bytes = gunzipSync(await readFile(path.join(DOCUMENTS, `${rel}.json.gz`)));
      doc = { bytes, contentType: 'application/json', etag: index[rel]!, lastModified: this.lastModified };
      this.documents.set(rel, doc);
    }
    return doc;
  }
}
