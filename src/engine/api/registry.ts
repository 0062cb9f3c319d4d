// The resource registry: every resource the apiserver serves, with what discovery and
// `kubectl api-resources` show. Scopes, verbs and subresources come from the v1.33 OpenAPI
// documents (generated/discovery.json, scripts/gen-discovery.mjs); short names, categories and
// storage prefixes are what upstream's REST storage declares (pkg/registry/*/storage/storage.go
// ShortNames/Categories, and the etcd prefixes of pkg/kubeapiserver/default_storage_factory_builder.go).
import discovery from './generated/discovery.json' with { type: 'json' };
import type { Verb } from './request.ts';

export interface SubresourceInfo {
  name: string;
  kind: string;
  verbs: Verb[];
}

/** One served resource at one group-version. */
export interface ResourceInfo {
  group: string;
  version: string;
  /** Plural, lowercase: `pods`. */
  resource: string;
  /** Lowercase kind: `pod`. */
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: Verb[];
  shortNames: string[];
  categories: string[];
  subresources: SubresourceInfo[];
  /** etcd key prefix under /registry, e.g. `pods`, `services/specs`, `minions`. */
  storagePrefix: string;
  /** The kind's group-version used for storage: all versions of a resource share one key space. */
  storageVersion: string;
  /** Served by a CustomResourceDefinition. */
  custom?: { crdName: string };
}

/** A cluster spec's API switches. resource.k8s.io (DRA) is off by default in v1.33, as upstream. */
export interface ApiFeatures {
  dynamicResourceAllocation?: boolean;
}

// metadata upstream's REST storage adds on top of what OpenAPI says. Key: `group/resource`.
const SHORT_NAMES: Record<string, string[]> = {
  '/componentstatuses': ['cs'], '/configmaps': ['cm'], '/endpoints': ['ep'], '/events': ['ev'],
  '/limitranges': ['limits'], '/namespaces': ['ns'], '/nodes': ['no'], '/persistentvolumeclaims': ['pvc'],
  '/persistentvolumes': ['pv'], '/pods': ['po'], '/replicationcontrollers': ['rc'], '/resourcequotas': ['quota'],
  '/serviceaccounts': ['sa'], '/services': ['svc'],
  'apiextensions.k8s.io/customresourcedefinitions': ['crd', 'crds'],
  'apps/daemonsets': ['ds'], 'apps/deployments': ['deploy'], 'apps/replicasets': ['rs'], 'apps/statefulsets': ['sts'],
  'autoscaling/horizontalpodautoscalers': ['hpa'], 'batch/cronjobs': ['cj'],
  'certificates.k8s.io/certificatesigningrequests': ['csr'], 'events.k8s.io/events': ['ev'],
  'networking.k8s.io/ingresses': ['ing'], 'networking.k8s.io/networkpolicies': ['netpol'],
  'policy/poddisruptionbudgets': ['pdb'], 'scheduling.k8s.io/priorityclasses': ['pc'], 'storage.k8s.io/storageclasses': ['sc'],
};

const ALL = ['all'];
const CATEGORIES: Record<string, string[]> = {
  '/pods': ALL, '/replicationcontrollers': ALL, '/services': ALL,
  'apps/daemonsets': ALL, 'apps/deployments': ALL, 'apps/replicasets': ALL, 'apps/statefulsets': ALL,
  'autoscaling/horizontalpodautoscalers': ALL, 'batch/cronjobs': ALL, 'batch/jobs': ALL,
  'apiextensions.k8s.io/customresourcedefinitions': ['api-extensions'],
  'apiregistration.k8s.io/apiservices': ['api-extensions'],
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': ['api-extensions'],
  'admissionregistration.k8s.io/validatingwebhookconfigurations': ['api-extensions'],
  'admissionregistration.k8s.io/validatingadmissionpolicies': ['api-extensions'],
  'admissionregistration.k8s.io/validatingadmissionpolicybindings': ['api-extensions'],
};

// Upstream stores a few resources under legacy etcd prefixes.
const STORAGE_PREFIX: Record<string, string> = {
  '/nodes': 'minions', '/services': 'services/specs', '/endpoints': 'services/endpoints',
  '/replicationcontrollers': 'controllers', 'networking.k8s.io/ingresses': 'ingress',
  'events.k8s.io/events': 'events', 'apiextensions.k8s.io/customresourcedefinitions': 'apiextensions.k8s.io/customresourcedefinitions',
  'apiregistration.k8s.io/apiservices': 'apiregistration.k8s.io/apiservices',
  'storage.k8s.io/csidrivers': 'csidrivers', 'storage.k8s.io/csinodes': 'csinodes',
};

// The version a group serves first (discovery's preferredVersion) where a group has several.
const PREFERRED_VERSION: Record<string, string> = { autoscaling: 'v2', 'resource.k8s.io': 'v1beta2' };

/** Group-versions a default v1.33 cluster serves: the GA ones; alpha and beta are off by default. */
function isServed(group: string, version: string, features: ApiFeatures): boolean {
  if (group === 'resource.k8s.io') return !!features.dynamicResourceAllocation && version.startsWith('v1beta');
  return /^v\d+$/.test(version);
}

export interface GroupVersionInfo {
  group: string;
  version: string;
  resources: ResourceInfo[];
}

/** The set of served resources; CRDs add and remove theirs at run time. */
export class Registry {
  private readonly builtins: GroupVersionInfo[];
  private custom: GroupVersionInfo[] = [];
  /** Group-versions of extension API servers (aggregator.ts), listed after everything local. */
  private aggregated: GroupVersionInfo[] = [];

  constructor(features: ApiFeatures = {}) {
    this.builtins = discovery.groups
      .filter((g) => isServed(g.group, g.version, features))
      .map((g) => ({
        group: g.group, version: g.version,
        resources: g.resources.map((r) => builtinResource(g.group, g.version, r)),
      }));
  }

  /** Every served group-version, core first, then groups in discovery order. */
  groupVersions(): GroupVersionInfo[] {
    return [...this.builtins, ...this.custom, ...this.aggregated];
  }

  /** Groups with their versions, preferred version first (what /apis lists). */
  groups(): Array<{ group: string; versions: string[]; preferredVersion: string }> {
    const byGroup = new Map<string, string[]>();
    for (const gv of this.groupVersions()) byGroup.set(gv.group, [...(byGroup.get(gv.group) ?? []), gv.version]);
    return [...byGroup].map(([group, versions]) => {
      const preferred = PREFERRED_VERSION[group] && versions.includes(PREFERRED_VERSION[group]) ? PREFERRED_VERSION[group] : versions[0]!;
      return { group, versions: [preferred, ...versions.filter((v) => v !== preferred)], preferredVersion: preferred };
    });
  }

  /** The resource at exactly this group/version/plural, if served. */
  lookup(group: string, version: string, resource: string): ResourceInfo | undefined {
    return this.groupVersions().find((gv) => gv.group === group && gv.version === version)
      ?.resources.find((r) => r.resource === resource);
  }

  /** The resource serving this kind at this group-version, if any (for decoding bodies). */
  lookupKind(group: string, version: string, kind: string): ResourceInfo | undefined {
    return this.groupVersions().find((gv) => gv.group === group && gv.version === version)
      ?.resources.find((r) => r.kind === kind);
  }

  isGroupVersionServed(group: string, version: string): boolean {
    return this.groupVersions().some((gv) => gv.group === group && gv.version === version);
  }

  /** Adds (or with no resources, removes) an extension API server's group-version. */
  setAggregated(group: string, version: string, resources: ResourceInfo[]): void {
    this.aggregated = this.aggregated.filter((gv) => gv.group !== group || gv.version !== version);
    if (resources.length) this.aggregated.push({ group, version, resources });
  }

  /** Replaces the resources served for CustomResourceDefinitions. */
  setCustomResources(resources: ResourceInfo[]): void {
    const byGv = new Map<string, GroupVersionInfo>();
    for (const r of resources) {
      const k = `${r.group}/${r.version}`;
      const gv = byGv.get(k) ?? byGv.set(k, { group: r.group, version: r.version, resources: [] }).get(k)!;
      gv.resources.push(r);
    }
    this.custom = [...byGv.values()];
  }
}

function builtinResource(group: string, version: string, r: (typeof discovery.groups)[number]['resources'][number]): ResourceInfo {
  const key = `${group}/${r.resource}`;
  return {
    group, version, resource: r.resource, singular: r.kind.toLowerCase(), kind: r.kind, namespaced: r.namespaced,
    verbs: r.verbs as Verb[], shortNames: SHORT_NAMES[key] ?? [], categories: CATEGORIES[key] ?? [],
    subresources: r.subresources.map((s) => ({ name: s.name, kind: s.kind, verbs: s.verbs as Verb[] })),
    storagePrefix: STORAGE_PREFIX[key] ?? r.resource,
    storageVersion: group === 'autoscaling' ? 'v2' : version,
  };
}
