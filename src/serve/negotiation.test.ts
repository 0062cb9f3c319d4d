import { describe, expect, it } from 'vitest';
import { negotiate, parseMediaTypes } from './negotiation.ts';

// What kubectl v1.33 sends: `get` asks for a Table first; discovery for the aggregated document first.
const KUBECTL_GET = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const KUBECTL_DISCOVERY = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('negotiate', () => {
  it.each([
    { name: 'no Accept header means JSON', accept: undefined, allowed: ['json', 'table'] as const, want: 'json' },
    { name: "kubectl get's Accept on a list gets the Table", accept: KUBECTL_GET, allowed: ['json', 'table'] as const, want: 'table' },
    { name: "kubectl get's Accept on a write falls back to JSON", accept: KUBECTL_GET, allowed: ['json'] as const, want: 'json' },
    { name: "kubectl's discovery Accept gets the aggregated document", accept: KUBECTL_DISCOVERY, allowed: ['json', 'discovery'] as const, want: 'discovery' },
    { name: 'protobuf first, JSON second, gets JSON', accept: 'application/vnd.kubernetes.protobuf,application/json', allowed: ['json'] as const, want: 'json' },
    { name: '*/* is JSON', accept: '*/*', allowed: ['json'] as const, want: 'json' },
  ])('$name', ({ accept, allowed, want }) => {
    expect(negotiate(accept, [...allowed])).toBe(want);
  });

  it('refuses an Accept with nothing this server produces with 406', () => {
    expect(() => negotiate('application/vnd.kubernetes.protobuf', ['json'])).toThrow(/only the following media types are accepted/);
  });

  it('parses parameters, quoted or not', () => {
    expect(parseMediaTypes('application/json; as="Table" ;v=v1')).toEqual([{ type: 'application/json', params: { as: 'Table', v: 'v1' } }]);
  });
});
