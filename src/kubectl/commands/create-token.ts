// kubectl create token SERVICE_ACCOUNT_NAME: requests a service-account token (TokenRequest,
// the serviceaccounts/token subresource) and prints it, or the TokenRequest with -o.
// Models kubernetes/kubectl pkg/cmd/create/create_token.go (Validate, Run).
import { isStatusError } from '../../engine/api/index.ts';
import { flagError, KubectlError } from '../errors.ts';
import { parseDuration } from '../rollout-targets.ts';
import { printWritten, type AnyObject } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { nameFromArgs } from './create-generator.ts';
import { optionFlags } from './options.ts';

export const CREATE_TOKEN_HELP = "Request a service account token.\n\nExamples:\n  # Request a token to authenticate to the kube-apiserver as the service account \"myapp\" in the current namespace\n  kubectl create token myapp\n  \n  # Request a token for a service account in a custom namespace\n  kubectl create token myapp --namespace myns\n  \n  # Request a token with a custom expiration\n  kubectl create token myapp --duration 10m\n  \n  # Request a token with a custom audience\n  kubectl create token myapp --audience https://example.com\n  \n  # Request a token bound to an instance of a Secret object\n  kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret\n  \n  # Request a token bound to an instance of a Secret object with a specific UID\n  kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc\n\nOptions:\n    --allow-missing-template-keys=true:\n\tIf true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.\n\n    --audience=[]:\n\tAudience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.\n\n    --bound-object-kind='':\n\tKind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided.\n\n    --bound-object-name='':\n\tName of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.\n\n    --bound-object-uid='':\n\tUID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.\n\n    --duration=0s:\n\tRequested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.\n\n    -o, --output='':\n\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).\n\n    --show-managed-fields=false:\n\tIf true, keep the managedFields when printing objects in JSON or YAML format.\n\n    --template='':\n\tTemplate string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].\n\nUsage:\n  kubectl create token SERVICE_ACCOUNT_NAME [options]\n\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

// boundObjectKindToAPIVersions: Node is among them in v1.33.
const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

/** --duration as pflag's DurationVar reads it, in milliseconds. */
function duration(inv: Invocation): number {
  const text = inv.flags.string('duration');
  const negative = text.startsWith('-');
  const ms = parseDuration(negative ? text.slice(1) : text);
  if (ms === undefined) throw flagError(inv.commandPath, `invalid argument ${JSON.stringify(text)} for "--duration" flag: time: invalid duration ${JSON.stringify(text)}`);
  return negative ? -ms : ms;
}

async function runCreateToken(inv: Invocation): Promise<void> {
  const { flags } = inv;
  const d = duration(inv);
  const name = nameFromArgs(inv);
  // Validate, in create_token.go's order.
  if (d < 0) throw new KubectlError('--duration must be greater than or equal to 0');
  if (d % 1000 !== 0) throw new KubectlError('--duration cannot be expressed in units less than seconds');
  const audiences = flags.strings('audience');
  if (audiences.some((a) => a === '')) throw new KubectlError('--audience must not be an empty string');
  const kind = flags.string('bound-object-kind');
  const boundName = flags.string('bound-object-name');
  const boundUID = flags.string('bound-object-uid');
  if (!kind) {
    if (boundName) throw new KubectlError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (boundUID) throw new KubectlError('--bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!BOUND_KINDS[kind]) throw new KubectlError(`supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).join(', ')}`);
    if (!boundName) throw new KubectlError('--bound-object-name is required if --bound-object-kind is provided');
  }
  const spec = {
    ...(audiences.length ? { audiences } : {}),
    ...(d > 0 ? { expirationSeconds: d / 1000 } : {}),
    ...(kind ? { boundObjectRef: { kind, apiVersion: BOUND_KINDS[kind], name: boundName, ...(boundUID ? { uid: boundUID } : {}) } } : {}),
  };
  let response: AnyObject & { status?: { token?: string } };
  try {
    response = await inv.rest.request({
      verb: 'create', group: '', version: 'v1', resource: 'serviceaccounts', subresource: 'token', namespace: inv.namespace, name,
      body: { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { token: '', expirationTimestamp: null } },
    }) as typeof response;
  } catch (err) {
    // fmt.Errorf("failed to create token: %v", err): the API error becomes plain text.
    throw new KubectlError(`failed to create token: ${isStatusError(err) ? err.status.message : err instanceof Error ? err.message : String(err)}`);
  }
  const token = response.status?.token ?? '';
  if (!token) throw new KubectlError('failed to create token: no token in server response');
  if (flags.string('output') !== '') return printWritten(inv, response, 'created');
  // The terminal case of create_token.go (a newline after the token); piped, real kubectl prints none.
  inv.io.out(`${token}\n`);
}

export const createToken: Command = {
  name: 'token',
  flags: optionFlags(CREATE_TOKEN_HELP, ['audience']),
  help: CREATE_TOKEN_HELP,
  run: runCreateToken,
};
