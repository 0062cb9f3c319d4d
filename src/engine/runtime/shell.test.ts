import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/index.ts';
import { createContainerRuntime } from './runtime.ts';
import { piDigits } from './programs.ts';
import { parseImageReference } from './reference.ts';

/** Runs `sh -c SCRIPT` by exec in a running container of `image`; what it printed and its exit code. */
async function sh(script: string, image = 'busybox', ms = 60_000) {
  const clock = new VirtualClock({ seed: 1, startTime: Date.UTC(2026, 11, 2) });
  const runtime = createContainerRuntime({ clock });
  const sandbox = runtime.runPodSandbox({ podUid: 'u', podName: 'p', namespace: 'default', hostname: 'p', files: {} });
  const pulled = runtime.pullImage(image);
  await clock.advanceAsync(60_000);
  await pulled;
  const id = runtime.createContainer(sandbox, { name: 'c', attempt: 0, image, command: ['sleep', 'infinity'], args: [], env: [{ name: 'NAME', value: 'world' }], mounts: [], stdin: false, stdinOnce: false, tty: false, limits: {} });
  runtime.startContainer(id);
  let out = '';
  let code: string | undefined;
  const session = runtime.exec(id, ['sh', '-c', script], { stdin: false, tty: false, stdout: (c) => { out += c; }, stderr: (c) => { out += c; } });
  void session.result.then((s) => { code = s.details?.causes?.[0]?.message ?? '0'; });
  await clock.advanceAsync(ms);
  return { out, code };
}

describe('the container shell', () => {
  it.each([
    ['echo hello $NAME', 'hello world\n', '0'],
    ["echo 'single $NAME' \"double $NAME\"", 'single $NAME double world\n', '0'],
    ['X=1; Y=$((X + 2 * 3)); echo $Y', '7\n', '0'],
    ['for i in 1 2 3; do echo -n $i; done; echo', '123\n', '0'],
    ['i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i', '3\n', '0'],
    ['until [ -f /tmp/ready ]; do touch /tmp/ready; done; echo ok', 'ok\n', '0'],
    ['if [ "$NAME" = world ]; then echo yes; else echo no; fi', 'yes\n', '0'],
    ['false && echo a || echo b', 'b\n', '0'],
    ['echo $(echo inner) `echo back`', 'inner back\n', '0'],
    ['echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f | wc -l', '2\n', '0'],
    ['echo err >&2 2>/dev/null; echo done', 'err\ndone\n', '0'],
    ['echo ${UNSET:-fallback} ${NAME:-x}', 'fallback world\n', '0'],
    ['printf "%s=%d\\n" a 5', 'a=5\n', '0'],
    ['seq 3 | sort -r | head -n 2', '3\n2\n', '0'],
    ['echo a b | grep -c b', '1\n', '0'],
    ['exit 4', '', '4'],
    ['nosuch', 'sh: nosuch: not found\n', '127'],
    ['if then', 'sh: syntax error: unexpected "then"\n', '2'],
    ['cd /nowhere', "sh: cd: can't cd to /nowhere\n", '2'],
    ['(cd /tmp; pwd); pwd', '/tmp\n/\n', '0'],
    ['sleep 5 && date', 'Wed Dec  2 00:01:05 UTC 2026\n', '0'],
    ['ls /nope', 'ls: /nope: No such file or directory\n', '1'],
    ['ls /', 'bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n', '0'],
    ['printf "a b  c\\nd\\n" > /tmp/in; while read x y; do echo "[$x|$y]"; done < /tmp/in', '[a|b  c]\n[d|]\n', '0'],
    ['echo "  one two  " | (read; echo "<$REPLY>")', '<one two>\n', '0'],
    ['printf "partial" | (read v; echo "$? $v")', '1 partial\n', '0'],
    ['read v < /dev/null; echo "$? [$v]"', '1 []\n', '0'],
    ['echo "a\\\\b" | (read v; read -r w; echo "$v")', 'ab\n', '0'],
  ])('busybox: %s', async (script, out, code) => {
    expect(await sh(script)).toEqual({ out, code });
  });

  it.each([
    ['nosuch', 'sh: 1: nosuch: not found\n', '127'],
    ['ls /nope', "ls: cannot access '/nope': No such file or directory\n", '2'],
    ['bash -c nosuch', 'bash: line 1: nosuch: command not found\n', '127'],
    ['curl -s localhost:8080', '', '7'],
    ['ls /', 'bin\nboot\ndev\ndocker-entrypoint.d\ndocker-entrypoint.sh\netc\nhome\nlib\nlib64\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n', '0'],
    ['curl localhost:8080', "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n", '7'],
  ])('nginx (Debian, dash): %s', async (script, out, code) => {
    expect(await sh(script, 'nginx')).toEqual({ out, code });
  });

  it('yields virtual time in a loop that never waits, so it cannot hang the page', async () => {
    const { out, code } = await sh('while true; do :; done', 'busybox', 10);
    expect(out).toBe('');
    expect(code).toBeUndefined();
  });
});

describe('image references', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['library/nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/redis', 'docker.io/bitnami/redis:latest'],
    ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    [`nginx@sha256:${'a'.repeat(64)}`, `docker.io/library/nginx@sha256:${'a'.repeat(64)}`],
  ])('%s → %s', (image, normalized) => {
    const parsed = parseImageReference(image);
    expect(parsed.ok && parsed.value.normalized).toBe(normalized);
  });

  it.each([
    ['Nginx', 'invalid reference format: repository name must be lowercase'],
    ['nginx:', 'invalid reference format'],
    ['nginx::1', 'invalid reference format'],
  ])('%s is refused: %s', (image, message) => {
    expect(parseImageReference(image)).toEqual({ ok: false, message });
  });
});

it('computes the pi Job\'s digits', () => {
  expect(piDigits(50)).toBe('3.1415926535897932384626433832795028841971693993751');
});
