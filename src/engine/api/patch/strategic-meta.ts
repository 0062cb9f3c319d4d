// The patch metadata strategic merge patch reads while it walks an object: for each field,
// its schema below, its x-kubernetes-patch-strategy and x-kubernetes-patch-merge-key.
// Models apimachinery/pkg/util/strategicpatch/meta.go PatchMetaFromStruct over our
// generated schemas instead of Go struct tags (the tags and the OpenAPI extensions agree).
import { builtinSchemas, childSchema, patchStrategies, resolve, type CompactSchema, type SchemaSource } from '../schema.ts';

/** A Go error of the strategic merge patch code, by upstream's sentinel name where it has one. */
export class StrategicPatchError {
  constructor(
    readonly message: string,
    readonly sentinel?: 'ErrBadJSONDoc' | 'ErrNoListOfLists' | 'ErrBadPatchFormatForPrimitiveList'
      | 'ErrBadPatchFormatForRetainKeys' | 'ErrBadPatchFormatForSetElementOrderList'
      | 'ErrPatchContentNotMatchRetainKeys' | 'ErrUnsupportedStrategicMergePatchFormat',
  ) {}
}

export const sentinels = {
  ErrNoListOfLists: new StrategicPatchError('lists of lists are not supported', 'ErrNoListOfLists'),
  ErrBadPatchFormatForPrimitiveList: new StrategicPatchError('invalid patch format of primitive list', 'ErrBadPatchFormatForPrimitiveList'),
  ErrBadPatchFormatForRetainKeys: new StrategicPatchError('invalid patch format of retainKeys', 'ErrBadPatchFormatForRetainKeys'),
  ErrBadPatchFormatForSetElementOrderList: new StrategicPatchError('invalid patch format of setElementOrder list', 'ErrBadPatchFormatForSetElementOrderList'),
  ErrUnsupportedStrategicMergePatchFormat: new StrategicPatchError('strategic merge patch format is not supported', 'ErrUnsupportedStrategicMergePatchFormat'),
} as const;

/** What a field says about how to patch it. */
export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

/** A position in the schema: the Go type strategic merge patch is looking at. */
export interface PatchSchema {
  schema: CompactSchema;
  /** Go's reflect name, for errors: the struct's name, or its kind */
  name: string;
}

const goName = (schema: CompactSchema) => (schema.r ? schema.r.slice(schema.r.lastIndexOf('.') + 1) : '');

/** Looks fields up in a schema, as LookupPatchMeta does over Go types. */
export class PatchMetaLookup {
  constructor(private readonly source: SchemaSource = builtinSchemas) {}

  /** The schema to patch a whole object with. */
  root(schema: CompactSchema): PatchSchema {
    return { schema, name: goName(schema) };
  }

  /** Models PatchMetaFromStruct.LookupPatchMetadataForStruct: the field `key` of a struct. */
  forStruct(at: PatchSchema, key: string): [PatchSchema, PatchMeta] {
    const here = resolve(at.schema, this.source);
    if (here.p === undefined) {
      // RawExtension-like structs have no JSON fields; maps are no structs at all.
      if (here.t === 'any' && at.name) throw new StrategicPatchError(`unable to find api field in struct ${at.name} for the json field ${JSON.stringify(key)}`);
      throw new StrategicPatchError(`merging an object in json but data type is not struct, instead is: ${kindName(here)}`);
    }
    const field = childSchema(here, key);
    if (field === undefined || !Object.hasOwn(here.p, key))
      throw new StrategicPatchError(`unable to find api field in struct ${at.name} for the json field ${JSON.stringify(key)}`);
    return [{ schema: field, name: goName(field) }, { strategies: patchStrategies(field), mergeKey: field.k ?? '' }];
  }

  /** Models LookupPatchMetadataForSlice: the element schema of the list field `key`. */
  forSlice(at: PatchSchema, key: string): [PatchSchema, PatchMeta] {
    const [field, meta] = this.forStruct(at, key);
    const list = resolve(field.schema, this.source);
    if (list.t !== 'array') throw new StrategicPatchError('expected slice or array type, but got: struct');
    const item = list.i ?? { t: 'any' };
    if (resolve(item, this.source).t === 'array') throw new StrategicPatchError('unexpected slice of slice');
    return [{ schema: item, name: goName(item) }, meta];
  }

  /** PatchMetaFromStruct.Name: the reflect kind of the type, for "cannot merge lists" errors. */
  kindName(at: PatchSchema): string {
    return kindName(resolve(at.schema, this.source));
  }
}

function kindName(schema: CompactSchema): string {
  if (schema.p !== undefined) return 'struct';
  switch (schema.t) {
    case 'object': return 'map';
    case 'array': return 'slice';
    case 'string': case 'quantity': return 'string';
    case 'integer': return schema.f === 'int64' ? 'int64' : 'int32';
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    case 'int-or-string': return 'struct';
    default: return 'interface';
  }
}
