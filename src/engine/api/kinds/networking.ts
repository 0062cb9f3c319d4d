// networking.k8s.io/v1 NetworkPolicy. Defaulting models pkg/apis/networking/v1/defaults.go:
// SetDefaults_NetworkPolicyPort (protocol TCP) and SetDefaults_NetworkPolicy (policyTypes: Ingress,
// plus Egress when egress rules are given).
import type { Strategy } from '../strategy.ts';
import { asObjs, child, setDefault } from './access.ts';

export const networkPolicyStrategy: Strategy = {
  tracksGeneration: true,
  default(policy) {
    const spec = child(policy, 'spec');
    const rules = [...asObjs(spec.ingress), ...asObjs(spec.egress)];
    for (const port of rules.flatMap((r) => asObjs(r.ports))) setDefault(port, 'protocol', 'TCP');
    if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0)
      spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  },
};
