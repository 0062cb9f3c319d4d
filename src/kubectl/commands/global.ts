// The flags every kubectl command takes (`kubectl options`), from genericclioptions.ConfigFlags
// and klog. Flags about TLS, credentials and files on disk are accepted and have no effect here:
// the in-process transport has no wire to secure.
import type { FlagSpec } from '../flags.ts';

const s = (name: string, usage: string, shorthand?: string): FlagSpec => ({ name, type: 'string', default: '', usage, ...(shorthand ? { shorthand } : {}) });
const b = (name: string, usage: string): FlagSpec => ({ name, type: 'bool', default: false, usage });

export const GLOBAL_FLAGS: FlagSpec[] = [
  s('as', 'Username to impersonate for the operation.'),
  { name: 'as-group', type: 'stringArray', default: [], usage: 'Group to impersonate for the operation.' },
  s('as-uid', 'UID to impersonate for the operation.'),
  s('cache-dir', 'Default cache directory'),
  s('certificate-authority', 'Path to a cert file for the certificate authority'),
  s('client-certificate', 'Path to a client certificate file for TLS'),
  s('client-key', 'Path to a client key file for TLS'),
  s('cluster', 'The name of the kubeconfig cluster to use'),
  s('context', 'The name of the kubeconfig context to use'),
  b('disable-compression', 'If true, opt-out of response compression for all requests to the server'),
  b('insecure-skip-tls-verify', "If true, the server's certificate will not be checked for validity."),
  s('kubeconfig', 'Path to the kubeconfig file to use for CLI requests.'),
  s('log-flush-frequency', 'Maximum number of seconds between log flushes'),
  b('match-server-version', 'Require server version to match client version'),
  s('namespace', 'If present, the namespace scope for this CLI request', 'n'),
  s('password', 'Password for basic authentication to the API server'),
  s('profile', 'Name of profile to capture.'),
  s('profile-output', 'Name of the file to write the profile to'),
  s('request-timeout', 'The length of time to wait before giving up on a single server request.'),
  s('server', 'The address and port of the Kubernetes API server', 's'),
  s('tls-server-name', 'Server name to use for server certificate validation.'),
  s('token', 'Bearer token for authentication to the API server'),
  s('user', 'The name of the kubeconfig user to use'),
  s('username', 'Username for basic authentication to the API server'),
  { name: 'v', shorthand: 'v', type: 'int', default: 0, usage: 'number for the log level verbosity' },
  s('vmodule', 'comma-separated list of pattern=N settings for file-filtered logging'),
  b('warnings-as-errors', 'Treat warnings received from the server as errors and exit with a non-zero exit code'),
  { name: 'help', shorthand: 'h', type: 'bool', default: false, usage: 'help for the command' },
];
