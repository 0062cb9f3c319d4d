// CustomResourceDefinitions served: every CRD in storage adds a resource per served version to
// the registry, and writes of its custom resources are pruned, defaulted and validated against
// that version's openAPIV3Schema.
// Models apiextensions-apiserver/pkg/apiserver/customresource_handler.go (crdHandler: the
// served resources follow the CRDs) and pkg/registry/customresource/strategy.go (validation).
import type { CustomResourceColumnDefinition } from './printers/customResource.ts';
import type { Clock } from '../clock/index.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './admission.ts';
import { invalid } from './errors.ts';
import { applyDefaults, validateCustomResource } from './crd-validation.ts';
import { defaultCustomResourceDefinition, setAcceptedStatus, specOf, validateCustomResourceDefinition } from './crd-definition.ts';
import { decodeObject } from './decode.ts';
import type { ObjectStore } from './objectstore.ts';
import type { JsonObject, JsonValue } from './patch/value.ts';
import type { Registry, ResourceInfo } from './registry.ts';
import type { Verb } from './request.ts';
import { customResourceSchema } from './schema-crd.ts';
import { rfc3339 } from './time.ts';
import type { KubeObject } from './types.ts';

const CRD_GROUP = 'apiextensions.k8s.io';
const CRD_RESOURCE = 'customresourcedefinitions';
const ALL_VERBS: Verb[] = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

/** Whether a resource is the CustomResourceDefinitions resource itself. */
export const isCustomResourceDefinitions = (info: Pick<ResourceInfo, 'group' | 'resource'>): boolean =>
  info.group === CRD_GROUP && info.resource === CRD_RESOURCE;

/** The resources a CRD serves: one per served version (models crdHandler's per-version storage). */
export function resourcesOf(crd: KubeObject): ResourceInfo[] {
  const spec = specOf(crd);
  const storage = spec.versions.find((v) => v.storage)?.name ?? '';
  const names = spec.names;
  return spec.versions.filter((v) => v.served).map((v) => ({
    group: spec.group, version: v.name, resource: names.plural,
    singular: names.singular || names.kind.toLowerCase(), kind: names.kind,
    namespaced: spec.scope === 'Namespaced', verbs: ALL_VERBS,
    shortNames: names.shortNames ?? [], categories: names.categories ?? [],
    subresources: [
      ...(v.subresources?.status ? [{ name: 'status', kind: names.kind, verbs: ['get', 'patch', 'update'] as Verb[] }] : []),
      ...(v.subresources?.scale ? [{ name: 'scale', kind: 'Scale', verbs: ['get', 'patch', 'update'] as Verb[] }] : []),
    ],
    // Custom resources live under /registry/<group>/<plural>/, all versions in one key space.
    storagePrefix: `${spec.group}/${names.plural}`,
    storageVersion: storage,
    custom: { crdName: crd.metadata?.name ?? '' },
  }));
}

/**
 * The CRDs the apiserver serves, read back from storage after every CRD write (and once, before
 * the first request), so that the registry always matches what is stored.
 */
export class CustomResourceDefinitions {
  private byName = new Map<string, KubeObject>();
  private loaded = false;

  constructor(private readonly registry: Registry, private readonly objects: ObjectStore, private readonly clock: Clock) {}

  /** Loads the stored CRDs once (a fresh apiserver over an existing store). */
  async ensureLoaded(): Promise<void> {
    if (!this.loaded) await this.sync();
  }

  /** Re-reads every stored CRD and replaces the registry's custom resources with theirs. */
  async sync(): Promise<void> {
    const info = this.registry.lookup(CRD_GROUP, 'v1', CRD_RESOURCE);
    if (!info) return;
    const list = await this.objects.list(info, undefined, {});
    this.byName = new Map(list.items.map((crd) => [crd.metadata?.name ?? '', crd]));
    // A CRD being deleted stops serving its resources (upstream: Terminating, then removed).
    this.registry.setCustomResources(list.items.filter((crd) => !crd.metadata?.deletionTimestamp).flatMap(resourcesOf));
    this.loaded = true;
  }

  /** The openAPIV3Schema of a custom resource's version, if its CRD declares one. */
  schemaOf(info: ResourceInfo): JsonObject | undefined {
    const crd = info.custom && this.byName.get(info.custom.crdName);
    return crd ? specOf(crd).versions.find((v) => v.name === info.version)?.schema?.openAPIV3Schema : undefined;
  }

  /** The additionalPrinterColumns of a custom resource's version (`[]` when it declares none). */
  columnsOf(info: ResourceInfo): CustomResourceColumnDefinition[] {
    const crd = info.custom && this.byName.get(info.custom.crdName);
    const version = crd ? specOf(crd).versions.find((v) => v.name === info.version) : undefined;
    return (version as { additionalPrinterColumns?: CustomResourceColumnDefinition[] } | undefined)?.additionalPrinterColumns ?? [];
  }

  /**
   * The strategies of CRDs and custom resources, run as the first admission plugin (the kinds'
   * strategy table has no per-CRD entries): mutate = defaulting, pruning, CRD status;
   * validate = schema and CRD validation.
   */
  readonly admission: AdmissionPlugin = {
    name: 'CustomResourceDefinitions',
    admit: async (attrs) => this.mutate(attrs),
    validate: async (attrs) => this.check(attrs),
  };

  private mutate({ operation, info, object, oldObject, subresource }: AdmissionAttributes): void {
    if (!object || (operation !== 'CREATE' && operation !== 'UPDATE')) return;
    if (isCustomResourceDefinitions(info)) {
      defaultCustomResourceDefinition(object);
      // The controllers' status: written at once here, since no CRD controller runs yet.
      if (subresource !== 'status') setAcceptedStatus(object, oldObject, rfc3339(this.clock.now()));
      return;
    }
    const schema = this.schemaOf(info);
    if (!schema) return;
    pruneInPlace(schema, object);
    applyDefaults(schema, object as JsonObject);
  }

  private check({ operation, info, object }: AdmissionAttributes): void {
    if (!object || (operation !== 'CREATE' && operation !== 'UPDATE')) return;
    const errs = isCustomResourceDefinitions(info)
      ? validateCustomResourceDefinition(object)
      : (() => {
          const schema = this.schemaOf(info);
          return schema ? validateCustomResource(schema, object as JsonObject) : [];
        })();
    if (errs.length) throw invalid(info, object.metadata?.name ?? '', errs);
  }
}

// Pruning drops every field the structural schema does not declare (x-kubernetes-preserve-unknown-fields keeps them).
function pruneInPlace(schema: JsonObject, object: KubeObject): void {
  const pruned = decodeObject(customResourceSchema(schema), object as JsonValue, { unstructured: true }).object as KubeObject;
  for (const key of Object.keys(object)) delete object[key];
  Object.assign(object, pruned);
}
