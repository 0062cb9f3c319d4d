// The Service strategy. Defaults model pkg/apis/core/v1/defaults.go SetDefaults_Service;
// validation models pkg/apis/core/validation ValidateService (ports, type, selector).
// ClusterIP and nodePort allocation (the service REST's job) are in service-alloc.ts.
import type { Strategy } from '../strategy.ts';
import type { KubeObject } from '../types.ts';
import * as field from '../validation/field.ts';
import type { FieldError } from '../validation/field.ts';
import { validateLabels } from '../validation/metav1.ts';
import { isDNS1123Label, isValidPortNum } from '../validation/validation.ts';
import { asNum, asObj, asObjs, asStr, asStrMap, child, setDefault } from './access.ts';
import { allocateService } from './service-alloc.ts';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

// Models defaults.go SetDefaults_Service.
export function defaultService(svc: KubeObject): void {
  const s = child(svc, 'spec');
  setDefault(s, 'sessionAffinity', 'None');
  setDefault(s, 'type', 'ClusterIP');
  for (const p of asObjs(s.ports)) {
    setDefault(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') setDefault(s, 'externalTrafficPolicy', 'Cluster');
  if (s.type !== 'ExternalName') setDefault(s, 'internalTrafficPolicy', 'Cluster');
  if (s.type === 'LoadBalancer') setDefault(s, 'allocateLoadBalancerNodePorts', true);
  if (s.sessionAffinity === 'ClientIP') setDefault(child(child(s, 'sessionAffinityConfig'), 'clientIP'), 'timeoutSeconds', 10800);
}

// Models validation.go ValidateService: ports required unless headless or ExternalName, each
// port valid and unique by name, a known type, a valid selector.
export function validateService(svc: KubeObject): FieldError[] {
  const s = asObj(svc.spec) ?? {};
  const path = field.newPath('spec');
  const errs: FieldError[] = [];
  const type = asStr(s.type);
  const ports = asObjs(s.ports);
  const headless = s.clusterIP === 'None';
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(field.required(path.child('ports'), ''));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const idx = path.child('ports').index(i);
    const name = asStr(p.name);
    if (ports.length > 1 && !name) errs.push(field.required(idx.child('name'), ''));
    else if (name) {
      // Service port names are DNS-1123 labels (validateServicePort), not container port names.
      for (const msg of isDNS1123Label(name)) errs.push(field.invalid(idx.child('name'), name, msg));
      if (names.has(name)) errs.push(field.duplicate(idx.child('name'), name));
      names.add(name);
    }
    const port = asNum(p.port) ?? 0;
    for (const msg of isValidPortNum(port)) errs.push(field.invalid(idx.child('port'), port, msg));
    const protocol = asStr(p.protocol);
    if (!protocol) errs.push(field.required(idx.child('protocol'), ''));
    else if (!PROTOCOLS.includes(protocol)) errs.push(field.notSupported(idx.child('protocol'), protocol, PROTOCOLS));
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${asNum(p.port) ?? 0}/${asStr(p.protocol)}`;
    if (seen.has(key)) errs.push(field.duplicate(path.child('ports').index(i), new field.GoSyntax(`core.ServicePort{Name:"", Protocol:${field.goQuote(asStr(p.protocol))}, AppProtocol:(*string)(nil), Port:${asNum(p.port) ?? 0}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`)));
    seen.add(key);
  });
  if (!SERVICE_TYPES.includes(type)) errs.push(field.notSupported(path.child('type'), type, SERVICE_TYPES));
  errs.push(...validateLabels(asStrMap(s.selector), path.child('selector')));
  return errs;
}

export const serviceStrategy: Strategy = {
  returnDeletedObject: true,
  default: defaultService,
  allocate: allocateService,
  validate: validateService,
  validateUpdate: (svc, _old, ctx) => (ctx.subresource ? [] : validateService(svc)),
};
