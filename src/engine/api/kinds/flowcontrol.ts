// Strategies of flowcontrol.apiserver.k8s.io/v1 kinds. Defaulting models
// pkg/apis/flowcontrol/v1/defaults.go (SetDefaults_FlowSchemaSpec, SetDefaults_ExemptPriorityLevelConfiguration,
// SetDefaults_LimitedPriorityLevelConfiguration, SetDefaults_QueuingConfiguration); both kinds
// track metadata.generation (pkg/registry/flowcontrol/*/strategy.go PrepareForCreate sets it to 1).
import type { Strategy } from '../strategy.ts';
import { asObj, child, type Obj } from './access.ts';

// v1's int32 fields without a pointer default when zero; pointer fields only when absent.
const defaultZero = (o: Obj, k: string, v: number) => {
  if (o[k] === undefined || o[k] === null || o[k] === 0) o[k] = v;
};
const defaultNil = (o: Obj, k: string, v: number) => {
  if (o[k] === undefined || o[k] === null) o[k] = v;
};

export const flowSchemaStrategy: Strategy = {
  tracksGeneration: true,
  default: (fs) => defaultZero(child(fs, 'spec'), 'matchingPrecedence', 1000),
};

export const priorityLevelConfigurationStrategy: Strategy = {
  tracksGeneration: true,
  default(plc) {
    const spec = child(plc, 'spec');
    const exempt = asObj(spec.exempt);
    if (exempt) {
      defaultNil(exempt, 'nominalConcurrencyShares', 0);
      defaultNil(exempt, 'lendablePercent', 0);
    }
    const limited = asObj(spec.limited);
    if (!limited) return;
    // v1 only: a nil share count is 30, an explicit 0 stays 0 (it means "no seats of its own").
    defaultNil(limited, 'nominalConcurrencyShares', 30);
    defaultNil(limited, 'lendablePercent', 0);
    const queuing = asObj(asObj(limited.limitResponse)?.queuing);
    if (!queuing) return;
    defaultZero(queuing, 'handSize', 8);
    defaultZero(queuing, 'queues', 64);
    defaultZero(queuing, 'queueLengthLimit', 50);
  },
};
