// The admission chain (apiserver/pkg/admission): mutating plugins run first, in order, then
// validating ones; any of them may refuse a request by throwing a StatusError (usually
// Forbidden). Plugins read other objects through `reader`, never the store.
import type { FieldError } from './errors.ts';
import type { ResourceInfo } from './registry.ts';
import type { UserInfo } from './request.ts';
import type { KubeList, KubeObject } from './types.ts';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** Read access for admission plugins and controllers inside the apiserver (the loopback client). */
export interface ApiReader {
  get(group: string, resource: string, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  list(group: string, resource: string, namespace?: string): Promise<KubeList>;
}

export interface AdmissionAttributes {
  operation: Operation;
  info: ResourceInfo;
  subresource?: string;
  namespace?: string;
  name: string;
  /** The object being written; mutating plugins change it in place. Absent for DELETE. */
  object?: KubeObject;
  oldObject?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
  reader: ApiReader;
}

export interface AdmissionPlugin {
  name: string;
  admit?(attrs: AdmissionAttributes): Promise<void>;
  validate?(attrs: AdmissionAttributes): Promise<void>;
}

/** Authorization attributes, as apiserver/pkg/authorization/authorizer.Attributes. */
export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests (/healthz, /version, /api ...) carry a path instead. */
  path?: string;
}

export interface Authorizer {
  /** `allowed` false carries the reason a Forbidden error shows. */
  authorize(attrs: AuthorizationAttributes): Promise<{ allowed: boolean; reason?: string }>;
  /** authorizer.RuleResolver: what `user` may do in `namespace` (a SelfSubjectRulesReview); absent when the authorizer cannot say. */
  rulesFor?(user: UserInfo, namespace: string): Promise<RuleResolution>;
}

/** A resource rule a RuleResolver reports (authorizer.ResourceRuleInfo). */
export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

/** A non-resource rule a RuleResolver reports (authorizer.NonResourceRuleInfo). */
export interface NonResourceRuleInfo {
  verbs: string[];
  nonResourceURLs?: string[];
}

/** RuleResolver.RulesFor's answer: the rules, whether they may be incomplete, and what went wrong finding them. */
export interface RuleResolution {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: NonResourceRuleInfo[];
  incomplete: boolean;
  evaluationError?: string;
}

/** Field errors from validation, handed to `invalid()` by the server. */
export type ValidationResult = FieldError[];
