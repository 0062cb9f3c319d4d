// The apiserver's own bookkeeping kinds: APIService (kube-aggregator), ComponentStatus, and the
// alpha StorageVersion and StorageVersionMigration. Models
// staging/src/k8s.io/kube-aggregator/pkg/registry/apiservice/etcd/etcd.go ConvertToTable, and
// printers.go printComponentStatus, printStorageVersion (formatStorageVersions), printStorageVersionMigration.
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { ageColumn, column, docColumn, nameColumn, type KindPrinter } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  error?: string;
}

interface APIService extends KubeObject {
  spec?: { service?: { namespace?: string; name?: string } };
  status?: { conditions?: Condition[] };
}

// The Available condition: `True`, or `False (MissingEndpoints)` with its reason; Unknown without one.
function apiServiceAvailable(svc: APIService): string {
  const c = svc.status?.conditions?.find((cond) => cond.type === 'Available');
  if (!c) return 'Unknown';
  if (c.status !== 'True' && c.reason) return `${c.status ?? ''} (${c.reason})`;
  return c.status ?? '';
}

export const apiServicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    column('Available', 'string', 'Whether this service is available.'),
    ageColumn,
  ],
  print(obj, { now }) {
    const svc = obj as APIService;
    // `Local` for a group the kube-apiserver serves itself, else the backing `namespace/name`.
    const service = svc.spec?.service ? `${svc.spec.service.namespace ?? ''}/${svc.spec.service.name ?? ''}` : 'Local';
    return { cells: [name(svc), service, apiServiceAvailable(svc), age(svc, now)] };
  },
};

// No Age column: NAME, STATUS, MESSAGE, ERROR from the Healthy condition.
export const componentStatusPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the component conditions'),
    column('Message', 'string', 'Message of the component conditions'),
    column('Error', 'string', 'Error of the component conditions'),
  ],
  print(obj) {
    const healthy = (obj as { conditions?: Condition[] }).conditions?.find((c) => c.type === 'Healthy');
    const status = !healthy ? 'Unknown' : healthy.status === 'True' ? 'Healthy' : 'Unhealthy';
    return { cells: [name(obj), status, healthy?.message ?? '', healthy?.error ?? ''] };
  },
};

interface StorageVersion extends KubeObject {
  status?: { commonEncodingVersion?: string; storageVersions?: Array<{ apiServerID?: string; encodingVersion?: string }> };
}

// formatStorageVersions: `apiServerID=encodingVersion`, at most 3 then ` + N more...`, <unset> when none.
function formatStorageVersions(versions: NonNullable<StorageVersion['status']>['storageVersions']): string {
  const list = (versions ?? []).map((sv) => `${sv.apiServerID ?? ''}=${sv.encodingVersion ?? ''}`);
  if (list.length > 3) return `${list.slice(0, 3).join(',')} + ${list.length - 3} more...`;
  return list.join(',') || '<unset>';
}

export const storageVersionPrinter: KindPrinter = {
  columns: [
    nameColumn,
    docColumn('CommonEncodingVersion', 'string', 'apiserverinternalv1alpha1.StorageVersionStatus.commonEncodingVersion'),
    docColumn('StorageVersions', 'string', 'apiserverinternalv1alpha1.StorageVersionStatus.storageVersions'),
    ageColumn,
  ],
  print(obj, { now }) {
    const status = (obj as StorageVersion).status ?? {};
    return { cells: [name(obj), status.commonEncodingVersion ?? '<unset>', formatStorageVersions(status.storageVersions), age(obj, now)] };
  },
};

export const storageVersionMigrationPrinter: KindPrinter = {
  // This handler's Name column has no `name` format upstream.
  columns: [{ ...nameColumn, format: '' }, column('Resource', 'string', 'Fully qualified resource to migrate')],
  print(obj) {
    const r = (obj as { spec?: { resource?: { group?: string; version?: string; resource?: string } } }).spec?.resource ?? {};
    return { cells: [name(obj), `${r.resource ?? ''}.${r.version ?? ''}.${r.group ?? ''}`] };
  },
};
