// A list's or watch's selection: the label and field selectors of its query, compiled once
// into a predicate (as the apiserver's storage.SelectionPredicate). Bad selectors are 400s.
import { badRequest } from './errors.ts';
import { convertFieldSelector, fieldsMatch, parseFieldSelector, selectableFields } from './fields.ts';
import { matches, parseSelector } from './labels.ts';
import type { ResourceInfo } from './registry.ts';
import type { RequestQuery } from './request.ts';
import type { KubeObject } from './types.ts';

export function compileListFilter(info: ResourceInfo, query: Pick<RequestQuery, 'labelSelector' | 'fieldSelector'>): (obj: KubeObject) => boolean {
  let labelTest: ((obj: KubeObject) => boolean) | undefined;
  let fieldTest: ((obj: KubeObject) => boolean) | undefined;
  if (query.labelSelector) {
    const parsed = parseSelector(query.labelSelector);
    if (!parsed.ok) throw badRequest(parsed.message);
    const selector = parsed.value;
    labelTest = (obj) => matches(selector, obj.metadata?.labels);
  }
  if (query.fieldSelector) {
    const parsed = parseFieldSelector(query.fieldSelector);
    if (!parsed.ok) throw badRequest(parsed.message);
    const converted = convertFieldSelector(parsed.value, info.group, info.kind);
    if (!converted.ok) throw badRequest(converted.message);
    const selector = converted.value;
    fieldTest = (obj) => fieldsMatch(selector, selectableFields(obj, info.group, info.kind, info.namespaced));
  }
  return (obj) => (labelTest?.(obj) ?? true) && (fieldTest?.(obj) ?? true);
}
