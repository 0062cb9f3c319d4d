import { describe, expect, it } from 'vitest';
import { cannotBeHandledMessage, decodeObject, strictDecodingErrorMessage, strictDecodingWarnings } from './decode.ts';
import { base64DecodeError, goQuote, quantityDecodeError, rfc3339DecodeError } from './decode-go.ts';
import { definitionFor, definitionNameFor, type CompactSchema } from './schema.ts';
import type { JsonValue } from './patch/value.ts';

const podGVK = { group: '', version: 'v1', kind: 'Pod' };
const pod: CompactSchema = { r: definitionNameFor(podGVK)! };
const podWith = (spec: JsonValue, metadata: JsonValue = { name: 'web' }): JsonValue =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
const container = (fields: Record<string, JsonValue> = {}): JsonValue => ({ name: 'c', image: 'nginx', ...fields });

interface StrictCase { name: string; body: JsonValue; want: string[]; def?: typeof podGVK }

describe('strict field errors', () => {
  it.each<StrictCase>([
    { name: 'a valid pod has none', body: podWith({ containers: [container()] }), want: [] },
    { name: 'an unknown spec field is named by its path', body: podWith({ containers: [container()], foo: 1 }), want: ['unknown field "spec.foo"'] },
    { name: 'a misspelt container field carries the list index', body: podWith({ containers: [container(), container({ imagePullPolicyy: 'Always' })] }), want: ['unknown field "spec.containers[1].imagePullPolicyy"'] },
    { name: 'field names are case-sensitive', body: podWith({ containers: [container({ Image: 'x' })] }), want: ['unknown field "spec.containers[0].Image"'] },
    { name: 'several unknown fields come in document order', body: podWith({ foo: 1, containers: [container()], bar: 2 }), want: ['unknown field "spec.foo"', 'unknown field "spec.bar"'] },
    { name: 'nothing inside an unknown field is reported', body: podWith({ containers: [container()], extra: { deeper: { x: 1 } } }), want: ['unknown field "spec.extra"'] },
    { name: 'an unknown top-level field has no prefix', body: { apiVersion: 'v1', kind: 'Pod', spek: {} }, want: ['unknown field "spek"'] },
    { name: 'label keys are map keys, never unknown', body: podWith({ containers: [container()] }, { name: 'a', labels: { 'x.y/z': 'q' } }), want: [] },
    { name: 'an embedded object (RawExtension) accepts anything', body: { apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, data: { anything: { goes: 1 } } }, def: { group: 'apps', version: 'v1', kind: 'ControllerRevision' }, want: [] },
  ])('$name', ({ body, want, def }) => {
    const result = decodeObject(def ? definitionFor(def)! : pod, body);
    expect(result.error).toBeUndefined();
    expect(result.strictErrors.map((e) => e.message)).toEqual(want);
  });

  it.each([
    { name: 'a duplicate metadata.name', text: '{"kind":"Pod","metadata":{"name":"a","name":"b"}}', want: ['duplicate field "metadata.name"'] },
    { name: 'a duplicate label key', text: '{"metadata":{"labels":{"app":"a","app":"b"}}}', want: ['duplicate field "metadata.labels.app"'] },
    { name: 'duplicates and unknowns interleave in document order', text: '{"spec":{"foo":1,"containers":[{"name":"a","name":"b"}],"bar":1}}', want: ['unknown field "spec.foo"', 'duplicate field "spec.containers[0].name"', 'unknown field "spec.bar"'] },
    { name: 'the same error is reported once', text: '{"metadata":{"name":"a","name":"b","name":"c"},"x":1,"x":2}', want: ['duplicate field "metadata.name"', 'unknown field "x"'] },
    { name: 'a duplicated null field still counts', text: '{"spec":{"nodeName":null,"nodeName":"n"}}', want: ['duplicate field "spec.nodeName"'] },
  ])('$name', ({ text, want }) => {
    const result = decodeObject(pod, JSON.parse(text) as JsonValue, { text });
    expect(result.strictErrors.map((e) => e.message)).toEqual(want);
  });

  it('stops collecting at 100 errors', () => {
    const spec = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, i]));
    expect(decodeObject(pod, podWith(spec)).strictErrors).toHaveLength(100);
  });

  it('drops unknown fields from the object it returns', () => {
    const { object } = decodeObject(pod, podWith({ containers: [container({ imagePullPolicyy: 'x' })], foo: 1 }));
    expect(object).toEqual(podWith({ containers: [container()] }));
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('treats %s as an unknown field and pollutes nothing', (key) => {
    const text = `{"spec":{"containers":[],"${key}":{"polluted":true}}}`;
    const result = decodeObject(pod, JSON.parse(text) as JsonValue, { text });
    expect(result.strictErrors.map((e) => e.message)).toEqual([`unknown field "spec.${key}"`]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf((result.object as { spec: object }).spec)).toBe(Object.prototype);
  });

  it('keeps a "__proto__" label as a plain own key', () => {
    const text = '{"metadata":{"labels":{"__proto__":"x"}}}';
    const { object, strictErrors } = decodeObject(pod, JSON.parse(text) as JsonValue, { text });
    const labels = (object as { metadata: { labels: object } }).metadata.labels;
    expect(strictErrors).toEqual([]);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.keys(labels)).toEqual(['__proto__']);
  });
});

describe('type errors', () => {
  it.each([
    { name: 'a string containerPort', body: podWith({ containers: [container({ ports: [{ containerPort: '80' }] })] }),
      want: 'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32' },
    { name: 'a fractional containerPort', text: '{"spec":{"containers":[{"ports":[{"containerPort":80.5}]}]}}',
      want: 'json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32' },
    { name: '1.0 for an int32 (Go parses the literal)', text: '{"spec":{"terminationGracePeriodSeconds":1.0}}',
      want: 'json: cannot unmarshal number 1.0 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64' },
    { name: 'an int32 out of range', body: podWith({ containers: [container({ ports: [{ containerPort: 2147483648 }] })] }),
      want: 'json: cannot unmarshal number 2147483648 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32' },
    { name: 'a number image', body: podWith({ containers: [container({ image: 7 })] }),
      want: 'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string' },
    { name: 'a string command', body: podWith({ containers: [container({ command: 'sleep 10' })] }),
      want: 'json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string' },
    { name: 'an object where a list of containers goes', body: podWith({ containers: { name: 'c' } }),
      want: 'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container' },
    { name: 'a list where the spec goes', body: podWith([]),
      want: 'json: cannot unmarshal array into Go struct field Pod.spec of type v1.PodSpec' },
    { name: 'a number label value', body: podWith({}, { labels: { tier: 1 } }),
      want: 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string' },
    { name: 'a string for a bool', body: podWith({ hostNetwork: 'yes' }),
      want: 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool' },
    { name: 'a body that is not an object', body: ['x'],
      want: 'json: cannot unmarshal array into Go value of type v1.Pod' },
    { name: 'a bad quantity', body: podWith({ containers: [container({ resources: { limits: { cpu: 'lots' } } })] }),
      want: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" },
    { name: 'a bad creationTimestamp', body: podWith({}, { creationTimestamp: 'yesterday' }),
      want: 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"' },
  ])('$name', ({ body, text, want }) => {
    const result = decodeObject(pod, body ?? (JSON.parse(text!) as JsonValue), { text });
    expect(result.error?.message).toBe(want);
    expect(result.strictErrors).toEqual([]);
  });

  it('reports the first type error, and no strict errors beside it', () => {
    const result = decodeObject(pod, podWith({ foo: 1, hostNetwork: 'x', hostPID: 'y' }));
    expect(result.error).toMatchObject({ reason: 'UnmarshalTypeError', value: 'string', goType: 'bool', struct: 'PodSpec', field: 'spec.hostNetwork' });
    expect(result.strictErrors).toEqual([]);
  });

  it('lets a Quantity error win over an earlier saved type error (it stops decoding)', () => {
    const result = decodeObject(pod, podWith({ hostNetwork: 'x', containers: [container({ resources: { requests: { memory: true } } })] }));
    expect(result.error?.reason).toBe('UnmarshalerError');
  });

  it.each([
    { name: 'a bool targetPort', port: true, want: 'json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32' },
    { name: 'a fractional targetPort', port: 8.5, want: 'json: cannot unmarshal number 8.5 into Go struct field ServicePort.spec.ports.targetPort of type int32' },
    { name: 'a named targetPort', port: 'http', want: undefined },
    { name: 'a numbered targetPort', port: 8080, want: undefined },
  ])('IntOrString: $name', ({ port, want }) => {
    const service = definitionFor({ group: '', version: 'v1', kind: 'Service' })!;
    expect(decodeObject(service, { spec: { ports: [{ port: 80, targetPort: port }] } }).error?.message).toBe(want);
  });

  it('reports bad base64 in Secret data without a field context', () => {
    const secret = definitionFor({ group: '', version: 'v1', kind: 'Secret' })!;
    expect(decodeObject(secret, { data: { password: 'not base64!' } }).error).toEqual(
      { reason: 'UnmarshalerError', message: 'illegal base64 data at input byte 3' });
    expect(decodeObject(secret, { data: { password: 'cGFzcw==' } }).error).toBeUndefined();
  });
});

describe('unstructured decoding (custom resources)', () => {
  const crd: CompactSchema = {
    t: 'object',
    p: {
      apiVersion: { t: 'string' }, kind: { t: 'string' }, metadata: { r: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
      spec: { t: 'object', p: { size: { t: 'integer' }, config: { t: 'object', u: 1 } } },
    },
  };
  it('reports duplicates first, then pruned unknown fields, and never type errors', () => {
    const text = '{"spec":{"size":"big","bogus":{"a":1,"a":2},"config":{"k":1,"k":2}},"zzz":1}';
    const result = decodeObject(crd, JSON.parse(text) as JsonValue, { text, unstructured: true });
    expect(result.error).toBeUndefined();
    expect(result.strictErrors.map((e) => e.message)).toEqual([
      'duplicate field "spec.bogus.a"', 'duplicate field "spec.config.k"', 'unknown field "spec.bogus"', 'unknown field "zzz"',
    ]);
    expect(result.object).toEqual({ spec: { size: 'big', config: { k: 2 } } });
  });
});

describe('messages', () => {
  const errors = decodeObject(pod, podWith({ foo: 1, bar: 2 })).strictErrors;
  it('joins strict errors as runtime.NewStrictDecodingError does', () =>
    expect(strictDecodingErrorMessage(errors)).toBe('strict decoding error: unknown field "spec.foo", unknown field "spec.bar"'));
  it('makes one warning per field', () =>
    expect(strictDecodingWarnings(errors)).toEqual(['unknown field "spec.foo"', 'unknown field "spec.bar"']));
  it('wraps a decode failure as the create handler does', () =>
    expect(cannotBeHandledMessage(podGVK, strictDecodingErrorMessage(errors))).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo", unknown field "spec.bar"'));
});

describe('Go value parsers', () => {
  it.each([
    ['100m', undefined], ['1.5Gi', undefined], ['1e3', undefined], ['0', undefined], [' 2 ', undefined],
    ['lots', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['1..2', 'unable to parse numeric part of quantity'],
    ['1Kb', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['1KM', "unable to parse quantity's suffix"],
  ])('quantity %j → %s', (text, want) => expect(quantityDecodeError(text)).toBe(want));

  it.each([
    ['', undefined], ['YQ==', undefined], ['YWI=', undefined], ['YWJj', undefined], ['YW\nJj', undefined],
    ['Y', 'illegal base64 data at input byte 0'], ['YQ=', 'illegal base64 data at input byte 3'],
    ['YQ', 'illegal base64 data at input byte 0'], ['Y!==', 'illegal base64 data at input byte 1'],
    ['YQ==YQ==', 'illegal base64 data at input byte 4'], ['=', 'illegal base64 data at input byte 0'],
  ])('base64 %j → %s', (text, want) => expect(base64DecodeError(text)).toBe(want));

  it.each([
    ['2024-05-01T10:00:00Z', undefined], ['2024-05-01T10:00:00.123+02:00', undefined],
    ['2024-13-01T10:00:00Z', 'parsing time "2024-13-01T10:00:00Z": month out of range'],
    ['2024-05-01 10:00:00Z', 'parsing time "2024-05-01 10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 10:00:00Z" as "T"'],
    ['2024-05-01T10:00:00', 'parsing time "2024-05-01T10:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    ['2024-05-01T10:00:00Zjunk', 'parsing time "2024-05-01T10:00:00Zjunk": extra text: "junk"'],
  ])('time %j → %s', (text, want) => expect(rfc3339DecodeError(text)).toBe(want));

  it('quotes as Go strconv.Quote', () => expect(goQuote('a"b\\c\nd\u0001é')).toBe('"a\\"b\\\\c\\nd\\x01é"'));
});
