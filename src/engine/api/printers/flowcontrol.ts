// API Priority and Fairness (flowcontrol.apiserver.k8s.io): FlowSchema and PriorityLevelConfiguration.
// Models printers.go printFlowSchema, printFlowSchemaList (sorted as pkg/apis/flowcontrol/util
// FlowSchemaSequence) and printPriorityLevelConfiguration.
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { ageColumn, column, docColumn, nameColumn, type KindPrinter, type TableCell } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);

interface FlowSchema extends KubeObject {
  spec?: {
    priorityLevelConfiguration?: { name?: string };
    matchingPrecedence?: number;
    distinguisherMethod?: { type?: string };
  };
  status?: { conditions?: Array<{ type?: string; status?: string }> };
}

const precedence = (fs: FlowSchema): number => fs.spec?.matchingPrecedence ?? 0;

export const flowSchemaPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('PriorityLevel', 'string', 'flowcontrolv1.PriorityLevelConfigurationReference.name'),
    docColumn('MatchingPrecedence', 'string', 'flowcontrolv1.FlowSchemaSpec.matchingPrecedence'),
    docColumn('DistinguisherMethod', 'string', 'flowcontrolv1.FlowSchemaSpec.distinguisherMethod'),
    ageColumn,
    column('MissingPL', 'string', 'references a broken or non-existent PriorityLevelConfiguration'),
  ],
  print(obj, { now }) {
    const fs = obj as FlowSchema;
    // MISSINGPL is the Dangling condition's status, `?` until the apiserver's APF controller has set it.
    const dangling = fs.status?.conditions?.find((c) => c.type === 'Dangling');
    return {
      cells: [name(fs), fs.spec?.priorityLevelConfiguration?.name ?? '', precedence(fs),
        fs.spec?.distinguisherMethod?.type ?? '<none>', age(fs, now), dangling ? dangling.status ?? '' : '?'],
    };
  },
  // FlowSchemaSequence: the order requests are matched in, lowest precedence first, then by name.
  compare(a, b) {
    const pa = precedence(a as FlowSchema), pb = precedence(b as FlowSchema);
    if (pa !== pb) return pa - pb;
    const na = name(a), nb = name(b);
    return na < nb ? -1 : na > nb ? 1 : 0;
  },
};

interface PriorityLevelConfiguration extends KubeObject {
  spec?: {
    type?: string;
    limited?: {
      nominalConcurrencyShares?: number;
      limitResponse?: { queuing?: { queues?: number; handSize?: number; queueLengthLimit?: number } };
    };
  };
}

export const priorityLevelConfigurationPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('Type', 'string', 'flowcontrolv1.PriorityLevelConfigurationSpec.type'),
    docColumn('NominalConcurrencyShares', 'string', 'flowcontrolv1.LimitedPriorityLevelConfiguration.nominalConcurrencyShares'),
    docColumn('Queues', 'string', 'flowcontrolv1.QueuingConfiguration.queues'),
    docColumn('HandSize', 'string', 'flowcontrolv1.QueuingConfiguration.handSize'),
    docColumn('QueueLengthLimit', 'string', 'flowcontrolv1.QueuingConfiguration.queueLengthLimit'),
    ageColumn,
  ],
  print(obj, { now }) {
    const plc = obj as PriorityLevelConfiguration;
    // Numbers where the level is limited (and queues), `<none>` otherwise: the cells mix types upstream too.
    // Missing numbers print as the internal type's zero value.
    let ncs: TableCell = '<none>', queues: TableCell = '<none>', handSize: TableCell = '<none>', queueLengthLimit: TableCell = '<none>';
    const limited = plc.spec?.limited;
    if (limited) {
      ncs = limited.nominalConcurrencyShares ?? 0;
      const queuing = limited.limitResponse?.queuing;
      if (queuing) {
        queues = queuing.queues ?? 0;
        handSize = queuing.handSize ?? 0;
        queueLengthLimit = queuing.queueLengthLimit ?? 0;
      }
    }
    return { cells: [name(plc), plc.spec?.type ?? '', ncs, queues, handSize, queueLengthLimit, age(plc, now)] };
  },
};
