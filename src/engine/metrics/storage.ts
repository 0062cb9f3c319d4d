// metrics-server's storage: the last two scrapes of every node and container, and usage as
// the rate between them. A point replaces `last` only when it is newer; a restart (a start
// time after the stored point) starts over, so a restarted container has no usage until its
// second point. A container that started 10–15 s before a scrape counts from its start with
// zero CPU (freshContainerMinMetricsResolution), so a new pod shows up after one scrape.
// Models sigs.k8s.io/metrics-server pkg/storage/node.go, pod.go and types.go (resourceUsage).

/** One reading of a node or container. Times are virtual-clock milliseconds. */
export interface MetricsPoint {
  startTime: number;
  timestamp: number;
  /** Core-nanoseconds since start. */
  cumulativeCpu: number;
  /** Working set bytes. */
  memory: number;
}

/** What the API serves for a node or container: nanocores and bytes over a window. */
export interface Usage {
  cpuNanoCores: number;
  memoryBytes: number;
  /** The later point's time, and the window's length, in milliseconds. */
  timestamp: number;
  windowMs: number;
}

/** A pod's containers' points in one scrape. */
export interface PodPoints {
  namespace: string;
  name: string;
  containers: Map<string, MetricsPoint>;
}

const FRESH_CONTAINER_MIN_MS = 10_000;

/** resourceUsage: the rate between two points; undefined where metrics-server skips the point. */
export function resourceUsage(last: MetricsPoint, prev: MetricsPoint): Usage | undefined {
  const windowMs = last.timestamp - prev.timestamp;
  if (last.cumulativeCpu < prev.cumulativeCpu || windowMs <= 0) return undefined;
  return {
    cpuNanoCores: Math.trunc((last.cumulativeCpu - prev.cumulativeCpu) / (windowMs / 1000)),
    memoryBytes: last.memory, timestamp: last.timestamp, windowMs,
  };
}

/** Which stored point to keep as `prev` when `point` arrives (nil when it restarted or is stale). */
function previousOf(point: MetricsPoint, last: MetricsPoint | undefined, prev: MetricsPoint | undefined): MetricsPoint | undefined {
  if (!last || point.startTime >= last.timestamp) return undefined;
  if (point.timestamp > last.timestamp) return last;
  return prev && prev.timestamp < point.timestamp ? prev : undefined;
}

export class NodeStorage {
  private last = new Map<string, MetricsPoint>();
  private prev = new Map<string, MetricsPoint>();

  store(points: Map<string, MetricsPoint>): void {
    const last = new Map<string, MetricsPoint>();
    const prev = new Map<string, MetricsPoint>();
    for (const [node, point] of points) {
      const kept = previousOf(point, this.last.get(node), this.prev.get(node));
      if (kept) prev.set(node, kept);
      last.set(node, point);
    }
    this.last = last;
    this.prev = prev;
  }

  usage(node: string): Usage | undefined {
    const last = this.last.get(node);
    const prev = this.prev.get(node);
    return last && prev ? resourceUsage(last, prev) : undefined;
  }
}

const podKey = (namespace: string, name: string) => `${namespace}/${name}`;

export class PodStorage {
  private last = new Map<string, Map<string, MetricsPoint>>();
  private prev = new Map<string, Map<string, MetricsPoint>>();

  constructor(private readonly resolutionMs: number) {}

  store(pods: PodPoints[]): void {
    const last = new Map<string, Map<string, MetricsPoint>>();
    const prev = new Map<string, Map<string, MetricsPoint>>();
    for (const pod of pods) {
      const key = podKey(pod.namespace, pod.name);
      if (last.has(key)) continue;
      const prevContainers = new Map<string, MetricsPoint>();
      for (const [name, point] of pod.containers) {
        const age = point.timestamp - point.startTime;
        if (age > 0 && age < this.resolutionMs && age >= FRESH_CONTAINER_MIN_MS) {
          prevContainers.set(name, { ...point, timestamp: point.startTime, cumulativeCpu: 0 });
          continue;
        }
        const kept = previousOf(point, this.last.get(key)?.get(name), this.prev.get(key)?.get(name));
        if (kept) prevContainers.set(name, kept);
      }
      if (prevContainers.size) prev.set(key, prevContainers);
      last.set(key, pod.containers);
    }
    this.last = last;
    this.prev = prev;
  }

  /**
   * Each container's usage, or undefined unless every container of the pod has two points
   * (a pod is served whole or not at all). The timestamp and window are the earliest container's.
   */
  usage(namespace: string, name: string): { containers: { name: string; usage: Usage }[]; timestamp: number; windowMs: number } | undefined {
    const key = podKey(namespace, name);
    const last = this.last.get(key);
    const prev = this.prev.get(key);
    if (!last || !prev) return undefined;
    const containers: { name: string; usage: Usage }[] = [];
    let earliest: Usage | undefined;
    for (const [container, point] of last) {
      const before = prev.get(container);
      if (!before) return undefined;
      const usage = resourceUsage(point, before);
      if (!usage) continue;
      containers.push({ name: container, usage });
      if (!earliest || earliest.timestamp > usage.timestamp) earliest = usage;
    }
    return { containers, timestamp: earliest?.timestamp ?? 0, windowMs: earliest?.windowMs ?? 0 };
  }
}
