// ComponentStatus: never stored. Each get or list probes the control-plane components the
// apiserver knows of and reports one Healthy condition per component, with v1's deprecation
// warning on every request. Models pkg/registry/core/componentstatus/rest.go (List, Get,
// getComponentStatus) and validator.go (Server.DoServerCheck, EtcdServer.DoServerCheck).
import { plainFailure } from './errors.ts';
import type { ResourceInfo } from './registry.ts';
import type { ApiRequest } from './request.ts';
import { compileListFilter } from './selection.ts';
import type { KubeList, KubeObject } from './types.ts';

/** A probe's outcome as a condition status: Success → True, Failure → False, an error → Unknown. */
export interface ComponentCheck {
  status: 'True' | 'False' | 'Unknown';
  /** The probe's body (`ok`), or the failed request's text. */
  message: string;
  /** The probe's own error, when it could not run at all. */
  error: string;
}

/** A control-plane component `kubectl get componentstatuses` reports (upstream's validator Server). */
export interface ComponentProbe {
  name: string;
  check(): ComponentCheck;
}

/** A component whose /healthz answers 200 `ok` (kube-scheduler, kube-controller-manager), or etcd's probe succeeding. */
export function healthyComponent(name: string): ComponentProbe {
  return { name, check: () => ({ status: 'True', message: 'ok', error: '' }) };
}

/**
 * A component nothing listens for: the HTTP prober's failed GET. httpprober turns a dial error
 * into a Failure whose message is the error text, with no error of its own.
 */
export function unreachableComponent(name: string, healthzURL: string): ComponentProbe {
  const host = new URL(healthzURL).host;
  return { name, check: () => ({ status: 'False', message: `Get "${healthzURL}": dial tcp ${host}: connect: connection refused`, error: '' }) };
}

/** The components a kubeadm control plane's apiserver probes, at their fixed local addresses. */
export const SCHEDULER_HEALTHZ = 'https://127.0.0.1:10259/healthz';
export const CONTROLLER_MANAGER_HEALTHZ = 'https://127.0.0.1:10257/healthz';

/** What an apiserver with no other components configured reports: its own etcd, reachable. */
export const ETCD_ONLY: ComponentProbe[] = [healthyComponent('etcd-0')];

export const isComponentStatuses = (info: ResourceInfo): boolean => info.group === '' && info.resource === 'componentstatuses';

function statusOf(probe: ComponentProbe): KubeObject {
  const { status, message, error } = probe.check();
  return {
    // An object built in memory has a zero creationTimestamp, which Go encodes as null.
    metadata: { name: probe.name, creationTimestamp: null } as unknown as KubeObject['metadata'],
    conditions: [{ type: 'Healthy', status, message, ...(error ? { error } : {}) }],
  };
}

/**
 * Serves get and list (the only verbs the resource has). A list honours label and field
 * selectors like any predicate (the statuses carry no labels, so a label selector matches
 * none). An unknown name is a plain Go error upstream, which ErrorToAPIStatus turns into a 500
 * with no reason (kubectl: `Error from server: Component not found: x`).
 */
export function serveComponentStatus(probes: ComponentProbe[], info: ResourceInfo, req: ApiRequest): KubeObject | KubeList {
  if (req.verb === 'get') {
    const probe = probes.find((p) => p.name === req.name);
    if (!probe) throw plainFailure(500, `Component not found: ${req.name ?? ''}`);
    return { kind: 'ComponentStatus', apiVersion: 'v1', ...statusOf(probe) };
  }
  const filter = compileListFilter(info, req.query ?? {});
  const items = probes.map(statusOf).filter(filter);
  return { kind: 'ComponentStatusList', apiVersion: 'v1', metadata: {}, items };
}
