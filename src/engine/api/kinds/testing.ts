// Builders the kinds' tests share: a strategy context and errors rendered as the apiserver prints them.
import { VirtualClock } from '../../clock/index.ts';
import type { ApiReader } from '../admission.ts';
import type { ResourceInfo } from '../registry.ts';
import type { StrategyContext } from '../strategy.ts';
import type { FieldError } from '../validation/field.ts';

/** A context for calling strategies directly; only `subresource` matters to them. */
export function strategyContext(subresource?: string): StrategyContext {
  const reader: ApiReader = {
    get: async () => undefined,
    list: async () => ({ apiVersion: 'v1', kind: 'List', metadata: {}, items: [] }),
  };
  return { info: {} as ResourceInfo, clock: new VirtualClock({ seed: 1 }), reader, ...(subresource ? { subresource } : {}) };
}

/** `<field>: <body>` per error, as in an Invalid status message. */
export const messages = (errs: FieldError[]): string[] => errs.map((e) => `${e.field}: ${e.body}`);
