// kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]: asks the apiserver with a
// SelfSubjectAccessReview (as the --as user when given) and prints `yes`, or `no` and exits 1.
// Models kubernetes/kubectl pkg/cmd/auth/cani.go (Complete, Validate, RunAccessCheck, resourceFor).
import { KubectlError } from '../errors.ts';
import { boolFlag, stringFlag } from '../flagspec.ts';
import { commandGroup, exitSilently } from '../subcommands.ts';
import { runAccessList } from './auth-list.ts';
import { WHOAMI } from './auth-whoami.ts';
import type { Invocation } from './command.ts';
import { AUTH_HELP } from './help-cluster.ts';

const KNOWN_RESOURCE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest'];
const KNOWN_NON_RESOURCE_VERBS = ['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*'];
// cani.go nonStandardResourceNames: names RBAC rules use that discovery does not list.
const NON_STANDARD_RESOURCE_NAMES = ['*', 'users', 'groups', 'userextras', 'uids', 'serviceaccounts/token'];

interface Question {
  verb: string;
  group: string;
  resource: string;
  namespaced?: boolean;
  name: string;
  nonResourceURL: string;
}

// The message carries its own newline and the warning printer adds one (cani.go, printers.WarningPrinter).
const warn = (inv: Invocation, text: string) => inv.io.err(`Warning: ${text}\n\n`);

async function question(inv: Invocation): Promise<Question> {
  if (inv.args.length !== 2) {
    throw new KubectlError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  }
  const [verb, target] = inv.args as [string, string];
  if (target.startsWith('/')) return { verb, group: '', resource: '', name: '', nonResourceURL: target };
  const [type, name = ''] = target.split(/\/(.*)/s) as [string, string?];
  if (type === '*') return { verb, group: '', resource: '*', name, nonResourceURL: '' };
  try {
    const m = (await inv.mapper()).mappingFor(type.toLowerCase());
    return { verb, group: m.group, resource: m.resource, namespaced: m.namespaced, name, nonResourceURL: '' };
  } catch {
    // resourceFor: an unknown type is still asked about, under the name typed, with a warning.
    const [resource, ...group] = type.toLowerCase().split('.');
    if (!NON_STANDARD_RESOURCE_NAMES.includes(type.toLowerCase())) {
      warn(inv, group.length ? `the server doesn't have a resource type '${resource}' in group '${group.join('.')}'` : `the server doesn't have a resource type '${resource}'`);
    }
    return { verb, group: '', resource: type, name, nonResourceURL: '' };
  }
}

async function canI(inv: Invocation): Promise<void> {
  const { flags } = inv;
  if (flags.bool('list')) {
    // Complete, then Validate.
    if (inv.args.length !== 0) throw new KubectlError('list option must be specified with no arguments');
    if (flags.bool('quiet') || flags.bool('all-namespaces') || flags.string('subresource') !== '') {
      throw new KubectlError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
    }
    return runAccessList(inv);
  }
  const q = await question(inv);
  const all = flags.bool('all-namespaces');
  const subresource = flags.string('subresource');
  // Validate.
  if (q.nonResourceURL) {
    if (subresource) throw new KubectlError('--subresource can not be used with NonResourceURL');
    if (!KNOWN_NON_RESOURCE_VERBS.includes(q.verb)) warn(inv, `verb '${q.verb}' is not a known verb`);
  } else if (q.resource && !all) {
    if (q.namespaced === false) warn(inv, q.group ? `resource '${q.resource}' is not namespace scoped in group '${q.group}'` : `resource '${q.resource}' is not namespace scoped`);
    if (!KNOWN_RESOURCE_VERBS.includes(q.verb)) warn(inv, `verb '${q.verb}' is not a known verb`);
  }
  if (flags.bool('no-headers')) throw new KubectlError('--no-headers cannot be set without --list specified');

  const spec = q.nonResourceURL
    ? { nonResourceAttributes: { verb: q.verb, path: q.nonResourceURL } }
    : { resourceAttributes: { namespace: all ? '' : inv.namespace, verb: q.verb, group: q.group, resource: q.resource, subresource, name: q.name } };
  const review = await inv.rest.request({
    verb: 'create', group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews',
    body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { allowed: false } },
  }) as { status?: { allowed?: boolean; reason?: string; evaluationError?: string } };
  const status = review.status ?? {};
  const quiet = flags.bool('quiet');
  if (status.allowed) {
    if (!quiet) inv.io.out('yes\n');
    return;
  }
  if (!quiet) inv.io.out(`no${status.reason ? ` - ${status.reason}` : ''}${status.evaluationError ? ` - ${status.evaluationError}` : ''}\n`);
  // cani.go: os.Exit(1) when not allowed, with nothing on stderr.
  throw exitSilently();
}

export const auth = commandGroup({
  name: 'auth', help: AUTH_HELP, helpTo: 'err',
  subcommands: [{
    name: 'can-i',
    flags: [
      boolFlag('all-namespaces', 'If true, check the specified action in all namespaces.', false, 'A'),
      boolFlag('list', 'If true, prints all allowed actions.'),
      boolFlag('no-headers', 'If true, prints allowed actions without headers'),
      boolFlag('quiet', 'If true, suppress output and just return the exit code.', false, 'q'),
      stringFlag('subresource', 'SubResource such as pod/log or deployment/scale'),
    ],
    run: canI,
  }, WHOAMI],
});
