// A request to the apiserver, in the terms of a REST call: verb, group/version/resource,
// namespace, name, subresource, body, query. The in-process transport sends these directly;
// the HTTP transport and `pilothouse serve` translate them to and from real URLs.
import type { KubeObject, KubeWatchEvent } from './types.ts';
import type { ExecSession, ExecStreams, PodLogOptions, StreamHandle } from './kubeletclient.ts';

/** The apiserver's verbs (as RBAC and audit name them). */
export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export type PatchType = 'application/json-patch+json' | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json' | 'application/apply-patch+yaml';

export interface UserInfo {
  username: string;
  groups: string[];
  uid?: string;
  /** authenticationv1.UserInfo's extra: e.g. a service-account token's credential id and bound pod. */
  extra?: Record<string, string[]>;
}

/** Query parameters the apiserver understands (metav1.ListOptions, CreateOptions, ..., and core/v1 PodLogOptions for `log`). */
export interface RequestQuery extends PodLogOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
  dryRun?: 'All';
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  force?: boolean;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  /** Server-side printing: `Table` asks for a meta.k8s.io Table instead of objects. */
  as?: 'Table';
  includeObject?: 'None' | 'Metadata' | 'Object';
  /** The container of a `log`, `exec` or `attach` request (the other log options come with PodLogOptions). */
  container?: string;
  /** PodExecOptions / PodAttachOptions for `exec` and `attach`: the command (exec only) and the streams. */
  command?: string[];
  stdin?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  tty?: boolean;
  pretty?: boolean;
}

export interface ApiRequest {
  verb: Verb;
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name: `pods`, `deployments`. */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  body?: KubeObject | unknown;
  /** Raw body text when the client sent text (YAML apply patches, duplicate-field checks). */
  rawBody?: string;
  patchType?: PatchType;
  query?: RequestQuery;
  /** Who is asking; absent means the default cluster-admin user. */
  user?: UserInfo;
  /**
   * The client's User-Agent (`kubectl/v1.33.0 (linux/amd64) kubernetes/...`): a write without
   * a fieldManager is recorded in managedFields under its first segment, as upstream does.
   */
  userAgent?: string;
}

/** What a successful request returns, with any warnings a real apiserver would send in `Warning:` headers. */
export interface ApiResponse<T = unknown> {
  code: number;
  body: T;
  warnings?: string[];
}

/** An open watch. `closed` settles when the stream ends, by `stop()` or by the server. */
export interface WatchHandle {
  stop(): void;
  readonly closed: Promise<void>;
}

/**
 * The apiserver as its clients see it. `handle` serves every non-watch verb and throws a
 * StatusError on failure; `watch` streams events (an ERROR event carries a Status, e.g. 410
 * Expired, and then the stream closes) and fails fast (throws) when the watch cannot start.
 */
export interface ApiHandler {
  handle(req: ApiRequest): Promise<ApiResponse>;
  watch(req: ApiRequest, onEvent: (event: KubeWatchEvent) => void): Promise<WatchHandle>;
  /**
   * Streams a pod's log (the `log` subresource, e.g. with `follow`): chunks as the kubelet
   * sends them; `closed` settles when the log ends or the reader stops. Throws a StatusError
   * when the stream cannot start. Absent on a handler that serves no pods.
   */
  stream?(req: ApiRequest, onChunk: (chunk: string) => void): Promise<StreamHandle>;
  /**
   * Opens a pod's `exec` or `attach` (the command in `query.command`, the streams asked for in
   * `query.stdin/stdout/stderr/tty`): what a WebSocket upgrade to a kubelet gives. Throws a
   * StatusError when the apiserver refuses before connecting; a kubelet's refusal arrives as
   * the session's Failure result, as on the error channel.
   */
  connect?(req: ApiRequest, streams: ExecStreams): Promise<ExecSession>;
}
