// scheduling.k8s.io/v1 PriorityClass: pkg/apis/scheduling/v1/defaults.go SetDefaults_PriorityClass.
import type { Strategy } from '../strategy.ts';
import { setDefault } from './access.ts';

export const priorityClassStrategy: Strategy = {
  default: (pc) => setDefault(pc, 'preemptionPolicy', 'PreemptLowerPriority'),
};
