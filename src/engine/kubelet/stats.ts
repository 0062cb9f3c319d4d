// The kubelet's Summary API (GET /stats/summary): node and pod usage, as its CRI stats provider
// builds it from the runtime's ListContainerStats and the node's root cgroup. The node's own
// processes (systemd, containerd, the kubelet, and on the control plane the apiserver, etcd,
// the controller manager) are a system slice metered here; the node's usage is that plus
// every container's.
// Models pkg/kubelet/server/stats/summary.go (Get) and pkg/kubelet/stats/cri_stats_provider.go
// (ListPodStats: containers grouped by their pod labels, terminated containers left out).
import { rfc3339Micro, type ContainerStatsSummary, type CPUStats, type MemoryStats, type StatsSummary } from '../api/index.ts';
import type { Clock } from '../clock/index.ts';
import { Mi, UsageMeter, type ContainerRuntime, type ContainerStats } from '../runtime/index.ts';
import type { NodeConfig } from './node.ts';
import type { Pod } from './pod.ts';

/** The system slice's usage: a kubeadm control plane runs its components there (kind: static pods). */
const SYSTEM_USAGE = {
  controlPlane: { cpu: [0.1, 0.2], memory: [640 * Mi, 700 * Mi] },
  worker: { cpu: [0.015, 0.035], memory: [180 * Mi, 220 * Mi] },
} as const;

export interface StatsProviderOptions {
  clock: Clock;
  node: NodeConfig;
  runtime: ContainerRuntime;
  /** The pods this kubelet runs, by uid (their status.startTime). */
  pod(uid: string): Pod | undefined;
}

/** The kubelet's `/stats/summary` handler. */
export function createStatsProvider({ clock, node, runtime, pod }: StatsProviderOptions): () => StatsSummary {
  const startTime = rfc3339Micro(clock.now());
  const system = new UsageMeter({ clock, seed: `system.slice/${node.name}` });
  system.process(node.controlPlane ? SYSTEM_USAGE.controlPlane : SYSTEM_USAGE.worker);
  const capacityBytes = node.preset.memoryKi * 1024;
  // The root cgroup's CPU counter never goes back: a container that is gone leaves its CPU
  // time behind (its last reading here; the moments since are lost, a few milliseconds).
  const lastSeen = new Map<string, number>();
  let retiredNs = 0;

  const cpuOf = (time: string, nanoCores: number, coreNs: number): CPUStats => ({ time, usageNanoCores: nanoCores, usageCoreNanoSeconds: coreNs });
  const memoryOf = (time: string, workingSet: number, available?: number): MemoryStats => ({
    time, workingSetBytes: workingSet, usageBytes: workingSet, ...(available !== undefined ? { availableBytes: available } : {}),
  });

  return () => {
    const now = rfc3339Micro(clock.now());
    const stats = runtime.listContainerStats();
    const seen = new Set(stats.map((s) => s.attributes.id));
    for (const [id, ns] of lastSeen) {
      if (!seen.has(id)) {
        retiredNs += ns;
        lastSeen.delete(id);
      }
    }
    const byPod = new Map<string, ContainerStats[]>();
    for (const s of stats) {
      lastSeen.set(s.attributes.id, s.cpu.usageCoreNanoSeconds);
      const uid = s.attributes.labels['io.kubernetes.pod.uid'] ?? '';
      byPod.set(uid, [...byPod.get(uid) ?? [], s]);
    }
    const pods = [...byPod].map(([uid, list]) => {
      const p = pod(uid);
      const containers: ContainerStatsSummary[] = list.map((s) => ({
        name: s.attributes.metadata.name,
        startTime: rfc3339Micro(runtime.containerStatus(s.attributes.id)?.startedAt ?? clock.now()),
        cpu: cpuOf(now, s.cpu.usageNanoCores, s.cpu.usageCoreNanoSeconds),
        memory: memoryOf(now, s.memory.workingSetBytes),
      }));
      const sum = (f: (c: ContainerStatsSummary) => number) => containers.reduce((t, c) => t + f(c), 0);
      return {
        podRef: { name: s0(list, 'io.kubernetes.pod.name'), namespace: s0(list, 'io.kubernetes.pod.namespace'), uid },
        startTime: p?.status?.startTime ?? containers[0]!.startTime,
        containers,
        cpu: cpuOf(now, sum((c) => c.cpu.usageNanoCores), sum((c) => c.cpu.usageCoreNanoSeconds)),
        memory: memoryOf(now, sum((c) => c.memory.workingSetBytes)),
      };
    });
    const sys = system.sample();
    const nanoCores = sys.usageNanoCores + pods.reduce((t, p) => t + p.cpu.usageNanoCores, 0);
    const coreNs = sys.usageCoreNanoSeconds + retiredNs + [...lastSeen.values()].reduce((t, n) => t + n, 0);
    const workingSet = sys.workingSetBytes + pods.reduce((t, p) => t + p.memory.workingSetBytes, 0);
    return {
      node: { nodeName: node.name, startTime, cpu: cpuOf(now, nanoCores, coreNs), memory: memoryOf(now, workingSet, Math.max(0, capacityBytes - workingSet)) },
      pods,
    };
  };
}

/** A label every container of the pod carries. */
const s0 = (list: ContainerStats[], label: string) => list[0]?.attributes.labels[label] ?? '';
