// kubectl expose: a Service in front of a deployment, replica set, replication controller,
// service or pod, its selector and ports read from the object unless given.
// Models kubernetes/kubectl pkg/cmd/expose/expose.go (RunExpose, createService) and
// polymorphichelpers (mapBasedSelectorForObject, portsForObject, protocolsForObject).
import type { KubeObject } from '../../engine/api/index.ts';
import { AggregateError, KubectlError } from '../errors.ts';
import { resourcesFromArgs, scopeOf } from '../resource.ts';
import { dryRunQuery, dryRunStrategy, fieldValidation, goJSON, printWritten, withLastApplied } from '../writes.ts';
import type { Command, Invocation } from './command.ts';
import { sortedMap, type Generated } from './create-generator.ts';
import { EXPOSE_HELP } from './help-write.ts';
import { optionFlags } from './options.ts';

export const expose: Command = { name: 'expose', flags: optionFlags(EXPOSE_HELP), help: EXPOSE_HELP, run: runExpose };

interface ContainerPort { containerPort: number; protocol?: string }
type Spec = { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | Record<string, string>; template?: { spec?: { containers?: Array<{ ports?: ContainerPort[] }> } }; containers?: Array<{ ports?: ContainerPort[] }>; ports?: Array<{ port: number; protocol?: string }> };

// mapBasedSelectorForObject: what the new Service selects.
function selectorOf(obj: KubeObject): Record<string, string> {
  const spec = (obj.spec ?? {}) as Spec;
  switch (obj.kind) {
    case 'Pod': {
      if (!obj.metadata?.labels || Object.keys(obj.metadata.labels).length === 0) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed`);
      return obj.metadata.labels;
    }
    case 'Service': case 'ReplicationController': return (spec.selector ?? {}) as Record<string, string>;
    case 'Deployment': case 'ReplicaSet': {
      const sel = spec.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
      if (sel?.matchExpressions?.length) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: ${obj.kind.toLowerCase()}s.apps ${JSON.stringify(obj.metadata?.name)} has expressions and cannot be exposed`);
      return sel?.matchLabels ?? {};
    }
    default: throw new KubectlError(`cannot expose a ${obj.kind ?? 'object'}`);
  }
}

// portsForObject / protocolsForObject: every container port of the pod (template), or the service's ports.
function portsOf(obj: KubeObject): Array<{ port: number; protocol: string }> {
  const spec = (obj.spec ?? {}) as Spec;
  if (obj.kind === 'Service') return (spec.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const containers = obj.kind === 'Pod' ? spec.containers : spec.template?.spec?.containers;
  return (containers ?? []).flatMap((c) => c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' }));
}

function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new KubectlError(`unexpected label spec: ${pair}`);
    if (!kv[0]) throw new KubectlError('unexpected empty label key');
    out[kv[0]] = kv[1]!;
  }
  return out;
}

async function runExpose(inv: Invocation): Promise<void> {
  const { flags } = inv;
  if (inv.args.length === 0 && flags.strings('filename').length === 0) {
    throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  if (flags.string('overrides')) throw new KubectlError('Pilothouse does not support expose --overrides');
  const dryRun = dryRunStrategy(inv);
  const errors: unknown[] = [];
  for (const info of await resourcesFromArgs(inv, inv.args)) {
    try {
      const obj = await inv.rest.request({ verb: 'get', ...scopeOf(info), name: info.name }) as KubeObject;
      const selector = flags.string('selector') ? parseLabels(flags.string('selector')) : selectorOf(obj);
      const portFlag = flags.string('port');
      const found = portFlag ? portFlag.split(',').map((p) => ({ port: parseInt(p, 10), protocol: '' })) : portsOf(obj);
      if (found.length === 0) throw new KubectlError("couldn't find port via --port flag or introspection");
      const protocol = flags.string('protocol'), targetPort = flags.string('target-port');
      const ports = found.map((p, i) => ({
        ...(found.length > 1 ? { name: `port-${i + 1}` } : {}),
        protocol: protocol || p.protocol || 'TCP', port: p.port,
        targetPort: targetPort ? (/^\d+$/.test(targetPort) ? parseInt(targetPort, 10) : targetPort) : p.port,
      }));
      const labels = flags.string('labels') ? parseLabels(flags.string('labels')) : obj.metadata?.labels;
      const type = flags.string('type'), clusterIP = flags.string('cluster-ip'), externalIP = flags.string('external-ip');
      let service: Generated | KubeObject = {
        kind: 'Service', apiVersion: 'v1',
        metadata: { name: flags.string('name') || info.name, ...(inv.explicitNamespace ? { namespace: inv.namespace } : {}), creationTimestamp: null, ...(labels ? { labels: sortedMap(labels) } : {}) },
        spec: {
          ports, selector: sortedMap(selector), ...(clusterIP ? { clusterIP } : {}), ...(type ? { type } : {}),
          ...(externalIP ? { externalIPs: [externalIP] } : {}),
          ...(flags.string('session-affinity') ? { sessionAffinity: flags.string('session-affinity') } : {}),
          ...(flags.string('load-balancer-ip') ? { loadBalancerIP: flags.string('load-balancer-ip') } : {}),
        },
        status: { loadBalancer: {} },
      };
      if (flags.bool('save-config')) service = withLastApplied(service, goJSON);
      if (dryRun !== 'client') {
        service = await inv.rest.request({
          verb: 'create', group: '', version: 'v1', resource: 'services', namespace: info.namespace || inv.namespace, body: service,
          query: { ...dryRunQuery(dryRun), fieldManager: flags.string('field-manager'), fieldValidation: fieldValidation(inv) },
        }) as KubeObject;
      }
      printWritten(inv, service, 'exposed', { typed: dryRun === 'client', dryRun });
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
}
