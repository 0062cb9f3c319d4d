// kubectl version: the client's build (kubectl v1.33.1, as the oracle binary), kustomize's, and
// the server's. Models kubernetes/kubectl pkg/cmd/version/version.go (Validate, Run).
import { KubectlError } from '../errors.ts';
import { boolFlag, stringFlag } from '../flagspec.ts';
import { printYAML } from '../printers/yaml.ts';
import type { Command, Invocation } from './command.ts';
import { VERSION_HELP } from './help-cluster.ts';

/** version.Get() of kubectl v1.33.1 (what `kubectl.1.33 version --client -o json` prints). */
const CLIENT_VERSION = {
  major: '1', minor: '33', gitVersion: 'v1.33.1', gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828', gitTreeState: 'clean',
  buildDate: '2025-05-15T08:27:33Z', goVersion: 'go1.24.2', compiler: 'gc', platform: 'linux/amd64',
};

/**
 * GET /version of the emulated kube-apiserver v1.33.1 (the same version.Info `pilothouse serve`
 * answers, src/serve/version.ts). The in-process client has no /version call, so kubectl holds it.
 */
const SERVER_VERSION = {
  major: '1', minor: '33', emulationMajor: '1', emulationMinor: '33', minCompatibilityMajor: '1', minCompatibilityMinor: '32',
  gitVersion: 'v1.33.1', gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828', gitTreeState: 'clean',
  buildDate: '2025-05-15T08:19:08Z', goVersion: 'go1.24.2', compiler: 'gc', platform: 'linux/amd64',
};

const KUSTOMIZE_VERSION = 'v5.6.0';

async function runVersion(inv: Invocation): Promise<void> {
  const { flags, io } = inv;
  if (inv.args.length > 0) throw new KubectlError(`extra arguments: [${inv.args.join(' ')}]`);
  const output = flags.string('output');
  if (output !== '' && output !== 'yaml' && output !== 'json') throw new KubectlError("--output must be 'yaml' or 'json'");
  const client = flags.bool('client');
  // The Version struct's field order (json) — yaml sorts keys as sigs.k8s.io/yaml does.
  const info = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION, ...(client ? {} : { serverVersion: SERVER_VERSION }) };
  if (output === 'json') io.out(`${JSON.stringify(info, null, 2)}\n`);
  // fmt.Fprintln after yaml.Marshal: the document's own newline, then one more.
  else if (output === 'yaml') io.out(`${printYAML(info)}\n`);
  else io.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n${client ? '' : `Server Version: ${SERVER_VERSION.gitVersion}\n`}`);
}

export const version: Command = {
  name: 'version',
  flags: [
    boolFlag('client', 'If true, shows client version only (no server required).'),
    stringFlag('output', "One of 'yaml' or 'json'.", '', 'o'),
  ],
  help: VERSION_HELP,
  run: runVersion,
};
