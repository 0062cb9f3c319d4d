// kube-aggregator's proxy, in process: an extension API server (metrics-server) registers its
// group-version, which then appears in discovery after the built-in groups and the CRDs (its
// APIService's low groupPriorityMinimum puts it last), and requests for it are authorized
// here and handed to it. A real aggregator proxies over HTTPS to the APIService's Service and
// the extension server authorizes by SubjectAccessReview; the RBAC outcome is the same.
// Models staging/src/k8s.io/kube-aggregator/pkg/apiserver/handler_proxy.go (proxyHandler).
import type { ResourceInfo } from './registry.ts';
import type { ApiRequest, ApiResponse, UserInfo, Verb } from './request.ts';

/** One resource an extension API server serves, as its discovery document lists it. */
export interface AggregatedResource {
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: Verb[];
}

/** An extension API server behind an APIService (`v1beta1.metrics.k8s.io`). */
export interface AggregatedAPI {
  group: string;
  version: string;
  resources: AggregatedResource[];
  /** Serves an authorized request for one of its resources. Throws StatusError. */
  handle(req: ApiRequest, user: UserInfo): Promise<ApiResponse>;
}

/** The registry's view of an aggregated resource: served, not stored. */
export function aggregatedResourceInfo(api: AggregatedAPI, r: AggregatedResource): ResourceInfo {
  return {
    group: api.group, version: api.version, resource: r.resource, singular: r.kind.toLowerCase(), kind: r.kind,
    namespaced: r.namespaced, verbs: r.verbs, shortNames: [], categories: [], subresources: [],
    storagePrefix: `${api.group}/${r.resource}`, storageVersion: api.version,
  };
}
