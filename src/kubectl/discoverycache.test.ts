import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock/index.ts';
import { createMemoryDiscoveryCache, DISCOVERY_CACHE_TTL_MS } from './discoverycache.ts';
import { run } from './kubectl.ts';
import { bootHarness, type Harness } from './testing/harness.ts';

let h: Harness;
beforeAll(async () => { h = await bootHarness(); });
afterAll(() => h.cluster.stop());

// The request lines of a --v=6 run: the round trips logged, by URL, without klog's header.
const requests = (stderr: string) => [...stderr.matchAll(/round_trippers\.go:632\] "Response" verb="(\w+)" url="([^"]+)" status="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);

const API = 'GET https://127.0.0.1:6443/api?timeout=32s 200 OK';
const APIS = 'GET https://127.0.0.1:6443/apis?timeout=32s 200 OK';
const NS_DEFAULT = 'GET https://127.0.0.1:6443/api/v1/namespaces/default 200 OK';

// As the real kubectl v1.33 against `pilothouse serve` with a fresh $HOME: a cold discovery cache
// costs GET /api and /apis (aggregated discovery), a warm one nothing, and api-versions and
// api-resources (without --cached) invalidate it first.
describe('discovery requests at --v=6', () => {
  it('are made by the first line that needs discovery, then not until the cache expires', async () => {
    // The cache ages on a clock of its own here, so that six hours pass without the cluster running them.
    const cacheClock = new VirtualClock({ seed: 1 });
    const ctx = { ...h.ctx, discoveryCache: createMemoryDiscoveryCache(cacheClock) };
    expect(requests((await run('kubectl get ns default --v=6', ctx)).stderr)).toEqual([API, APIS, NS_DEFAULT]);
    cacheClock.advance(DISCOVERY_CACHE_TTL_MS);
    expect(requests((await run('kubectl get ns default --v=6', ctx)).stderr)).toEqual([NS_DEFAULT]);
    cacheClock.advance(1);
    expect(requests((await run('kubectl get ns default --v=6', ctx)).stderr)).toEqual([API, APIS, NS_DEFAULT]);
  });

  it.each([
    { line: 'kubectl api-versions --v=6', want: [API, APIS] },
    { line: 'kubectl api-resources -o name --v=6', want: [API, APIS] },
    { line: 'kubectl api-resources --cached -o name --v=6', want: [] },
    { line: 'kubectl version --client --v=6', want: [] },
  ])('with a warm cache, $line asks for $want.length', async ({ line, want }) => {
    const ctx = { ...h.ctx, discoveryCache: createMemoryDiscoveryCache(h.clock) };
    await run('kubectl get ns', ctx);
    expect(requests((await run(line, ctx)).stderr)).toEqual(want);
  });

  it('are not logged below --v=6, though the cache is filled', async () => {
    const ctx = { ...h.ctx, discoveryCache: createMemoryDiscoveryCache(h.clock) };
    expect((await run('kubectl get ns default --v=5', ctx)).stderr).not.toContain('round_trippers');
    expect(requests((await run('kubectl get ns default --v=6', ctx)).stderr)).toEqual([NS_DEFAULT]);
  });
});

describe('the server response object at --v=4', () => {
  it('is logged before the error, as StandardErrorMessage logs a StatusError', async () => {
    const { stderr, exitCode } = await run('kubectl get pods nope --v=6', h.ctx);
    expect(exitCode).toBe(1);
    expect(stderr.replace(/^I\d{4} [\d:.]+ {3}12345 /gm, '').split('\n').slice(-16)).toEqual([
      'round_trippers.go:632] "Response" verb="GET" url="https://127.0.0.1:6443/api/v1/namespaces/default/pods/nope" status="404 Not Found" milliseconds=0',
      'helpers.go:246] server response object: %s[{',
      '  "kind": "Status",',
      '  "apiVersion": "v1",',
      '  "metadata": {},',
      '  "status": "Failure",',
      '  "message": "pods \\"nope\\" not found",',
      '  "reason": "NotFound",',
      '  "details": {',
      '    "name": "nope",',
      '    "kind": "pods"',
      '  },',
      '  "code": 404',
      '}]',
      'Error from server (NotFound): pods "nope" not found',
    ].concat(''));
  });

  it.each([
    { name: 'one object per API error of an aggregate', line: "kubectl get pods,svc -l '=bad' --v=4", want: 2 },
    { name: 'none for an Invalid error, which checkErr words itself', line: 'kubectl create deployment x --image= --v=4', want: 0 },
    { name: 'none below --v=4', line: 'kubectl get pods nope --v=3', want: 0 },
    { name: 'none for a client-side error', line: 'kubectl get flowers --v=6', want: 0 },
  ])('$name', async ({ line, want }) => {
    const { stderr } = await run(line, h.ctx);
    expect(stderr.split('server response object').length - 1).toBe(want);
  });
});
