import { describe, expect, it } from 'vitest';
import { isStatusError } from '../engine/api/index.ts';
import { parseQuery, requestInfoOf } from './requestinfo.ts';

describe('requestInfoOf', () => {
  it.each([
    { name: 'a namespaced collection GET is a list', method: 'GET', path: '/api/v1/namespaces/default/pods', watch: false,
      want: { kind: 'resource', verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'default' } },
    { name: 'a collection GET with ?watch=true is a watch', method: 'GET', path: '/apis/apps/v1/namespaces/ns/deployments', watch: true,
      want: { kind: 'resource', verb: 'watch', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'ns' } },
    { name: 'the legacy /watch/ prefix is a watch, of one object when named', method: 'GET', path: '/api/v1/watch/namespaces/default/pods/web', watch: false,
      want: { kind: 'resource', verb: 'watch', group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'web' } },
    { name: 'a named GET is a get', method: 'GET', path: '/api/v1/nodes/n1', watch: false,
      want: { kind: 'resource', verb: 'get', group: '', version: 'v1', resource: 'nodes', name: 'n1' } },
    { name: 'a namespace is named by its path, not scoped by it', method: 'GET', path: '/api/v1/namespaces/default', watch: false,
      want: { kind: 'resource', verb: 'get', group: '', version: 'v1', resource: 'namespaces', name: 'default' } },
    { name: "a namespace's status is its own subresource", method: 'PUT', path: '/api/v1/namespaces/default/status', watch: false,
      want: { kind: 'resource', verb: 'update', group: '', version: 'v1', resource: 'namespaces', name: 'default', subresource: 'status' } },
    { name: 'a subresource of a namespaced object', method: 'PATCH', path: '/apis/apps/v1/namespaces/ns/deployments/web/scale', watch: false,
      want: { kind: 'resource', verb: 'patch', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'ns', name: 'web', subresource: 'scale' } },
    { name: 'a DELETE of a collection is a deletecollection', method: 'DELETE', path: '/api/v1/namespaces/ns/configmaps', watch: false,
      want: { kind: 'resource', verb: 'deletecollection', group: '', version: 'v1', resource: 'configmaps', namespace: 'ns' } },
    { name: 'a POST is a create', method: 'POST', path: '/api/v1/namespaces/ns/pods/web/eviction', watch: false,
      want: { kind: 'resource', verb: 'create', group: '', version: 'v1', resource: 'pods', namespace: 'ns', name: 'web', subresource: 'eviction' } },
    { name: 'a group-version path is discovery, not a resource', method: 'GET', path: '/apis/apps/v1', watch: false,
      want: { kind: 'nonResource', path: '/apis/apps/v1' } },
    { name: 'paths outside /api and /apis are non-resource', method: 'GET', path: '/version', watch: false,
      want: { kind: 'nonResource', path: '/version' } },
    { name: 'a path too deep to be a resource is non-resource', method: 'GET', path: '/api/v1/namespaces/a/pods/b/log/extra', watch: false,
      want: { kind: 'nonResource', path: '/api/v1/namespaces/a/pods/b/log/extra' } },
  ])('$name', ({ method, path, watch, want }) => {
    expect(requestInfoOf(method, path, watch)).toEqual(want);
  });
});

describe('parseQuery', () => {
  it('types every parameter the apiserver reads', () => {
    const params = new URLSearchParams('labelSelector=app%3Dweb&limit=500&watch=1&allowWatchBookmarks=true&dryRun=All&fieldValidation=Strict&force=false&tailLines=10&unknown=x');
    expect(parseQuery(params)).toEqual({
      watch: true,
      query: { labelSelector: 'app=web', limit: 500, allowWatchBookmarks: true, dryRun: 'All', fieldValidation: 'Strict', force: false, tailLines: 10 },
    });
  });

  it.each([
    { name: 'a limit that is not an integer', query: 'limit=ten' },
    { name: 'a dryRun other than All', query: 'dryRun=Some' },
    { name: 'an unknown fieldValidation', query: 'fieldValidation=Loud' },
    { name: 'a watch that is not a boolean', query: 'watch=yes' },
  ])('refuses $name with a 400', ({ query }) => {
    let thrown: unknown;
    try {
      parseQuery(new URLSearchParams(query));
    } catch (e) {
      thrown = e;
    }
    expect(isStatusError(thrown) && thrown.status.code).toBe(400);
  });
});
