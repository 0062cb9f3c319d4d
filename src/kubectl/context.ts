// What a kubectl invocation runs against: the client, a kubeconfig, the clock, a file reader.
import type { Clock } from '../engine/clock/index.ts';
import type { Client } from '../engine/client/index.ts';

/** A kubeconfig, in the shape of ~/.kube/config (clientcmd's v1 Config). */
export interface Kubeconfig {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: Array<{ name: string; cluster: { server: string } }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
  'current-context': string;
  users: Array<{ name: string; user: Record<string, string> }>;
  preferences: Record<string, never>;
}

/**
 * kubectl's discovery cache (~/.kube/cache/discovery/<host>): whether it holds a fresh copy of a
 * server's discovery, and recording that it now does. A cold cache costs the discovery requests
 * that --v=6 shows; where it lives depends on the host (a directory in Node, memory in a tab).
 */
export interface DiscoveryCache {
  isFresh(server: string): Promise<boolean>;
  markFetched(server: string): Promise<void>;
}

/** Everything a command line runs with. Commands such as `config use-context` mutate `kubeconfig`. */
export interface KubectlContext {
  client: Client;
  kubeconfig: Kubeconfig;
  /** Virtual time: timestamps of --v log lines. */
  clock: Clock;
  /** Reads `-f PATH`; absent where there is no file system (the browser). */
  readFile?: (path: string) => Promise<string>;
  /** What `-f -` reads: the text piped or pasted into kubectl, if any. */
  stdin?: string;
  /** `kubectl edit`: opens the text in an editor; the edited text, or undefined when the user cancels. */
  edit?: (text: string) => Promise<string | undefined>;
  /** Absent: discovery counts as cached (nothing logged), as for a kubectl that ran before. */
  discoveryCache?: DiscoveryCache;
}

/** The kubeconfig of a kubeadm cluster's admin, as `kubectl config view` shows it. */
export function defaultKubeconfig(): Kubeconfig {
  return {
    apiVersion: 'v1', kind: 'Config',
    clusters: [{ name: 'kubernetes', cluster: { server: 'https://127.0.0.1:6443' } }],
    contexts: [{ name: 'kubernetes-admin@kubernetes', context: { cluster: 'kubernetes', user: 'kubernetes-admin' } }],
    'current-context': 'kubernetes-admin@kubernetes',
    users: [{ name: 'kubernetes-admin', user: {} }],
    preferences: {},
  };
}
