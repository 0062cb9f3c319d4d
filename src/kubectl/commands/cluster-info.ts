// kubectl cluster-info: the control plane's address, then every Service labelled
// kubernetes.io/cluster-service=true (in kube-system, or -n) with its proxy URL.
// Models kubernetes/kubectl pkg/cmd/clusterinfo/clusterinfo.go (Complete, Run, printService);
// v1.33 prints no colours.
import type { KubeList, KubeObject } from '../../engine/api/index.ts';
import { resources } from '../../engine/client/index.ts';
import { KubectlError } from '../errors.ts';
import { serverOf } from '../kubeconfig.ts';
import type { Command, Invocation } from './command.ts';
import { CLUSTER_INFO_HELP } from './help-cluster.ts';

interface ServicePort { name?: string; port?: number }
interface Service extends KubeObject {
  spec?: { ports?: ServicePort[] };
  status?: { loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> } };
}

// utilnet.JoinSchemeNamePort: `name`, `name:port`, `scheme:name:port`.
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  return port ? `${name}:${port}` : name;
}

function linkOf(host: string, svc: Service): string {
  const ingress = svc.status?.loadBalancer?.ingress?.[0];
  const ports = svc.spec?.ports ?? [];
  if (ingress) return ports.map((p) => `http://${ingress.ip || ingress.hostname || ''}:${p.port ?? 0} `).join('');
  let name = svc.metadata?.name ?? '';
  const port = ports[0];
  if (port) name = joinSchemeNamePort(port.name === 'https' || port.port === 443 ? 'https' : '', name, port.name ?? '');
  return `${host}/api/v1/namespaces/${svc.metadata?.namespace ?? ''}/services/${name}/proxy`;
}

async function runClusterInfo(inv: Invocation): Promise<void> {
  const host = serverOf(inv);
  const namespace = inv.explicitNamespace ? inv.namespace : 'kube-system';
  if (inv.args[0] === 'dump') throw new KubectlError('Pilothouse does not implement "kubectl cluster-info dump" yet');
  const footer = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
  let list: KubeList<Service>;
  try {
    list = await inv.rest.request({
      verb: 'list', ...resources.services, namespace, query: { labelSelector: 'kubernetes.io/cluster-service=true' },
    }) as KubeList<Service>;
  } catch (err) {
    // Run writes the footer whatever the visit returned, then returns its error.
    inv.io.out(footer);
    throw err;
  }
  let out = `Kubernetes control plane is running at ${host}\n`;
  for (const svc of list.items) {
    out += `${svc.metadata?.labels?.['kubernetes.io/name'] || svc.metadata?.name || ''} is running at ${linkOf(host, svc)}\n`;
  }
  inv.io.out(`${out}${footer}`);
}

export const clusterInfo: Command = { name: 'cluster-info', flags: [], help: CLUSTER_INFO_HELP, run: runClusterInfo };
