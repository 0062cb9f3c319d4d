// kubectl explain: a resource's or a field's documentation, from the server's OpenAPI v3.
// Models kubernetes/kubectl release-1.33 pkg/cmd/explain/explain.go (Validate, Run),
// pkg/explain/explain.go (SplitAndParseResourceRequest[WithMatchingPrefix]) and
// pkg/explain/v2/explain.go (printModelDescriptionWithGenerator); the text itself comes from
// ../explain/template.ts, the port of the plaintext template.
import { parseApiVersion } from '../../engine/api/index.ts';
import { KubectlError, SilentExit } from '../errors.ts';
import { renderPlaintext, ExplainError } from '../explain/template.ts';
import { boolFlag, stringFlag } from '../flagspec.ts';
import type { RESTMapper, RESTMapping } from '../restmapper.ts';
import type { Command, Invocation } from './command.ts';
import { EXPLAIN_HELP } from './help-explain.ts';

const PLAINTEXT = 'plaintext';
const PLAINTEXT_OPENAPIV2 = 'plaintext-openapiv2';

interface Target {
  mapping: Pick<RESTMapping, 'group' | 'version' | 'resource'>;
  fieldPath: string[];
}

// jsonPathParse's view of `pods.spec.containers`: `{.pods.spec.containers}` is a list of field
// nodes; a trailing '.' is dropped first.
const fieldsOf = (text: string) => text.replace(/\.$/, '').split('.');

/**
 * SplitAndParseResourceRequestWithMatchingPrefix: the first field names the resource; of the
 * mappings it has, the first whose `resource.group` the argument starts with wins (so
 * `events.events.k8s.io` is the events.k8s.io one), and the fields are what follows it;
 * otherwise the highest-priority mapping, with every field after the first.
 */
function matchingPrefix(arg: string, mapper: RESTMapper): Target {
  const [resource = '', ...rest] = fieldsOf(arg);
  const mappings = mapper.resourcesFor(resource);
  for (const mapping of mappings) {
    const groupResource = mapping.group ? `${mapping.resource}.${mapping.group}` : mapping.resource;
    if (!arg.startsWith(groupResource)) continue;
    const suffix = arg.slice(groupResource.length);
    // `{.` + `.spec` + `}` parses as a recursive descent and a field: the first node is dropped.
    return { mapping, fieldPath: suffix ? fieldsOf(suffix).slice(1) : [] };
  }
  return { mapping: mappings[0]!, fieldPath: rest };
}

/** SplitAndParseResourceRequest (with --api-version): the highest-priority mapping, then every field. */
function firstMapping(arg: string, mapper: RESTMapper): Target {
  const [resource = '', ...rest] = fieldsOf(arg);
  return { mapping: mapper.resourcesFor(resource)[0]!, fieldPath: rest };
}

async function runExplain(inv: Invocation): Promise<void> {
  const { args, flags } = inv;
  // Validate: the messages end in a newline of their own (fmt.Errorf("...\n")).
  if (args.length === 0) throw new KubectlError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
  if (args.length > 1) throw new KubectlError('We accept only this format: explain RESOURCE\n');
  const apiVersion = flags.string('api-version');
  const output = flags.string('output');
  const mapper = await inv.mapper();
  let target: Target;
  try {
    target = apiVersion ? firstMapping(args[0]!, mapper) : matchingPrefix(args[0]!, mapper);
  } catch (err) {
    // A meta.NoResourceMatchError reaches checkErr as is: printed without `error: `.
    if (!(err instanceof KubectlError)) throw err;
    inv.io.err(`${err.message}\n`);
    throw new SilentExit(1);
  }
  // Pilothouse's apiserver publishes OpenAPI v3 only; kubectl's v2 renderer would ask for /openapi/v2.
  if (output === PLAINTEXT_OPENAPIV2) throw new KubectlError(`--output=${PLAINTEXT_OPENAPIV2} is not supported by Pilothouse's kubectl: its schemas are OpenAPI v3 (use --output=${PLAINTEXT})`);
  let { group, version } = target.mapping;
  if (apiVersion) {
    const parsed = parseApiVersion(apiVersion);
    if (!parsed.ok) throw new KubectlError(parsed.message);
    ({ group, version } = parsed.value);
  }
  const gvr = { group, version, resource: target.mapping.resource };
  const paths = await inv.client.openapiV3().catch((err: unknown) => {
    throw new KubectlError(`failed to fetch list of groupVersions: ${messageOf(err)}`);
  });
  const resourcePath = group ? `apis/${group}/${version}` : `api/${version}`;
  const documented = Object.hasOwn(paths, resourcePath) ? paths[resourcePath] : undefined;
  if (!documented) throw new KubectlError(`couldn't find resource for "${group}/${version}, Resource=${gvr.resource}"`);
  const document = await documented.schema().catch((err: unknown) => {
    throw new KubectlError(`failed to fetch openapi schema for ${resourcePath}: ${messageOf(err)}`);
  });
  // generator.Render: the template is chosen after the document is fetched.
  if (output !== PLAINTEXT) throw new KubectlError(`unrecognized format: ${output}`);
  try {
    inv.io.out(renderPlaintext(document, { ...gvr, fieldPath: target.fieldPath, recursive: flags.bool('recursive') }));
  } catch (err) {
    if (!(err instanceof ExplainError)) throw err;
    // The template had streamed its header before it failed.
    if (err.partial) inv.io.out(err.partial);
    throw new KubectlError(err.message);
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const explain: Command = {
  name: 'explain',
  flags: [
    boolFlag('recursive', 'Print the fields of fields (Currently only 1 level deep)'),
    stringFlag('api-version', 'Get different explanations for particular API version (API group/version)'),
    // kubectl v1.33.1 registers no -o shorthand for explain (`explain -o` is an unknown shorthand).
    stringFlag('output', 'Format in which to render the schema (plaintext, plaintext-openapiv2)', PLAINTEXT),
  ],
  help: EXPLAIN_HELP,
  run: runExplain,
};
