// What the shell draws of the in-browser cluster: whether it booted, and the store's revision.
// Fed by boot.ts (the store's watch), read by components through selectors (STYLE.md §3).
import { create } from 'zustand';

export type BootPhase = 'booting' | 'ready' | 'failed';

export interface ClusterView {
  phase: BootPhase;
  /** The store's current revision (etcd's header.revision); 0 until the store has opened. */
  revision: number;
  /** Why booting failed, in words for the user. */
  error?: string;
}

export const initialClusterView: ClusterView = { phase: 'booting', revision: 0 };

export const useCluster = create<ClusterView>(() => initialClusterView);

/** A revision seen in a response or watch event; revisions only move forward. */
export function observeRevision(revision: number): void {
  useCluster.setState((s) => (revision > s.revision ? { revision } : s));
}
