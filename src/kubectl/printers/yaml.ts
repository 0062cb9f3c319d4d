// kubectl -o yaml: sigs.k8s.io/yaml, which turns the object's JSON into go-yaml v2 output —
// keys sorted, sequences not indented under their key, strings plain unless they would read
// back as something else. go-yaml double-quotes a string that would resolve to a number, a
// bool, null or a timestamp (`"1"`, `"true"`, `""`), single-quotes one that cannot be plain
// (`'*'`), and writes multi-line strings as literal blocks.
// Models sigs.k8s.io/yaml (JSONToYAML) over go.yaml.in/yaml/v2 (encode.go stringv, resolve.go).
import { Document, isScalar, visit } from 'yaml';
import { sortKeys } from './json.ts';

// What go-yaml v2's resolver reads as a non-string: YAML 1.1 bools, null, numbers, timestamps.
const NON_STRING = [
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(~|null|Null|NULL|)$/,
  /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/,
  /^0b[01_]+$/, /^[-+]?0x[0-9a-fA-F_]+$/, /^[-+]?\.(inf|Inf|INF)$/, /^\.(nan|NaN|NAN)$/,
  /^\d{4}-\d{1,2}-\d{1,2}([Tt ]|$)/,
];

const resolvesAsNonString = (s: string) => NON_STRING.some((re) => re.test(s));

/** `value` as kubectl -o yaml prints it. */
export function printYAML(value: unknown): string {
  const doc = new Document(sortKeys(value));
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string') {
        if (resolvesAsNonString(node.value)) node.type = 'QUOTE_DOUBLE';
        else if (node.value.includes('\n')) node.type = 'BLOCK_LITERAL';
      }
    },
  });
  return doc.toString({ indentSeq: false, singleQuote: true, lineWidth: 0, minContentWidth: 0 });
}
