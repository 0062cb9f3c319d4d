import { describe, expect, it } from 'vitest';
import {
  isCIdentifier, isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName,
  isValidLabelValue, isValidPercent, isValidPortName, isValidPortNum,
} from './validation.ts';

const label1123 = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const subdomain1123 = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const label1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const namePart = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('util/validation', () => {
  it.each([
    { name: 'a DNS-1123 label accepts my-name', fn: isDNS1123Label, input: 'my-name', want: [] },
    { name: 'a DNS-1123 label refuses capitals', fn: isDNS1123Label, input: 'My-Name', want: [label1123] },
    { name: 'a DNS-1123 label refuses dots with its own message', fn: isDNS1123Label, input: 'a.b', want: ['must not contain dots'] },
    { name: 'a DNS-1123 label refuses 64 characters', fn: isDNS1123Label, input: 'a'.repeat(64), want: ['must be no more than 63 characters'] },
    { name: 'a DNS-1123 subdomain accepts dots', fn: isDNS1123Subdomain, input: 'web.example.com', want: [] },
    { name: 'a DNS-1123 subdomain refuses underscores', fn: isDNS1123Subdomain, input: 'my_pod', want: [subdomain1123] },
    { name: 'a DNS-1123 subdomain refuses 254 characters', fn: isDNS1123Subdomain, input: 'a'.repeat(254), want: ['must be no more than 253 characters'] },
    { name: 'a DNS-1035 label refuses a leading digit', fn: isDNS1035Label, input: '1web', want: [label1035] },
    { name: 'a qualified name accepts a prefix', fn: isQualifiedName, input: 'example.com/MyName', want: [] },
    { name: 'a qualified name refuses an empty prefix', fn: isQualifiedName, input: '/a', want: ['prefix part must be non-empty'] },
    { name: 'a qualified name refuses an empty name', fn: isQualifiedName, input: 'a/', want: ['name part must be non-empty', namePart] },
    { name: 'a qualified name refuses a bad prefix', fn: isQualifiedName, input: 'Ex/a', want: [`prefix part ${subdomain1123}`] },
    { name: 'a qualified name refuses two slashes', fn: isQualifiedName, input: 'a/b/c', want: ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"] },
    { name: 'a label value may be empty', fn: isValidLabelValue, input: '', want: [] },
    { name: 'a label value counts bytes', fn: isValidLabelValue, input: 'é'.repeat(32), want: ['must be no more than 63 characters', "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"] },
    { name: 'a C identifier refuses a dash', fn: isCIdentifier, input: 'a-b', want: ["a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', regex used for validation is '[A-Za-z_][A-Za-z0-9_]*')"] },
    { name: 'an env var name refuses a leading digit', fn: isEnvVarName, input: '1X', want: ["a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"] },
    { name: 'an env var name refuses ..', fn: isEnvVarName, input: '..', want: ["must not be '..'"] },
    { name: 'a config map key refuses a slash', fn: isConfigMapKey, input: 'a/b', want: ["a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"] },
    { name: 'a percent needs the % sign', fn: isValidPercent, input: '25', want: ["a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"] },
  ])('$name', ({ fn, input, want }) => expect(fn(input)).toEqual(want));

  it.each([
    [80, []], [0, ['must be between 1 and 65535, inclusive']], [65536, ['must be between 1 and 65535, inclusive']],
  ])('port number %d', (port, want) => expect(isValidPortNum(port)).toEqual(want));

  it.each([
    ['http', []], ['http-alt', []],
    ['a-very-long-port-name', ['must be no more than 15 characters']],
    ['HTTP', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['8080', ['must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']], ['-a', ['must not begin or end with a hyphen']],
  ])('port name %j', (name, want) => expect(isValidPortName(name)).toEqual(want));
});
