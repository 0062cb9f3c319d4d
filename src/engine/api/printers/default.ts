// The table of kinds with no print handler (Role, ClusterRole, LimitRange, CustomResourceDefinition, ...):
// NAME and CREATED AT, the creation time in RFC 3339 rather than an age.
// Models staging/src/k8s.io/apiserver/pkg/registry/rest/table.go defaultTableConvertor.
import { rfc3339 } from '../time.ts';
import { parseTimestamp } from './timestamp.ts';
import { docColumn, nameColumn, type KindPrinter } from './table.ts';

// Go's time.Time{}.UTC().Format(time.RFC3339): what a missing creationTimestamp prints as.
const zeroTimeRFC3339 = '0001-01-01T00:00:00Z';

export const defaultPrinter: KindPrinter = {
  columns: [nameColumn, docColumn('Created At', 'date', 'metav1.ObjectMeta.creationTimestamp')],
  print(obj) {
    const created = parseTimestamp(obj.metadata?.creationTimestamp);
    return { cells: [obj.metadata?.name ?? '', created === undefined ? zeroTimeRFC3339 : rfc3339(created)] };
  },
};
