// The Table metrics-server answers `kubectl get nodes.metrics.k8s.io` (and pods) with: the
// name, each usage quantity (the resource names sorted: cpu, memory; a pod's summed over its
// containers) and the window. No items, no columns: kubectl then says "No resources found".
// Models sigs.k8s.io/metrics-server pkg/api/table.go (addNodeMetricsToTable, addPodMetricsToTable).
import { addQuantity, parseQuantity, quantityString, type KubeObject, type Quantity } from '../api/index.ts';

/** The usage a NodeMetrics carries, or a PodMetrics' containers summed. */
function usageOf(metrics: KubeObject): Record<string, string> {
  const usage = (metrics as { usage?: Record<string, string> }).usage;
  if (usage) return usage;
  const sum = new Map<string, Quantity>();
  for (const c of (metrics as { containers?: { usage: Record<string, string> }[] }).containers ?? []) {
    for (const [name, text] of Object.entries(c.usage)) {
      const q = parseQuantity(text);
      if (!q.ok) continue;
      const before = sum.get(name);
      sum.set(name, before ? addQuantity(before, q.value) : q.value);
    }
  }
  return Object.fromEntries([...sum].map(([name, q]) => [name, quantityString(q)]));
}

/** A meta.k8s.io/v1 Table of metrics objects, each row's object its metadata (includeObject=Metadata). */
export function metricsTable(items: KubeObject[]): KubeObject {
  const names = items.length ? Object.keys(usageOf(items[0]!)).sort() : [];
  const columnDefinitions = items.length
    ? [
      { name: 'Name', type: 'string', format: 'name', description: 'Name of the resource', priority: 0 },
      ...names.map((name) => ({ name, type: 'string', format: 'quantity', description: '', priority: 0 })),
      { name: 'Window', type: 'string', format: 'duration', description: '', priority: 0 },
    ]
    : [];
  const rows = items.map((m) => {
    const usage = usageOf(m);
    return {
      cells: [m.metadata?.name ?? '', ...names.map((n) => usage[n] ?? '0'), (m as { window?: string }).window ?? ''],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: m.metadata },
    };
  });
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, columnDefinitions, rows } as KubeObject;
}
