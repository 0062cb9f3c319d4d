// From an HTTP request line to the apiserver's request: which API path it names and what it
// asks. Models staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go NewRequestInfo
// (path parts → namespace, resource, name, subresource; method → verb; the legacy /watch/
// prefix and ?watch=true → watch), and the query decoding of metav1.ListOptions, CreateOptions,
// PatchOptions, DeleteOptions and PodLogOptions.
import { badRequest, type ApiRequest, type RequestQuery, type Verb } from '../engine/api/index.ts';

/** A path under /api or /apis that names a resource (or a collection of one): the addressing part of an ApiRequest. */
export type ResourceRequestInfo = { kind: 'resource' } & Pick<ApiRequest, 'verb' | 'group' | 'version' | 'resource' | 'subresource' | 'namespace' | 'name'>;

/** Any other path: discovery, /version, health, OpenAPI, or nothing at all. */
export interface NonResourceRequestInfo {
  kind: 'nonResource';
  path: string;
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

// requestinfo.go namespaceSubresources: /namespaces/NAME/{status,finalize} are the namespace's own.
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const WRITE_VERBS: Record<string, Verb> = { POST: 'create', PUT: 'update', PATCH: 'patch' };

/** What an HTTP method and path (without the query) ask for; `watch` is the ?watch= parameter. */
export function requestInfoOf(method: string, path: string, watch: boolean): RequestInfo {
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const nonResource: NonResourceRequestInfo = { kind: 'nonResource', path };
  let rest: string[];
  let group: string;
  let version: string | undefined;
  if (parts[0] === 'api') {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return nonResource;
  }
  if (version === undefined || rest.length === 0) return nonResource;

  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  if (resource === undefined || rest.length > 3) return nonResource;

  let verb: Verb;
  if (method === 'GET' || method === 'HEAD') {
    verb = legacyWatch ? 'watch' : name === undefined ? (watch ? 'watch' : 'list') : 'get';
  } else if (method === 'DELETE') {
    verb = name === undefined ? 'deletecollection' : 'delete';
  } else {
    const write = WRITE_VERBS[method];
    if (!write) return nonResource;
    verb = write;
  }
  // A namespace is itself addressed as /api/v1/namespaces/NAME: its name, not a scope.
  const scoped = resource === 'namespaces' ? undefined : namespace;
  return {
    kind: 'resource', verb, group, version, resource,
    ...(scoped !== undefined ? { namespace: scoped } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
  };
}

const NUMBERS = ['limit', 'timeoutSeconds', 'gracePeriodSeconds', 'tailLines', 'sinceSeconds', 'limitBytes'] as const;
const BOOLEANS = ['allowWatchBookmarks', 'sendInitialEvents', 'force', 'follow', 'previous', 'timestamps', 'pretty', 'stdin', 'stdout', 'stderr', 'tty'] as const;
const STRINGS = ['labelSelector', 'fieldSelector', 'continue', 'resourceVersion', 'fieldManager', 'container'] as const;
const FIELD_VALIDATION = ['Strict', 'Warn', 'Ignore'] as const;
const PROPAGATION = ['Orphan', 'Background', 'Foreground'] as const;
const INCLUDE_OBJECT = ['None', 'Metadata', 'Object'] as const;

/** Go's strconv.ParseBool, which the query decoder uses for booleans. */
function parseBool(name: string, value: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False', ''].includes(value)) return false;
  throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax for ${name}`);
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest(`${name}: Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
}

/** The query parameters the apiserver understands, typed; unknown ones are ignored, as upstream. */
export function parseQuery(params: URLSearchParams): { query: RequestQuery; watch: boolean } {
  const query: RequestQuery = {};
  for (const name of STRINGS) {
    const v = params.get(name);
    if (v !== null) query[name] = v;
  }
  for (const name of NUMBERS) {
    const v = params.get(name);
    if (v === null || v === '') continue;
    const n = Number(v);
    if (!Number.isInteger(n)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax for ${name}`);
    query[name] = n;
  }
  for (const name of BOOLEANS) {
    const v = params.get(name);
    if (v !== null) query[name] = parseBool(name, v);
  }
  const rvMatch = params.get('resourceVersionMatch');
  if (rvMatch) query.resourceVersionMatch = oneOf('resourceVersionMatch', rvMatch, ['Exact', 'NotOlderThan'] as const);
  // PodExecOptions.command: one parameter per word.
  const command = params.getAll('command');
  if (command.length) query.command = command;
  const dryRun = params.getAll('dryRun');
  if (dryRun.length) {
    for (const v of dryRun) oneOf('dryRun', v, ['All'] as const);
    query.dryRun = 'All';
  }
  const fieldValidation = params.get('fieldValidation');
  if (fieldValidation) query.fieldValidation = oneOf('fieldValidation', fieldValidation, FIELD_VALIDATION);
  const propagation = params.get('propagationPolicy');
  if (propagation) query.propagationPolicy = oneOf('propagationPolicy', propagation, PROPAGATION);
  const includeObject = params.get('includeObject');
  if (includeObject) query.includeObject = oneOf('includeObject', includeObject, INCLUDE_OBJECT);
  const watch = params.get('watch');
  return { query, watch: watch !== null && parseBool('watch', watch) };
}
