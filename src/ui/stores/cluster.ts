// What the shell draws of the in-browser cluster: whether it booted, its latest resourceVersion
// (the store revision of the newest write seen) and its namespaces. Fed by watches through the
// client, read by components through selectors (STYLE.md §3).
import { create } from 'zustand';
import { resources, type Client } from '../../engine/client/index.ts';

export type BootPhase = 'booting' | 'ready' | 'failed';

export interface ClusterView {
  phase: BootPhase;
  /** The newest resourceVersion seen (the store's revision at that write); 0 until booted. */
  revision: number;
  namespaces: string[];
  /** Why booting failed, in words for the user. */
  error?: string;
}

export const initialClusterView: ClusterView = { phase: 'booting', revision: 0, namespaces: [] };

export const useCluster = create<ClusterView>(() => initialClusterView);

/** A resourceVersion seen in a list or watch event; revisions only move forward. */
export function observeRevision(resourceVersion: string | undefined): void {
  const revision = Number(resourceVersion ?? 0);
  useCluster.setState((s) => (revision > s.revision ? { revision } : s));
}

/**
 * Lists then watches namespaces and the kube-system leases (the apiserver renews its identity
 * lease every 10 s, so the revision moves as on a real cluster). Returns a function that stops.
 */
export async function feedClusterView(client: Client): Promise<() => void> {
  const namespaces = await client.list(resources.namespaces);
  const leases = await client.list({ ...resources.leases, namespace: 'kube-system' });
  observeRevision(namespaces.metadata.resourceVersion);
  observeRevision(leases.metadata.resourceVersion);
  useCluster.setState({ phase: 'ready', namespaces: namespaces.items.map((n) => n.metadata?.name ?? '') });
  const nsWatch = await client.watch(resources.namespaces, { resourceVersion: namespaces.metadata.resourceVersion }, (ev) => {
    observeRevision(ev.object.metadata?.resourceVersion);
    const name = ev.object.metadata?.name ?? '';
    if (ev.type === 'ADDED') useCluster.setState((s) => ({ namespaces: [...s.namespaces, name].sort() }));
    if (ev.type === 'DELETED') useCluster.setState((s) => ({ namespaces: s.namespaces.filter((n) => n !== name) }));
  });
  const leaseWatch = await client.watch({ ...resources.leases, namespace: 'kube-system' }, { resourceVersion: leases.metadata.resourceVersion },
    (ev) => observeRevision(ev.object.metadata?.resourceVersion));
  return () => {
    nsWatch.stop();
    leaseWatch.stop();
  };
}
