// kubectl create namespace | configmap | secret generic | serviceaccount | quota | priorityclass.
// Models kubernetes/kubectl pkg/cmd/create/create_namespace.go, create_configmap.go,
// create_secret.go, create_serviceaccount.go, create_quota.go, create_priorityclass.go.
import { parseQuantity, quantityString } from '../../engine/api/index.ts';
import { KubectlError, SilentExit, usageError } from '../errors.ts';
import type { Command, Invocation } from './command.ts';
import { generatorCommand, objectMeta, sortedMap } from './create-generator.ts';
import {
  CREATE_CONFIGMAP_HELP, CREATE_NAMESPACE_HELP, CREATE_PRIORITYCLASS_HELP, CREATE_QUOTA_HELP, CREATE_SECRET_GENERIC_HELP,
  CREATE_SECRET_HELP, CREATE_SERVICEACCOUNT_HELP,
} from './help-create.ts';
import { optionFlags } from './options.ts';

const namespace = generatorCommand({
  name: 'namespace', aliases: ['ns'], help: CREATE_NAMESPACE_HELP,
  resource: { group: '', version: 'v1', resource: 'namespaces', namespaced: false },
  build: (inv, name) => ({ kind: 'Namespace', apiVersion: 'v1', metadata: objectMeta(inv, name, false), spec: {}, status: {} }),
});

const serviceaccount = generatorCommand({
  name: 'serviceaccount', aliases: ['sa'], help: CREATE_SERVICEACCOUNT_HELP, failure: 'failed to create serviceaccount',
  resource: { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true },
  build: (inv, name) => ({ kind: 'ServiceAccount', apiVersion: 'v1', metadata: objectMeta(inv, name, true) }),
});

// The valid-key check of ConfigMap and Secret data (validation.IsConfigMapKey).
const isConfigMapKey = (key: string) => key.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(key) && key !== '.' && key !== '..';

/**
 * The key/value pairs of --from-literal and --from-file, in order, as handleFromLiteralSources
 * and handleFromFileSources read them; files are read through the context.
 */
async function dataSources(inv: Invocation, kind: 'ConfigMap' | 'Secret', name: string): Promise<Map<string, string>> {
  const data = new Map<string, string>();
  const add = (key: string, value: string) => {
    if (!isConfigMapKey(key)) {
      throw new KubectlError(kind === 'ConfigMap'
        ? `${JSON.stringify(key)} is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`
        : `${JSON.stringify(key)} is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
    }
    if (data.has(key)) {
      throw new KubectlError(kind === 'ConfigMap'
        ? `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`
        : `cannot add key ${key}, another key by that name already exists`);
    }
    data.set(key, value);
  };
  if (inv.flags.strings('from-env-file').length > 0 && (inv.flags.strings('from-file').length > 0 || inv.flags.strings('from-literal').length > 0)) {
    throw new KubectlError('from-env-file cannot be combined with from-file or from-literal');
  }
  for (const source of inv.flags.strings('from-file')) {
    const eq = source.indexOf('=');
    const [key, path] = eq < 0 ? [source.split('/').pop()!, source] : [source.slice(0, eq), source.slice(eq + 1)];
    if (!inv.ctx.readFile) throw new KubectlError(`error reading ${path}: no such file or directory`);
    add(key, await inv.ctx.readFile(path).catch(() => { throw new KubectlError(`error reading ${path}: no such file or directory`); }));
  }
  for (const source of inv.flags.strings('from-literal')) {
    const eq = source.indexOf('=');
    if (eq <= 0) throw new KubectlError(`invalid literal source ${source}, expected key=value`);
    add(source.slice(0, eq), source.slice(eq + 1));
  }
  if (inv.flags.strings('from-env-file').length > 0) throw new KubectlError('Pilothouse does not support --from-env-file; use --from-literal');
  return data;
}

const configmap = generatorCommand({
  name: 'configmap', aliases: ['cm'], help: CREATE_CONFIGMAP_HELP, arrays: ['from-literal'], failure: 'failed to create configmap',
  resource: { group: '', version: 'v1', resource: 'configmaps', namespaced: true },
  async build(inv, name) {
    const data = await dataSources(inv, 'ConfigMap', name);
    return { kind: 'ConfigMap', apiVersion: 'v1', metadata: objectMeta(inv, name, true), ...(data.size > 0 ? { data: sortedMap(Object.fromEntries(data)) } : {}) };
  },
});

// Secret data is base64 of the bytes; the literals are UTF-8 text.
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

const secretGeneric = generatorCommand({
  name: 'generic', help: CREATE_SECRET_GENERIC_HELP, arrays: ['from-literal'], failure: 'failed to create secret',
  resource: { group: '', version: 'v1', resource: 'secrets', namespaced: true },
  async build(inv, name) {
    const data = await dataSources(inv, 'Secret', name);
    const type = inv.flags.string('type');
    return {
      kind: 'Secret', apiVersion: 'v1', metadata: objectMeta(inv, name, true),
      ...(data.size > 0 ? { data: sortedMap(Object.fromEntries([...data].map(([k, v]) => [k, base64(v)]))) } : {}),
      ...(type ? { type } : {}),
    };
  },
});

// `kubectl create secret` alone prints its help to stderr, as cobra's DefaultSubCommandRun (which
// also exits 1; the framework has no silent failure, so this one exits 0).
const secret: Command = {
  name: 'secret', help: CREATE_SECRET_HELP, flags: optionFlags(CREATE_SECRET_HELP), subcommands: [secretGeneric],
  run: parentRun(CREATE_SECRET_HELP),
};

/** The run of a command that only groups subcommands: its help and exit 1 (DefaultSubCommandRun), or `unknown command`. */
export function parentRun(help: string): Command['run'] {
  return (inv) => {
    if (inv.args.length > 0) return Promise.reject(usageError(inv.commandPath, `unknown command ${JSON.stringify(inv.args[0])}`));
    inv.io.err(help);
    return Promise.reject(new SilentExit());
  };
}

// create_quota.go populateResourceListV1: `name=quantity` pairs, the quantities canonical.
function resourceList(spec: string): Record<string, string> | undefined {
  if (spec === '') return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new KubectlError(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    const q = parseQuantity(parts[1]!);
    if (!q.ok) throw new KubectlError(q.message);
    out[parts[0]!] = quantityString(q.value);
  }
  return sortedMap(out);
}

const quota = generatorCommand({
  name: 'quota', aliases: ['resourcequota'], help: CREATE_QUOTA_HELP, failure: 'failed to create quota',
  resource: { group: '', version: 'v1', resource: 'resourcequotas', namespaced: true },
  build(inv, name) {
    const hard = resourceList(inv.flags.string('hard'));
    const scopesFlag = inv.flags.string('scopes');
    const scopes = scopesFlag === '' ? undefined : scopesFlag.split(',');
    if (scopes?.includes('')) throw new KubectlError('invalid resource quota scope ""');
    return { kind: 'ResourceQuota', apiVersion: 'v1', metadata: objectMeta(inv, name, true), spec: { ...(hard ? { hard } : {}), ...(scopes ? { scopes } : {}) }, status: {} };
  },
});

const priorityclass = generatorCommand({
  name: 'priorityclass', aliases: ['pc'], help: CREATE_PRIORITYCLASS_HELP, failure: 'failed to create priorityclass',
  resource: { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', namespaced: false },
  build: (inv, name) => ({
    kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: objectMeta(inv, name, false),
    value: inv.flags.int('value'),
    ...(inv.flags.bool('global-default') ? { globalDefault: true } : {}),
    ...(inv.flags.string('description') ? { description: inv.flags.string('description') } : {}),
    preemptionPolicy: inv.flags.string('preemption-policy'),
  }),
});

export const CREATE_CONFIG_GENERATORS: Command[] = [namespace, configmap, secret, serviceaccount, quota, priorityclass];
