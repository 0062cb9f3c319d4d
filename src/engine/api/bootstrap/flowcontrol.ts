// API Priority and Fairness' bootstrap configuration: the mandatory and suggested
// PriorityLevelConfigurations and FlowSchemas the apiserver's APF config producer ensures at start,
// each annotated for auto-update, and the Dangling condition the APF config controller then writes
// on every FlowSchema whose priority level exists.
// Models k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap/default.go (v0.33.0) and
// pkg/util/flowcontrol/apf_controller.go presyncFlowSchemaStatus.
import type { KubeObject } from '../types.ts';

/** The annotation that lets the apiserver keep a bootstrap object's spec up to date. */
export const AUTO_UPDATE_ANNOTATION = 'apf.kubernetes.io/autoupdate-spec';

interface Queuing {
  queues: number;
  handSize: number;
  queueLengthLimit: number;
}

function limitedLevel(name: string, nominalConcurrencyShares: number, lendablePercent: number, queuing?: Queuing): KubeObject {
  const limitResponse = queuing ? { type: 'Queue', queuing } : { type: 'Reject' };
  return priorityLevel(name, { type: 'Limited', limited: { nominalConcurrencyShares, lendablePercent, limitResponse } });
}

function priorityLevel(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration',
    metadata: { name, annotations: { [AUTO_UPDATE_ANNOTATION]: 'true' } }, spec,
  };
}

type Subject =
  | { kind: 'Group'; group: { name: string } }
  | { kind: 'User'; user: { name: string } }
  | { kind: 'ServiceAccount'; serviceAccount: { name: string; namespace: string } };

const groups = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'Group', group: { name } }));
const users = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'User', user: { name } }));
const kubeSystemServiceAccounts = (...names: string[]): Subject[] =>
  names.map((name) => ({ kind: 'ServiceAccount', serviceAccount: { name, namespace: 'kube-system' } }));

const resourceRule = (verbs: string[], apiGroups: string[], resources: string[], namespaces: string[], clusterScope: boolean) =>
  ({ verbs, apiGroups, resources, namespaces, ...(clusterScope ? { clusterScope } : {}) });
// Every verb on every resource, namespaced or not, and every non-resource URL.
const everyResource = [resourceRule(['*'], ['*'], ['*'], ['*'], true)];
const everyNonResource = [{ verbs: ['*'], nonResourceURLs: ['*'] }];

interface Rules {
  subjects: Subject[];
  resourceRules?: Array<ReturnType<typeof resourceRule>>;
  nonResourceRules?: Array<{ verbs: string[]; nonResourceURLs: string[] }>;
}

const everything = (subjects: Subject[]): Rules => ({ subjects, resourceRules: everyResource, nonResourceRules: everyNonResource });

function flowSchema(name: string, priorityLevel: string, matchingPrecedence: number, distinguisher: 'ByUser' | 'ByNamespace' | '', rules: Rules): KubeObject {
  return {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema',
    metadata: { name, annotations: { [AUTO_UPDATE_ANNOTATION]: 'true' } },
    spec: {
      priorityLevelConfiguration: { name: priorityLevel }, matchingPrecedence,
      ...(distinguisher ? { distinguisherMethod: { type: distinguisher } } : {}),
      rules: [rules],
    },
  };
}

const getCreateUpdate = ['get', 'create', 'update'];
const KCM = 'system:kube-controller-manager';
const SCHEDULER = 'system:kube-scheduler';

/** The mandatory and suggested priority levels, in default.go's order. */
export function bootstrapPriorityLevels(): KubeObject[] {
  return [
    limitedLevel('catch-all', 5, 0),
    priorityLevel('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }),
    limitedLevel('system', 30, 33, { queues: 64, handSize: 6, queueLengthLimit: 50 }),
    limitedLevel('node-high', 40, 25, { queues: 64, handSize: 6, queueLengthLimit: 50 }),
    limitedLevel('leader-election', 10, 0, { queues: 16, handSize: 4, queueLengthLimit: 50 }),
    limitedLevel('workload-high', 40, 50, { queues: 128, handSize: 6, queueLengthLimit: 50 }),
    limitedLevel('workload-low', 100, 90, { queues: 128, handSize: 6, queueLengthLimit: 50 }),
    limitedLevel('global-default', 20, 50, { queues: 128, handSize: 6, queueLengthLimit: 50 }),
  ];
}

/**
 * The mandatory and suggested flow schemas, in default.go's order, each with the Dangling=False
 * condition the config controller sets at `now` (every bootstrap schema's level exists).
 */
export function bootstrapFlowSchemas(now: string): KubeObject[] {
  const schemas = [
    flowSchema('exempt', 'exempt', 1, '', everything(groups('system:masters'))),
    flowSchema('catch-all', 'catch-all', 10000, 'ByUser', everything(groups('system:unauthenticated', 'system:authenticated'))),
    flowSchema('system-nodes', 'system', 500, 'ByUser', everything(groups('system:nodes'))),
    flowSchema('system-node-high', 'node-high', 400, 'ByUser', {
      subjects: groups('system:nodes'),
      resourceRules: [resourceRule(['*'], [''], ['nodes', 'nodes/status'], ['*'], true), resourceRule(['*'], ['coordination.k8s.io'], ['leases'], ['*'], false)],
    }),
    flowSchema('probes', 'exempt', 2, '', {
      subjects: groups('system:unauthenticated', 'system:authenticated'),
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }],
    }),
    flowSchema('system-leader-election', 'leader-election', 100, 'ByUser', {
      subjects: [...users(KCM, SCHEDULER), ...kubeSystemServiceAccounts('*')],
      resourceRules: [resourceRule(getCreateUpdate, ['coordination.k8s.io'], ['leases'], ['*'], false)],
    }),
    flowSchema('workload-leader-election', 'leader-election', 200, 'ByUser', {
      subjects: kubeSystemServiceAccounts('*'),
      resourceRules: [
        resourceRule(getCreateUpdate, [''], ['endpoints', 'configmaps'], ['*'], false),
        resourceRule(getCreateUpdate, ['coordination.k8s.io'], ['leases'], ['*'], false),
      ],
    }),
    flowSchema('endpoint-controller', 'workload-high', 150, 'ByUser', {
      subjects: [...users(KCM), ...kubeSystemServiceAccounts('endpoint-controller', 'endpointslicemirroring-controller')],
      resourceRules: [resourceRule(getCreateUpdate, [''], ['endpoints'], ['*'], false)],
    }),
    flowSchema('kube-controller-manager', 'workload-high', 800, 'ByNamespace', everything(users(KCM))),
    flowSchema('kube-scheduler', 'workload-high', 800, 'ByNamespace', everything(users(SCHEDULER))),
    flowSchema('kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', everything(kubeSystemServiceAccounts('*'))),
    flowSchema('service-accounts', 'workload-low', 9000, 'ByUser', everything(groups('system:serviceaccounts'))),
    flowSchema('global-default', 'global-default', 9900, 'ByUser', everything(groups('system:unauthenticated', 'system:authenticated'))),
  ];
  return schemas.map((fs) => {
    const level = (fs.spec as { priorityLevelConfiguration: { name: string } }).priorityLevelConfiguration.name;
    return {
      ...fs,
      status: {
        conditions: [{
          type: 'Dangling', status: 'False', lastTransitionTime: now, reason: 'Found',
          message: `This FlowSchema references the PriorityLevelConfiguration object named ${JSON.stringify(level)} and it exists`,
        }],
      },
    };
  });
}
