import { describe, expect, it } from 'vitest';
import { containersToStart, initialized, type ContainerFacts, type ContainerKind } from './actions.ts';

type Shape = 'new' | 'running' | 'started' | 'done' | 'backoff';
const c = (kind: ContainerKind, shape: Shape, everRan = false): ContainerFacts => ({
  kind, startable: shape === 'new', succeeded: shape === 'done', started: shape === 'started', everRan,
});

describe('containersToStart (computePodActions)', () => {
  it.each([
    { name: 'no init containers: every regular container', init: [], regular: [c('regular', 'new'), c('regular', 'new')], want: { init: [], regular: [0, 1] } },
    { name: 'the first init container first', init: [c('init', 'new'), c('init', 'new')], regular: [c('regular', 'new')], want: { init: [0], regular: [] } },
    { name: 'the next once the one before exited 0', init: [c('init', 'done'), c('init', 'new')], regular: [c('regular', 'new')], want: { init: [1], regular: [] } },
    { name: 'nothing while an init container runs', init: [c('init', 'running'), c('init', 'new')], regular: [c('regular', 'new')], want: { init: [], regular: [] } },
    { name: 'nothing while an init container backs off', init: [c('init', 'backoff')], regular: [c('regular', 'new')], want: { init: [], regular: [] } },
    { name: 'a sidecar that runs but has not started holds the next', init: [c('sidecar', 'running'), c('init', 'new')], regular: [c('regular', 'new')], want: { init: [], regular: [] } },
    { name: 'a started sidecar lets the next go', init: [c('sidecar', 'started'), c('init', 'new')], regular: [c('regular', 'new')], want: { init: [1], regular: [] } },
    { name: 'initialized: regular containers', init: [c('sidecar', 'started'), c('init', 'done')], regular: [c('regular', 'new')], want: { init: [], regular: [0] } },
    { name: 'initialized: a crashed sidecar is restarted with the regular ones', init: [c('sidecar', 'new', true), c('init', 'done')], regular: [c('regular', 'new', true)], want: { init: [0], regular: [0] } },
  ])('$name', ({ init, regular, want }) => {
    expect(containersToStart(init, regular)).toEqual(want);
  });

  it('a pod whose regular containers ran stays initialized', () => {
    expect(initialized([c('init', 'new')], [c('regular', 'running', true)])).toBe(true);
    expect(initialized([c('init', 'new')], [c('regular', 'new')])).toBe(false);
  });
});
