// Resource usage of a cgroup (a container, or a node's system slice) on the virtual clock: what
// cAdvisor and containerd read from the kernel as a cumulative CPU time and a memory working
// set. Programs say what they use (`ctx.use`); the meter integrates CPU over time, caps it at
// the CPU limit as CFS throttling does, and reports memory over the limit to the OOM killer.
//
// Worked example: a container whose one process uses cpu [0.001, 0.003] (1–3 millicores) and
// memory 4Mi. Each virtual second draws a rate in that range from the meter's own seeded RNG
// (the same second always draws the same rate), so after 15 s the cumulative CPU is about
// 30 ms = 30_000_000 core-nanoseconds, and metrics-server's rate over that window is ~2m.
import { createRng, type Clock, type Rng } from '../clock/index.ts';

/** A fixed value, or a range: CPU varies inside it second by second, memory is drawn once. */
export type Amount = number | readonly [number, number];

/** What one process uses. */
export interface ResourceDemand {
  /** Cores (0.001 is 1m). A range is drawn each second; a draw below 0 is an idle second. */
  cpu: Amount;
  /** Working set bytes, drawn once when declared. */
  memory: Amount;
}

/** A process's share of a meter. */
export interface MeteredProcess {
  /** Replaces what this process uses from now on. */
  use(demand: ResourceDemand): void;
  /** The process ended: it uses nothing more. */
  release(): void;
}

/** One reading, as the CRI's ContainerStats carries it. */
export interface UsageSample {
  /** Virtual-clock milliseconds. */
  timestamp: number;
  /** CPU time used since the cgroup started, in core-nanoseconds. */
  usageCoreNanoSeconds: number;
  /** The rate during the current second, in nanocores (cAdvisor's instantaneous usage). */
  usageNanoCores: number;
  workingSetBytes: number;
}

export interface UsageMeterOptions {
  clock: Clock;
  /** Seeds the meter's own RNG, so that metering never shifts the cluster's RNG sequence. */
  seed: string;
  /** The CPU limit in cores: CFS quota throttles usage to it. */
  cpuLimit?: number;
  /** The memory limit in bytes: past it the OOM killer is called. */
  memoryLimit?: number;
  /** Called once when the working set exceeds the memory limit. */
  onOom?: () => void;
}

const SECOND = 1000;
const PAGE = 4096;

/** FNV-1a over a string: a 32-bit seed for the meter's RNG. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One CPU draw per (process, second): the same second always yields the same rate. */
function mix(a: number, b: number): number {
  let z = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return ((z ^ (z >>> 16)) >>> 0) / 0x1_0000_0000;
}

interface Share {
  cpu: Amount;
  memory: number;
  /** This process's own stream of per-second draws. */
  stream: number;
}

export class UsageMeter {
  private readonly clock: Clock;
  private readonly rng: Rng;
  private readonly shares = new Set<Share>();
  private cumulativeNs = 0;
  private integratedTo: number;
  private oomReported = false;

  constructor(private readonly options: UsageMeterOptions) {
    this.clock = options.clock;
    this.rng = createRng(hash32(options.seed));
    this.integratedTo = options.clock.now();
  }

  /** A new process's share, using `demand` until it says otherwise. */
  process(demand: ResourceDemand): MeteredProcess {
    const share: Share = { cpu: 0, memory: 0, stream: this.rng.int(0x1_0000_0000) };
    this.advance();
    this.shares.add(share);
    const set = (d: ResourceDemand) => {
      this.advance();
      share.cpu = d.cpu;
      share.memory = this.draw(d.memory);
      this.checkMemory();
    };
    set(demand);
    return {
      use: (d) => { if (this.shares.has(share)) set(d); },
      release: () => {
        this.advance();
        this.shares.delete(share);
      },
    };
  }

  /** A short burst of CPU work (a fork and exec), in core-nanoseconds, added at once. */
  charge(coreNanoseconds: Amount): void {
    this.advance();
    this.cumulativeNs += this.draw(coreNanoseconds);
  }

  /** The reading now. */
  sample(): UsageSample {
    const now = this.clock.now();
    this.advance();
    return {
      timestamp: now,
      usageCoreNanoSeconds: Math.round(this.cumulativeNs),
      usageNanoCores: Math.round(this.rateAt(Math.floor(now / SECOND)) * 1e9),
      workingSetBytes: this.workingSet(),
    };
  }

  /** Bytes in resident pages: the working set is counted in whole 4 KiB pages. */
  workingSet(): number {
    let total = 0;
    for (const s of this.shares) total += s.memory;
    return Math.round(total / PAGE) * PAGE;
  }

  private draw(amount: Amount): number {
    if (typeof amount === 'number') return amount;
    return amount[0] + this.rng.next() * (amount[1] - amount[0]);
  }

  /** Cores used during second `second`: each process's draw, summed, throttled to the limit. */
  private rateAt(second: number): number {
    let rate = 0;
    for (const s of this.shares) {
      const cpu = s.cpu;
      rate += typeof cpu === 'number' ? cpu : Math.max(0, cpu[0] + mix(s.stream, second) * (cpu[1] - cpu[0]));
    }
    return this.options.cpuLimit === undefined ? rate : Math.min(rate, this.options.cpuLimit);
  }

  /** Integrates CPU from where it was last integrated to now, second by second. */
  private advance(): void {
    const now = this.clock.now();
    let t = this.integratedTo;
    while (t < now) {
      const second = Math.floor(t / SECOND);
      const end = Math.min(now, (second + 1) * SECOND);
      this.cumulativeNs += this.rateAt(second) * (end - t) * 1e6;
      t = end;
    }
    this.integratedTo = now;
  }

  // The kernel's OOM killer acts when a charge would pass memory.max.
  private checkMemory(): void {
    const limit = this.options.memoryLimit;
    if (limit === undefined || this.oomReported || this.workingSet() <= limit) return;
    this.oomReported = true;
    this.options.onOom?.();
  }
}

/** Bytes in a MiB, for programs' demands. */
export const Mi = 1024 * 1024;
