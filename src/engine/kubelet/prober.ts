// One probe worker per container and probe type, on the virtual clock. Models
// pkg/kubelet/prober/worker.go (run, doProbe: initial values, the new-container reset, onHold
// after a liveness or startup failure, initialDelaySeconds, startup gating, the thresholds)
// and prober.go (probe, runProbeWithRetries, the Unhealthy and ProbeWarning events). Results go
// to the pod worker, which acts on them as kuberuntime_manager.go computePodActions does.
import type { Clock, TimerHandle } from '../clock/index.ts';
import type { EventType } from './events.ts';
import type { Probe } from './pod.ts';
import { runProbe, type ProbeOutcome, type ProbeSite } from './probe.ts';

export type ProbeType = 'Liveness' | 'Readiness' | 'Startup';
/** results.Result. */
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** What the worker reads of its container before each probe (the status manager's copy). */
export interface ProbedContainer {
  /** The current run, once there is one. */
  containerID?: string;
  /** When the current run started, while it runs. */
  runningSince?: number;
  terminated: boolean;
  /** The container is restarted when it stops (its restart policy is not Never). */
  restartable: boolean;
  /** The startup probe has passed for this run (or there is none). */
  started: boolean;
  /** The pod is being deleted. */
  deleting: boolean;
  /** The pod has stopped for good. */
  podTerminal: boolean;
  /** Where a probe of this run dials and execs; undefined without a sandbox. */
  site?: ProbeSite;
}

export interface ProbeWorkerOptions {
  clock: Clock;
  type: ProbeType;
  spec: Probe;
  container: () => ProbedContainer;
  /** resultsManager.Set. */
  setResult(containerID: string, result: ProbeResult): void;
  /** An event about this container (Unhealthy, ProbeWarning). */
  event(type: EventType, reason: string, message: string): void;
  onError(err: unknown): void;
}

export interface ProbeWorker {
  readonly type: ProbeType;
  /** manualTriggerCh: probe now (the readiness probe of a container not yet known to be ready). */
  trigger(): void;
  stop(): void;
}

/** The API's defaults (core/v1 types.go); the apiserver has usually set them already. */
export const probeDefaults = (p: Probe) => ({
  initialDelaySeconds: p.initialDelaySeconds ?? 0,
  timeoutSeconds: p.timeoutSeconds ?? 1,
  periodSeconds: p.periodSeconds ?? 10,
  successThreshold: p.successThreshold ?? 1,
  failureThreshold: p.failureThreshold ?? 3,
});

const MAX_PROBE_RETRIES = 3;

export function runProbeWorker(o: ProbeWorkerOptions): ProbeWorker {
  const spec = probeDefaults(o.spec);
  // worker.go newWorker: readiness starts failed, liveness passed, startup unknown.
  const initialValue: ProbeResult = o.type === 'Readiness' ? 'Failure' : o.type === 'Liveness' ? 'Success' : 'Unknown';
  let containerID: string | undefined;
  let onHold = false;
  let lastResult: ProbeResult = 'Unknown';
  let resultRun = 0;
  let stopped = false;
  let inFlight = false;
  let again = false;

  // prober.go probe: up to three attempts while the probe errors; events name what happened.
  async function probe(site: ProbeSite): Promise<ProbeResult | undefined> {
    let outcome: ProbeOutcome | undefined;
    for (let i = 0; i < MAX_PROBE_RETRIES; i++) {
      outcome = await runProbe(site, o.spec, spec.timeoutSeconds);
      if (outcome.result !== 'unknown') break;
    }
    if (!outcome) return undefined;
    switch (outcome.result) {
      case 'unknown':
        o.event('Warning', 'Unhealthy', `${o.type} probe errored and resulted in unknown state: ${outcome.error}`);
        return undefined;
      case 'warning':
        o.event('Warning', 'ProbeWarning', `${o.type} probe warning: ${outcome.output}`);
        return 'Success';
      case 'failure':
        o.event('Warning', 'Unhealthy', `${o.type} probe failed: ${outcome.output}`);
        return 'Failure';
      default:
        return 'Success';
    }
  }

  /** worker.go doProbe: false ends the worker. */
  async function doProbe(): Promise<boolean> {
    const c = o.container();
    if (c.podTerminal) return false;
    if (!c.containerID) return true;
    if (containerID !== c.containerID) {
      containerID = c.containerID;
      o.setResult(containerID, initialValue);
      onHold = false;
    }
    if (onHold) return true;
    if (c.runningSince === undefined) {
      o.setResult(containerID, 'Failure');
      return !c.terminated || c.restartable;
    }
    // Graceful shutdown: a last passing result keeps the kubelet from killing what it is stopping.
    if (c.deleting && o.type !== 'Readiness') {
      o.setResult(containerID, 'Success');
      return false;
    }
    if (Math.floor((o.clock.now() - c.runningSince) / 1000) < spec.initialDelaySeconds) return true;
    // The startup probe gates the others; once it passed it stays quiet for this run.
    if (c.started ? o.type === 'Startup' : o.type !== 'Startup') return true;
    if (!c.site) return true;
    const result = await probe(c.site);
    if (result === undefined || stopped) return true;
    if (lastResult === result) resultRun++;
    else { lastResult = result; resultRun = 1; }
    if ((result === 'Failure' && resultRun < spec.failureThreshold) || (result === 'Success' && resultRun < spec.successThreshold)) return true;
    o.setResult(containerID, result);
    if (o.type !== 'Readiness' && result === 'Failure') {
      // The container will be killed: wait for its next run before probing again.
      onHold = true;
      resultRun = 0;
    }
    return true;
  }

  function tick(): void {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    doProbe().then((keep) => {
      inFlight = false;
      if (!keep) worker.stop();
      else if (again) {
        again = false;
        tick();
      }
    }, (err: unknown) => {
      inFlight = false;
      o.onError(err);
    });
  }

  // worker.go run: a probe at once, then one per period.
  const ticker: TimerHandle = o.clock.every(spec.periodSeconds * 1000, tick);
  const worker: ProbeWorker = {
    type: o.type,
    trigger: tick,
    stop() {
      stopped = true;
      o.clock.cancel(ticker);
    },
  };
  tick();
  return worker;
}
