// Field descriptions of every built-in definition (generated/docs.json, ~800 KiB): what
// `kubectl explain` prints and the editor shows on hover. Loaded on demand, never by validation.

/** Descriptions by definition name, then by field name; '' holds the definition's own. */
export interface FieldDocs {
  /** The description of a definition (field undefined) or of one of its fields. */
  describe(definitionName: string, field?: string): string | undefined;
}

interface GeneratedDocs {
  definitions: Record<string, Record<string, string>>;
}

/** Loads the descriptions (a separate chunk in the browser bundle). */
export async function loadFieldDocs(): Promise<FieldDocs> {
  const module = (await import('./generated/docs.json', { with: { type: 'json' } })) as { default: unknown };
  const docs = module.default as GeneratedDocs;
  return {
    describe(definitionName, field = '') {
      if (!Object.hasOwn(docs.definitions, definitionName)) return undefined;
      const entry = docs.definitions[definitionName]!;
      return Object.hasOwn(entry, field) ? entry[field] : undefined;
    },
  };
}
