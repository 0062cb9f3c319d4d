import { describe, expect, it } from 'vitest';
import { isStatusError } from './errors.ts';
import type { JsonObject } from './patch/value.ts';
import { decodeProtobuf, encodeProtobuf } from './protobuf.ts';
import { goDuration, parseGoDuration } from './protobuf-go.ts';
import { WireWriter } from './protobuf-wire.ts';

const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (b) => parseInt(b, 16));

// Request bodies the real kubectl v1.33 sent (`--v=9` hex dumps) for
// `kubectl create deployment web --image=nginx --replicas=2` and `create configmap x --from-literal=a=b`.
const KUBECTL_DEPLOYMENT = hex('6b3873000a150a07617070732f7631120a4465706c6f796d656e7412ab010a1f0a0377656212001a0022002a003200380042005a0a0a036170701203776562127a0802120c0a0a0a0361707012037765621a600a1c0a0012001a0022002a003200380042005a0a0a036170701203776562124012220a056e67696e7812056e67696e782a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200');
const KUBECTL_CONFIGMAP = hex('6b3873000a0f0a0276311209436f6e6669674d6170121b0a110a01781200' + '1a0022002a00320038004200120' + '60a0161120162' + '1a002200');

// What the same kubectl prints for `--dry-run=client -o json`: the JSON a protobuf body stands for.
const DEPLOYMENT_JSON = {
  kind: 'Deployment', apiVersion: 'apps/v1',
  metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
    },
    strategy: {},
  },
  status: {},
};

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isStatusError(e)) return e.status;
    throw e;
  }
  throw new Error('no error');
};

// The envelope around a message: magic, runtime.Unknown {typeMeta, raw, contentEncoding, contentType}.
const envelope = (apiVersion: string, kind: string, raw: Uint8Array) => {
  const typeMeta = new WireWriter().string(1, apiVersion).string(2, kind).finish();
  const unknown = new WireWriter().bytes(1, typeMeta).bytes(2, raw).string(3, '').string(4, '').finish();
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...unknown]);
};

describe('decodeProtobuf: real kubectl bodies', () => {
  it('a Deployment is exactly what kubectl prints as JSON for the same object', () => {
    expect(decodeProtobuf(KUBECTL_DEPLOYMENT)).toStrictEqual(DEPLOYMENT_JSON);
  });

  it('a ConfigMap', () => {
    expect(decodeProtobuf(KUBECTL_CONFIGMAP)).toStrictEqual({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', creationTimestamp: null }, data: { a: 'b' },
    });
  });

  it('re-encodes the kubectl Deployment byte for byte (gogo Marshal field order and zero values)', () => {
    expect(encodeProtobuf(decodeProtobuf(KUBECTL_DEPLOYMENT))).toStrictEqual(KUBECTL_DEPLOYMENT);
  });
});

describe('round trips through encodeProtobuf', () => {
  const cases: Array<{ name: string; object: JsonObject }> = [
    {
      name: 'Quantity, IntOrString (number and string), Time and pointer zeros',
      object: {
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name: 'p', namespace: 'default', creationTimestamp: '2026-01-02T03:04:05Z', deletionGracePeriodSeconds: 0 },
        spec: {
          containers: [{
            name: 'c', image: 'nginx', resources: { limits: { cpu: '500m', memory: '1Gi' } },
            readinessProbe: { httpGet: { path: '/', port: 'http', scheme: 'HTTP' } },
            livenessProbe: { tcpSocket: { port: 8080 }, terminationGracePeriodSeconds: 0 },
          }],
          terminationGracePeriodSeconds: 0,
        },
        status: {},
      },
    },
    {
      name: 'Secret []byte map values, immutable false kept (pointer)',
      object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', creationTimestamp: null }, immutable: false, data: { k: 'dg==' }, type: 'Opaque' },
    },
    {
      name: 'MicroTime, Duration-free Lease with int32 pointers',
      object: {
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l', creationTimestamp: null },
        spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: '2026-01-02T03:04:05.123456Z' },
      },
    },
    {
      name: 'RawExtension (ControllerRevision data) and named slices (APIResource verbs)',
      object: { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r', creationTimestamp: null }, data: { spec: { a: [1, 'x'] } }, revision: 3 },
    },
    {
      name: 'Status from meta/v1 under any group-version',
      object: { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', message: 'm', reason: 'NotFound', details: { name: 'x', kind: 'pods' }, code: 404 },
    },
    {
      name: 'a list with items',
      object: { apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: '7' }, items: [{ metadata: { name: 'a', creationTimestamp: null }, data: { k: 'v' } }] },
    },
  ];
  it.each(cases)('$name', ({ object }) => {
    expect(decodeProtobuf(encodeProtobuf(object))).toStrictEqual(object);
  });

  it('canonicalises quantities as Quantity.MarshalJSON does', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { creationTimestamp: null }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1000m', memory: '1024Mi' } } }] }, status: {} };
    const back = decodeProtobuf(encodeProtobuf(pod)) as { spec: { containers: Array<{ resources: unknown }> } };
    expect(back.spec.containers[0]!.resources).toStrictEqual({ requests: { cpu: '1', memory: '1Gi' } });
  });

  it('prints absent non-omitempty fields as Go zero values (Container.name "", PolicyRule.verbs null)', () => {
    const role = decodeProtobuf(envelope('rbac.authorization.k8s.io/v1', 'Role', new WireWriter().bytes(2, new WireWriter().string(3, 'pods').finish()).finish()));
    expect(role).toStrictEqual({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { creationTimestamp: null }, rules: [{ verbs: null, resources: ['pods'] }] });
  });

  it('keeps a zero replicas (a *int32) and drops a zero minReadySeconds (int32, omitempty)', () => {
    const spec = new WireWriter().varint(1, 0n).varint(5, 0n).finish();
    const d = decodeProtobuf(envelope('apps/v1', 'Deployment', new WireWriter().bytes(2, spec).finish())) as { spec: JsonObject };
    expect(d.spec.replicas).toBe(0);
    expect('minReadySeconds' in d.spec).toBe(false);
  });
});

describe('decodeProtobuf: unknown and malformed input', () => {
  it('skips unknown fields, as gogo Unmarshal does', () => {
    const configMap = new WireWriter().bytes(1, new WireWriter().string(1, 'x').finish()).string(99, 'future').varint(100, 7n).finish();
    expect(decodeProtobuf(envelope('v1', 'ConfigMap', configMap))).toStrictEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', creationTimestamp: null } });
  });

  it('reads packed repeated varints too', () => {
    // PodSecurityContext.supplementalGroups (repeated int64, field 4), packed into one record.
    const psc = new WireWriter().bytes(4, Uint8Array.of(1, 2, 0x80, 0x01)).finish();
    const spec = new WireWriter().bytes(14, psc).finish();
    const pod = decodeProtobuf(envelope('v1', 'Pod', new WireWriter().bytes(2, spec).finish())) as { spec: { securityContext: JsonObject } };
    expect(pod.spec.securityContext.supplementalGroups).toStrictEqual([1, 2, 128]);
  });

  const bad: Array<{ name: string; body: Uint8Array; message: RegExp }> = [
    { name: 'no magic (a JSON body)', body: new TextEncoder().encode('{"kind":"Pod"}'), message: /does not appear to be a protobuf message, expected prefix \[107 56 115 0\]/ },
    { name: 'empty body', body: new Uint8Array(), message: /expected prefix/ },
    { name: 'truncated', body: KUBECTL_DEPLOYMENT.subarray(0, 60), message: /unexpected EOF/ },
    { name: 'unknown kind', body: envelope('v1', 'Nope', new Uint8Array()), message: /no kind "Nope" is registered for version "v1"/ },
    { name: 'unknown group', body: envelope('example.com/v1', 'Widget', new Uint8Array()), message: /no kind "Widget" is registered for version "example.com\/v1"/ },
    { name: 'wrong wire type', body: envelope('v1', 'ConfigMap', new WireWriter().varint(1, 5n).finish()), message: /wrong wireType = 0 for field metadata/ },
    { name: 'illegal wire type', body: envelope('v1', 'ConfigMap', Uint8Array.of(0x0b)), message: /illegal wireType 3/ },
    { name: 'overlong varint', body: envelope('v1', 'ConfigMap', Uint8Array.of(0x08, ...new Array<number>(11).fill(0xff), 0x01)), message: /integer overflow/ },
    { name: 'a bad quantity', body: envelope('v1', 'ResourceQuota', new WireWriter().bytes(2, new WireWriter().bytes(1, new WireWriter().string(1, 'cpu').bytes(2, new WireWriter().string(1, 'lots').finish()).finish()).finish()).finish()), message: /quantities must match/ },
    { name: 'gzip content encoding', body: Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...new WireWriter().string(3, 'gzip').finish()]), message: /unsupported content encoding "gzip"/ },
  ];
  it.each(bad)('$name → 400 BadRequest', ({ body, message }) => {
    const status = errorOf(() => decodeProtobuf(body));
    expect(status.code).toBe(400);
    expect(status.reason).toBe('BadRequest');
    expect(status.message).toMatch(message);
  });
});

describe('Go durations', () => {
  const cases: Array<[bigint, string]> = [[0n, '0s'], [1_500_000_000n, '1.5s'], [3_600_000_000_000n, '1h0m0s'], [300_000_000n, '300ms'], [1500n, '1.5µs'], [-90_000_000_000n, '-1m30s']];
  it.each(cases)('%s ns ↔ %s', (nanos, text) => {
    expect(goDuration(nanos)).toBe(text);
    expect(parseGoDuration(text)).toBe(nanos);
  });
});
