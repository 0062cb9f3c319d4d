// networking.k8s.io's Service IP allocation objects: ServiceCIDR and IPAddress. Models printers.go
// printServiceCIDR and printIPAddress.
import type { KubeObject } from '../types.ts';
import { translateTimestampSince } from '../meta.ts';
import { ageColumn, docColumn, nameColumn, type KindPrinter } from './table.ts';

const name = (obj: KubeObject): string => obj.metadata?.name ?? '';
const age = (obj: KubeObject, now: number): string => translateTimestampSince(obj.metadata?.creationTimestamp, now);

export const serviceCIDRPrinter: KindPrinter = {
  columns: [nameColumn, docColumn('CIDRs', 'string', 'networkingv1beta1.ServiceCIDRSpec.cidrs'), ageColumn],
  print(obj, { now }) {
    const cidrs = (obj as { spec?: { cidrs?: string[] } }).spec?.cidrs ?? [];
    return { cells: [name(obj), cidrs.join(','), age(obj, now)] };
  },
};

interface IPAddress extends KubeObject {
  spec?: { parentRef?: { group?: string; resource?: string; namespace?: string; name?: string } };
}

// `resource[.group][/namespace]/name`, lower-cased GroupResource, e.g. `services/default/kubernetes`.
function parentRefString(ip: IPAddress): string {
  const ref = ip.spec?.parentRef;
  if (!ref) return '<none>';
  const groupResource = ref.group ? `${ref.resource ?? ''}.${ref.group}` : ref.resource ?? '';
  return `${groupResource.toLowerCase()}${ref.namespace ? `/${ref.namespace}` : ''}/${ref.name ?? ''}`;
}

export const ipAddressPrinter: KindPrinter = {
  // Upstream declares no Age column but still appends the age cell: the row has one cell more than
  // there are columns, and kubectl drops it (tableprinter.go printRows, issue 66379).
  columns: [nameColumn, docColumn('ParentRef', 'string', 'networkingv1beta1.IPAddressSpec.parentRef')],
  print: (obj, { now }) => ({ cells: [name(obj), parentRefString(obj as IPAddress), age(obj, now)] }),
};
