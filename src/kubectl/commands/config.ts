// kubectl config view | get-contexts | current-context | use-context | set-context, over the
// kubeconfig the terminal runs with (ctx.kubeconfig; `use-context` and `set-context` change it).
// Models kubernetes/kubectl pkg/cmd/config/{view,get_contexts,current_context,use_context,set_context}.go
// and client-go/tools/clientcmd/api (ShortenConfig's redaction, the v1 Config's field order).
import { AggregateError, KubectlError } from '../errors.ts';
import { boolFlag, stringFlag } from '../flagspec.ts';
import { printJSONPath } from '../printers/jsonpath.ts';
import { TabWriter } from '../printers/table.ts';
import { printYAML } from '../printers/yaml.ts';
import { commandGroup } from '../subcommands.ts';
import type { Kubeconfig } from '../context.ts';
import type { Invocation } from './command.ts';
import { CONFIG_HELP } from './help-cluster.ts';

const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

// clientcmdapi.ShortenConfig: certificate data becomes DATA+OMITTED, a token REDACTED.
const DATA_OMITTED = 'DATA+OMITTED';
function redact(section: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(section).map(([k, v]) =>
    [k, v === '' ? v : k.endsWith('-data') ? DATA_OMITTED : k === 'token' ? 'REDACTED' : v]));
}

// The v1 structs' field order, which encoding/json keeps (yaml sorts instead).
const CLUSTER_FIELDS = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression'];
const USER_FIELDS = ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid', 'as-groups', 'as-user-extra', 'username', 'password'];
const ordered = (o: Record<string, string>, order: string[]) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (order.indexOf(a) >>> 0) - (order.indexOf(b) >>> 0)));

function viewOf(inv: Invocation): Kubeconfig {
  const kc = inv.ctx.kubeconfig;
  let { clusters, contexts, users } = kc;
  if (inv.flags.bool('minify')) {
    // clientcmdapi.MinifyConfig: only the current context and what it names.
    const name = inv.flags.string('context') || kc['current-context'];
    if (!name) throw new KubectlError('current-context must exist in order to minify');
    const context = contexts.find((c) => c.name === name);
    if (!context) throw new KubectlError(`cannot locate context ${name}`);
    contexts = [context];
    clusters = clusters.filter((c) => c.name === context.context.cluster);
    users = users.filter((u) => u.name === context.context.user);
  }
  const raw = inv.flags.bool('raw');
  return {
    kind: 'Config', apiVersion: 'v1', preferences: {},
    clusters: byName(clusters).map((c) => ({ name: c.name, cluster: ordered(raw ? c.cluster : redact(c.cluster), CLUSTER_FIELDS) as { server: string } })),
    users: byName(users).map((u) => ({ name: u.name, user: ordered(raw ? u.user : redact(u.user), USER_FIELDS) })),
    contexts: byName(contexts).map((c) => ({ name: c.name, context: { cluster: c.context.cluster, user: c.context.user, ...(c.context.namespace ? { namespace: c.context.namespace } : {}) } })),
    'current-context': kc['current-context'],
  };
}

async function view(inv: Invocation): Promise<void> {
  const output = inv.flags.changed('output') ? inv.flags.string('output') : 'yaml';
  const config = viewOf(inv);
  if (output === 'yaml') inv.io.out(printYAML(config));
  else if (output === 'json') inv.io.out(`${JSON.stringify(config, null, 4)}\n`);
  else if (output.startsWith('jsonpath=')) inv.io.out(printJSONPath(output.slice('jsonpath='.length), config));
  else if (output === 'name') inv.io.out('config/<unknown>\n');
  else throw new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: json,jsonpath,name,yaml`);
}

async function getContexts(inv: Invocation): Promise<void> {
  const { flags, io } = inv;
  // view's -o defaults to yaml; this one's to ''.
  const output = flags.changed('output') ? flags.string('output') : '';
  if (output !== '' && output !== 'name') throw new KubectlError(`--output ${output} is not available in kubectl config get-contexts; resetting to default output format`);
  const kc = inv.ctx.kubeconfig;
  const errors: unknown[] = [];
  const names = inv.args.length === 0 ? kc.contexts.map((c) => c.name) : inv.args.filter((n) => {
    const found = kc.contexts.some((c) => c.name === n);
    if (!found) errors.push(new KubectlError(`context ${n} not found`));
    return found;
  });
  const tw = new TabWriter();
  if (output === 'name') {
    for (const n of [...names].sort()) io.out(`${n}\n`);
  } else {
    if (!flags.bool('no-headers')) tw.writeLine(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']);
    for (const n of [...names].sort()) {
      const { context } = kc.contexts.find((c) => c.name === n)!;
      tw.writeLine([kc['current-context'] === n ? '*' : ' ', n, context.cluster, context.user, context.namespace ?? '']);
    }
    io.out(tw.flush());
  }
  if (errors.length > 0) throw new AggregateError(errors);
}

async function currentContext(inv: Invocation): Promise<void> {
  const current = inv.ctx.kubeconfig['current-context'];
  if (!current) throw new KubectlError('current-context is not set');
  inv.io.out(`${current}\n`);
}

async function useContext(inv: Invocation): Promise<void> {
  if (inv.args.length !== 1) throw new KubectlError(`Unexpected args: [${inv.args.join(' ')}]`);
  const name = inv.args[0]!;
  if (name === '') throw new KubectlError('empty context names are not allowed');
  if (!inv.ctx.kubeconfig.contexts.some((c) => c.name === name)) throw new KubectlError(`no context exists with the name: ${JSON.stringify(name)}`);
  inv.ctx.kubeconfig['current-context'] = name;
  inv.io.out(`Switched to context ${JSON.stringify(name)}.\n`);
}

async function setContext(inv: Invocation): Promise<void> {
  const { flags } = inv;
  if (inv.args.length > 1) throw new KubectlError(`Unexpected args: [${inv.args.join(' ')}]`);
  const current = flags.bool('current');
  const given = inv.args[0] ?? '';
  if (!current && given === '') throw new KubectlError('you must specify a non-empty context name or --current');
  if (current && given !== '') throw new KubectlError('you cannot specify both a context name and --current');
  const kc = inv.ctx.kubeconfig;
  const name = current ? kc['current-context'] : given;
  if (!name) throw new KubectlError('no current context is set');
  let entry = kc.contexts.find((c) => c.name === name);
  const exists = entry !== undefined;
  if (!entry) {
    entry = { name, context: { cluster: '', user: '' } };
    kc.contexts.push(entry);
  }
  if (flags.changed('cluster')) entry.context.cluster = flags.string('cluster');
  if (flags.changed('user')) entry.context.user = flags.string('user');
  if (flags.changed('namespace')) {
    const ns = flags.string('namespace');
    if (ns) entry.context.namespace = ns;
    else delete entry.context.namespace;
  }
  inv.io.out(`Context ${JSON.stringify(name)} ${exists ? 'modified' : 'created'}.\n`);
}

export const config = commandGroup({
  name: 'config',
  help: CONFIG_HELP,
  helpTo: 'err',
  subcommands: [
    {
      name: 'view',
      flags: [
        boolFlag('allow-missing-template-keys', 'If true, ignore any errors in templates when a field or map key is missing in the template.', true),
        boolFlag('flatten', 'Flatten the resulting kubeconfig file into self-contained output'),
        boolFlag('merge', 'Merge the full hierarchy of kubeconfig files', true),
        boolFlag('minify', 'Remove all information not used by current-context from the output'),
        stringFlag('output', 'Output format.', 'yaml', 'o'),
        boolFlag('raw', 'Display raw byte data and sensitive data'),
        boolFlag('show-managed-fields', 'If true, keep the managedFields when printing objects in JSON or YAML format.'),
        stringFlag('template', 'Template string or path to template file to use when -o=go-template, -o=go-template-file.'),
      ],
      run: view,
    },
    {
      name: 'get-contexts',
      flags: [
        boolFlag('no-headers', "When using the default or custom-column output format, don't print headers (default print headers)."),
        stringFlag('output', 'Output format. One of: (name).', '', 'o'),
      ],
      run: getContexts,
    },
    { name: 'current-context', flags: [], run: currentContext },
    { name: 'use-context', aliases: ['use'], flags: [], run: useContext },
    {
      name: 'set-context',
      // --cluster, --user and --namespace are the global flags' names; here they name the context's fields.
      flags: [boolFlag('current', 'Modify the current context')],
      run: setContext,
    },
  ],
});
