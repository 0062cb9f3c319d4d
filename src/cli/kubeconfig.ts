// Reading a kubeconfig the way kubectl finds and reads one: `--kubeconfig`, else $KUBECONFIG,
// else ~/.kube/config; its current context (or --context) names a cluster (server, CA) and a
// user (bearer token), and may set a namespace.
// Models client-go/tools/clientcmd/loader.go (ClientConfigLoadingRules) and
// client_config.go (DirectClientConfig.ClientConfig). Unlike upstream, several files in
// $KUBECONFIG are not merged: the first one that exists is read.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import type { Kubeconfig } from '../kubectl/index.ts';

/** What a client needs from the kubeconfig to reach its cluster. */
export interface ResolvedKubeconfig {
  /** The file it came from. */
  path: string;
  contextName: string;
  /** The cluster's URL, `https://127.0.0.1:6443`. */
  server: string;
  /** PEM of the CA to trust (certificate-authority-data, or the certificate-authority file). */
  caData?: string;
  insecureSkipTLSVerify: boolean;
  token?: string;
  /** The context's namespace, if it sets one. */
  namespace?: string;
  /** The file in the shape kubectl's context keeps (config view, current-context, --v=6 URLs). */
  kubeconfig: Kubeconfig;
}

/** A kubeconfig that cannot be used, with kubectl's wording where it has one. */
export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
}

interface RawKubeconfig {
  clusters?: Array<{ name?: string; cluster?: Record<string, unknown> }>;
  users?: Array<{ name?: string; user?: Record<string, unknown> }>;
  contexts?: Array<{ name?: string; context?: { cluster?: string; user?: string; namespace?: string } }>;
  'current-context'?: string;
}

/** Which file kubectl would read: the flag, else the first existing $KUBECONFIG entry, else ~/.kube/config. */
export function kubeconfigPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return flag;
  const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  return fromEnv.find((p) => existsSync(p)) ?? fromEnv[0] ?? path.join(env.HOME ?? homedir(), '.kube', 'config');
}

/** Reads and resolves the kubeconfig at `file`, for `contextName` or its current context. */
export async function loadKubeconfig(file: string, contextName?: string): Promise<ResolvedKubeconfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new KubeconfigError(`stat ${file}: no such file or directory`);
  }
  return resolveKubeconfig(text, file, contextName);
}

/** Resolves a kubeconfig's text (pure: a certificate-authority file is the only thing read). */
export async function resolveKubeconfig(text: string, file: string, contextName?: string): Promise<ResolvedKubeconfig> {
  const raw = (parseYaml(text) ?? {}) as RawKubeconfig;
  const name = contextName || raw['current-context'];
  // clientcmd's messages when nothing is configured, or the named context is missing.
  if (!name) throw new KubeconfigError('invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable');
  const context = raw.contexts?.find((c) => c.name === name)?.context;
  if (!context) throw new KubeconfigError(`context was not found for specified context: ${name}`);
  const cluster = raw.clusters?.find((c) => c.name === context.cluster)?.cluster;
  if (!cluster || typeof cluster.server !== 'string') throw new KubeconfigError(`cluster has no server defined`);
  const user = raw.users?.find((u) => u.name === context.user)?.user ?? {};
  const caData = typeof cluster['certificate-authority-data'] === 'string'
    ? Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8')
    : typeof cluster['certificate-authority'] === 'string'
      ? await readFile(path.resolve(path.dirname(file), cluster['certificate-authority']), 'utf8') : undefined;
  const token = typeof user.token === 'string' ? user.token : undefined;
  return {
    path: file, contextName: name, server: cluster.server,
    ...(caData !== undefined ? { caData } : {}),
    insecureSkipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
    ...(token !== undefined ? { token } : {}),
    ...(context.namespace ? { namespace: context.namespace } : {}),
    kubeconfig: kubectlView(raw),
  };
}

// The kubeconfig in the shape of the kubectl room's context: names, servers, namespaces;
// credentials only as the strings kubectl keeps (config view redacts them itself).
function kubectlView(raw: RawKubeconfig): Kubeconfig {
  return {
    apiVersion: 'v1', kind: 'Config',
    // Every field as text (config view prints them, redacted); `server` always present.
    clusters: (raw.clusters ?? []).map((c) => ({ name: c.name ?? '', cluster: { ...stringFields(c.cluster), server: String(c.cluster?.server ?? '') } })),
    contexts: (raw.contexts ?? []).map((c) => ({
      name: c.name ?? '',
      context: { cluster: c.context?.cluster ?? '', user: c.context?.user ?? '', ...(c.context?.namespace ? { namespace: c.context.namespace } : {}) },
    })),
    'current-context': raw['current-context'] ?? '',
    users: (raw.users ?? []).map((u) => ({
      name: u.name ?? '',
      user: stringFields(u.user),
    })),
    preferences: {},
  };
}

// A kubeconfig section's scalar fields as strings (`insecure-skip-tls-verify: true` → 'true').
function stringFields(section: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(section ?? {})
    .filter(([, v]) => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number')
    .map(([k, v]) => [k, String(v)]));
}

/**
 * Writes what a command changed in the kubectl view (`config use-context`, `config set-context`)
 * back to `file`, as kubectl's ModifyConfig does: the current context and every context's
 * cluster, user and namespace; clusters' and users' credentials stay as the file has them.
 */
export async function saveKubeconfig(file: string, view: Kubeconfig): Promise<void> {
  const raw = (parseYaml(await readFile(file, 'utf8')) ?? {}) as RawKubeconfig & Record<string, unknown>;
  raw['current-context'] = view['current-context'];
  raw.contexts = view.contexts.map((c) => ({
    name: c.name,
    context: { ...raw.contexts?.find((r) => r.name === c.name)?.context, ...c.context, ...(c.context.namespace ? {} : { namespace: undefined }) },
  }));
  await writeFile(file, stringify(raw), { mode: 0o600 });
}
