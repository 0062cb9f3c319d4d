// Per-resource behaviour of the generic registry, as upstream's RESTCreateStrategy /
// RESTUpdateStrategy (pkg/registry/<group>/<resource>/strategy.go): defaulting, preparing an
// object for create or update, validation, selectable fields, warnings. Kinds register theirs
// in kinds/registry.ts; a resource without one gets the generic behaviour.
import type { Clock } from '../clock/index.ts';
import type { ApiReader } from './admission.ts';
import type { FieldError } from './errors.ts';
import type { ResourceInfo } from './registry.ts';
import type { UserInfo } from './request.ts';
import type { KubeObject } from './types.ts';
import { STRATEGIES } from './kinds/registry.ts';

/** What a strategy may look at besides the object. */
export interface StrategyContext {
  info: ResourceInfo;
  clock: Clock;
  /** The subresource being written (`status`, `scale` ...), if any. */
  subresource?: string;
  /** Reads other objects (the registry's own storage, as upstream REST storage does). */
  reader: ApiReader;
  /** Who is writing (the request context's user.Info), e.g. a CSR's requestor. */
  user?: UserInfo;
}

export interface Strategy {
  /** Fills defaulted fields in place (upstream's SetDefaults_*), on every decode of a write. */
  default?(obj: KubeObject, ctx: StrategyContext): void;
  /**
   * Allocates what the kind's REST storage hands out on create (a Service's ClusterIP and
   * nodePorts), after defaulting and before validation; may fail with an Invalid status.
   */
  allocate?(obj: KubeObject, ctx: StrategyContext): Promise<void>;
  /** Last touches before create validation (e.g. clear status, set generation). */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Last touches before update validation (e.g. keep status on the main resource). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Fields a field selector can match, besides metadata.name and metadata.namespace. */
  selectableFields?(obj: KubeObject): Record<string, string>;
  /** Warnings for the `Warning:` header (deprecated fields, odd values). */
  warnings?(obj: KubeObject, old: KubeObject | undefined): string[];
  /** PUT on a missing object creates it (upstream AllowCreateOnUpdate). */
  allowCreateOnUpdate?: boolean;
  /** Whether metadata.generation is tracked (bumped when anything but metadata/status changes). */
  tracksGeneration?: boolean;
  /** A delete answers with the object rather than a Success Status (upstream ReturnDeletedObject). */
  returnDeletedObject?: boolean;
  /**
   * Graceful deletion (upstream CheckGracefulDelete): the grace period in seconds to wait,
   * given the one requested; 0 deletes at once. Only kinds that implement it delete gracefully.
   */
  gracePeriodSeconds?(obj: KubeObject, requested: number | undefined): number;
  /** The propagation policy when a delete names none (upstream DefaultGarbageCollectionPolicy). */
  defaultPropagationPolicy?: 'Orphan' | 'Background';
}

/** The strategy of a resource: its entry in kinds/registry.ts, or the generic behaviour. */
export function strategyFor(info: ResourceInfo): Strategy {
  return STRATEGIES[`${info.group}/${info.resource}`] ?? (info.custom ? CUSTOM_RESOURCE : GENERIC);
}

const GENERIC: Strategy = {};
const CUSTOM_RESOURCE: Strategy = { tracksGeneration: true };
