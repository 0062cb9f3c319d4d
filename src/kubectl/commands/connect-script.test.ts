// logs, exec and attach in a script (`pilothouse run`, the in-process path): pods on node-1's
// kubelet and the simulated runtime, the clock paused between lines. A streaming line stops
// as a script stops it: after what is there (logs -f: exit 1, as Ctrl-C), and an attach or an
// exec still running is ended as Ctrl-C ends the real kubectl (130), its session closed.
import { describe, expect, it } from 'vitest';
import { runScript } from '../script.ts';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: counter}
spec:
  nodeName: node-1
  containers:
  - name: count
    image: busybox:1.36
    command: [sh, -c, 'i=0; while true; do echo "line $i"; i=$((i+1)); sleep 1; done']
`;

const SCRIPT = `kubectl create -f pods.yaml
sleep 5
kubectl logs counter
kubectl logs counter -f --tail=1
kubectl attach counter
kubectl exec counter -- sh -c 'echo started; while true; do sleep 1; done'
kubectl exec counter -- sh -c 'read a; echo "[$a]"'
kubectl exec counter -- nosuch
sleep 2
kubectl logs counter --tail=1
kubectl get pod counter -o jsonpath='{.status.phase} {.status.containerStatuses[0].restartCount}'
`;

describe('logs, exec and attach in a script', () => {
  it('prints what a terminal would, and leaves the container running', async () => {
    const steps = await runScript(SCRIPT, { readFile: async () => PODS });
    const out = steps.map((s) => ({ command: s.command, stdout: s.stdout, stderr: s.stderr.replace(/exec "[0-9a-f]{64}"/, 'exec "ID"'), exitCode: s.exitCode }));
    expect(out.slice(2)).toEqual([
      { command: 'kubectl logs counter', stdout: 'line 0\nline 1\nline 2\nline 3\nline 4\n', stderr: '', exitCode: 0 },
      { command: 'kubectl logs counter -f --tail=1', stdout: 'line 4\n', stderr: '', exitCode: 1 },
      { command: 'kubectl attach counter', stdout: '', stderr: "If you don't see a command prompt, try pressing enter.\n", exitCode: 130 },
      { command: "kubectl exec counter -- sh -c 'echo started; while true; do sleep 1; done'", stdout: 'started\n', stderr: '', exitCode: 130 },
      { command: "kubectl exec counter -- sh -c 'read a; echo \"[$a]\"'", stdout: '[]\n', stderr: '', exitCode: 0 },
      {
        command: 'kubectl exec counter -- nosuch', stdout: '', exitCode: 1,
        stderr: 'error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "ID": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\n',
      },
      { command: 'sleep 2', stdout: '', stderr: '', exitCode: 0 },
      { command: 'kubectl logs counter --tail=1', stdout: 'line 6\n', stderr: '', exitCode: 0 },
      { command: "kubectl get pod counter -o jsonpath='{.status.phase} {.status.containerStatuses[0].restartCount}'", stdout: 'Running 0', stderr: '', exitCode: 0 },
    ]);
  }, 30_000);
});
