// kubectl create service clusterip | nodeport | loadbalancer | externalname, and create ingress.
// Models kubernetes/kubectl pkg/cmd/create/create_service.go and create_ingress.go.
import { KubectlError } from '../errors.ts';
import type { Command, Invocation } from './command.ts';
import { parentRun } from './create-config.ts';
import { generatorCommand, objectMeta, sortedMap } from './create-generator.ts';
import {
  CREATE_INGRESS_HELP, CREATE_SERVICE_CLUSTERIP_HELP, CREATE_SERVICE_EXTERNALNAME_HELP, CREATE_SERVICE_HELP,
  CREATE_SERVICE_LOADBALANCER_HELP, CREATE_SERVICE_NODEPORT_HELP,
} from './help-create.ts';
import { optionFlags } from './options.ts';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

// create_service.go parsePorts: `port[:targetPort]`, the target a number or a port name.
function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const [portText, target] = spec.split(':') as [string, string | undefined];
  if (!/^\d+$/.test(portText)) throw new KubectlError(`strconv.ParseUint: parsing ${JSON.stringify(portText)}: invalid syntax`);
  const port = parseInt(portText, 10);
  if (port > 65535) throw new KubectlError(`port ${JSON.stringify(portText)} out of range`);
  if (target === undefined) return { port, targetPort: port };
  if (/^[+-]?\d+$/.test(target)) {
    const n = parseInt(target, 10);
    if (n < 1 || n > 65535) throw new KubectlError('must be between 1 and 65535, inclusive');
    return { port, targetPort: n };
  }
  const errs: string[] = [];
  if (target.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(target)) errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(target)) errs.push('must contain at least one letter (a-z)');
  if (!PORT_NAME.test(target) || target.includes('--')) errs.push("must not begin or end with a hyphen");
  if (errs.length > 0) throw new KubectlError(errs.join(','));
  return { port, targetPort: target };
}

function serviceGenerator(type: ServiceType, name: string, help: string): Command {
  return generatorCommand({
    name, help, required: type === 'ExternalName' ? ['external-name'] : [],
    failure: `failed to create ${type} service`,
    resource: { group: '', version: 'v1', resource: 'services', namespaced: true },
    build(inv: Invocation, svcName: string) {
      const clusterIP = type === 'ClusterIP' ? inv.flags.string('clusterip') : '';
      const tcp = inv.flags.strings('tcp');
      const externalName = type === 'ExternalName' ? inv.flags.string('external-name') : '';
      if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') throw new KubectlError('at least one tcp port specifier must be provided');
      if (type === 'ExternalName' && (externalName.length > 253 || !DNS1123_SUBDOMAIN.test(externalName))) throw new KubectlError(`invalid service external name ${externalName}`);
      const nodePort = type === 'NodePort' ? inv.flags.int('node-port') : 0;
      const ports = tcp.map((spec) => {
        const { port, targetPort } = parsePorts(spec);
        return { name: spec.replaceAll(':', '-'), protocol: 'TCP', port, targetPort, ...(nodePort ? { nodePort } : {}) };
      });
      const app = { app: svcName };
      return {
        kind: 'Service', apiVersion: 'v1', metadata: objectMeta(inv, svcName, true, { labels: app }),
        spec: { ...(ports.length > 0 ? { ports } : {}), selector: app, ...(clusterIP ? { clusterIP } : {}), type, ...(externalName ? { externalName } : {}) },
        status: { loadBalancer: {} },
      };
    },
  });
}

const service: Command = {
  name: 'service', aliases: ['svc'], help: CREATE_SERVICE_HELP, flags: optionFlags(CREATE_SERVICE_HELP),
  subcommands: [
    serviceGenerator('ClusterIP', 'clusterip', CREATE_SERVICE_CLUSTERIP_HELP),
    serviceGenerator('NodePort', 'nodeport', CREATE_SERVICE_NODEPORT_HELP),
    serviceGenerator('LoadBalancer', 'loadbalancer', CREATE_SERVICE_LOADBALANCER_HELP),
    serviceGenerator('ExternalName', 'externalname', CREATE_SERVICE_EXTERNALNAME_HELP),
  ],
  run: parentRun(CREATE_SERVICE_HELP),
};

const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?$/;

// create_ingress.go buildIngressBackendSvc: `name:port`, the port a number or a name.
const backend = (svc: string) => {
  const [name, port] = svc.split(':') as [string, string];
  return { service: { name, port: /^-?\d+$/.test(port) ? { number: parseInt(port, 10) } : { name: port } } };
};

// buildHTTPIngressPath: a trailing `*` makes a Prefix path, anything else is Exact.
function ingressPath(pathAndService: string) {
  const [p, svc] = pathAndService.split('=') as [string, string];
  let path = `/${p}`;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backend(svc) };
}

// buildTLSRules: one entry per secret, gathering hosts; a host is listed once.
function tlsRules(rules: string[]) {
  const seen = new Set<string>();
  const out: Array<{ hosts?: string[]; secretName?: string }> = [];
  for (const rule of rules) {
    const tls = rule.split(',');
    if (tls.length !== 2) continue;
    const host = rule.split('/')[0]!;
    const secret = tls[1]!.split('=')[1] ?? '';
    if (seen.has(host)) continue;
    seen.add(host);
    const existing = out.find((t) => (t.secretName ?? '') === secret);
    if (existing) {
      existing.hosts = [...(existing.hosts ?? []), host];
      continue;
    }
    const entry = { ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) };
    if (entry.hosts || entry.secretName) out.push(entry);
  }
  return out;
}

// buildIngressRules: paths of one host gather under one rule.
function ingressRules(rules: string[]) {
  const out: Array<{ host?: string; http: { paths: Array<ReturnType<typeof ingressPath>> } }> = [];
  for (const rule of rules) {
    const withoutTLS = rule.split(',')[0]!;
    const slash = withoutTLS.indexOf('/');
    const host = withoutTLS.slice(0, slash);
    const path = ingressPath(withoutTLS.slice(slash + 1));
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing) existing.http.paths.push(path);
    else out.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return out;
}

const ingress = generatorCommand({
  name: 'ingress', aliases: ['ing'], help: CREATE_INGRESS_HELP, arrays: ['rule', 'annotation'], failure: 'failed to create ingress',
  resource: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', namespaced: true },
  build(inv, name) {
    const rules = inv.flags.strings('rule'), annotationFlags = inv.flags.strings('annotation');
    const defaultBackend = inv.flags.string('default-backend'), className = inv.flags.string('class');
    if (defaultBackend === '' && rules.length === 0) {
      throw new KubectlError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
    }
    for (const rule of rules) if (!RULE.test(rule)) throw new KubectlError(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    for (const a of annotationFlags) if (!a.includes('=')) throw new KubectlError(`annotation ${a} is invalid and should be in format key=[value]`);
    if (defaultBackend && defaultBackend.split(':').length !== 2) throw new KubectlError('default-backend should be in format servicename:serviceport');
    const annotations = sortedMap(Object.fromEntries(annotationFlags.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)])));
    const tls = tlsRules(rules), httpRules = ingressRules(rules);
    return {
      kind: 'Ingress', apiVersion: 'networking.k8s.io/v1',
      metadata: objectMeta(inv, name, true, Object.keys(annotations).length > 0 ? { annotations } : {}),
      spec: {
        ...(className ? { ingressClassName: className } : {}),
        ...(defaultBackend ? { defaultBackend: backend(defaultBackend) } : {}),
        ...(tls.length > 0 ? { tls } : {}),
        ...(httpRules.length > 0 ? { rules: httpRules } : {}),
      },
      status: { loadBalancer: {} },
    };
  },
});

export const CREATE_SERVICE_GENERATORS: Command[] = [service, ingress];
