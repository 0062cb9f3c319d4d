import { describe, expect, it } from 'vitest';
import { requestURL } from './rest.ts';

const S = 'https://127.0.0.1:6443';

describe('requestURL', () => {
  it.each([
    { name: 'a list with its chunk limit', req: { verb: 'list' as const, group: '', version: 'v1', resource: 'pods', namespace: 'default', query: { limit: 500 } },
      want: `${S}/api/v1/namespaces/default/pods?limit=500` },
    { name: 'query keys sorted, as url.Values.Encode', req: { verb: 'list' as const, group: '', version: 'v1', resource: 'pods', namespace: 'default', query: { labelSelector: 'app=web', fieldSelector: 'metadata.name=web-1', limit: 500 } },
      want: `${S}/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb-1&labelSelector=app%3Dweb&limit=500` },
    { name: "Go's query escaping", req: { verb: 'list' as const, group: '', version: 'v1', resource: 'pods', namespace: 'default', query: { labelSelector: 'app in (web, db),!x', limit: 500 } },
      want: `${S}/api/v1/namespaces/default/pods?labelSelector=app+in+%28web%2C+db%29%2C%21x&limit=500` },
    { name: 'includeObject is in the URL, as=Table is not', req: { verb: 'list' as const, group: '', version: 'v1', resource: 'pods', namespace: 'default', query: { as: 'Table' as const, includeObject: 'Object' as const } },
      want: `${S}/api/v1/namespaces/default/pods?includeObject=Object` },
    { name: 'a watch', req: { verb: 'watch' as const, group: 'apps', version: 'v1', resource: 'deployments', query: { resourceVersion: '42' } },
      want: `${S}/apis/apps/v1/deployments?resourceVersion=42&watch=true` },
    { name: 'a named get', req: { verb: 'get' as const, group: '', version: 'v1', resource: 'nodes', name: 'node-1', query: {} }, want: `${S}/api/v1/nodes/node-1` },
  ])('$name', ({ req, want }) => expect(requestURL(S, req)).toBe(want));
});
