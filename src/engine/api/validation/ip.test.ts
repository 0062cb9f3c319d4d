import { describe, expect, it } from 'vitest';
import { newPath } from './field.ts';
import { formatIP, isValidIP, isValidIPForLegacyField, parseIP } from './ip.ts';

const p = newPath('status', 'podIP');
const bodies = (errs: { body: string }[]) => errs.map((e) => e.body);

describe('IP validation (util/validation/ip.go)', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'], ['2001:db8::1', '2001:db8::1'], ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'], ['::', '::'],
    ['::1', '::1'], ['1:0:0:1:0:0:0:1', '1:0:0:1::1'], ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'], ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['::ffff:1.2.3.4', '1.2.3.4'], ['010.1.1.1', '10.1.1.1'], ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
  ])('%s formats as %s', (input, want) => expect(formatIP(parseIP(input)!)).toBe(want));

  it.each(['', '1.2.3', '256.1.1.1', '1.2.3.4.5', '1::2::3', '12345::', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', 'a.b.c.d'])(
    '%j does not parse', (s) => expect(parseIP(s)).toBeNull());

  it.each([
    ['10.0.0.1', []], ['2001:db8::1', []],
    ['10.0.0', ['Invalid value: "10.0.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    ['010.0.0.1', ['Invalid value: "010.0.0.1": must not have leading 0s']],
    ['::ffff:1.2.3.4', ['Invalid value: "::ffff:1.2.3.4": must not be an IPv4-mapped IPv6 address']],
    ['2001:DB8::1', ['Invalid value: "2001:DB8::1": must be in canonical form ("2001:db8::1")']],
  ])('IsValidIP(%j)', (value, want) => expect(bodies(isValidIP(p, value))).toEqual(want));

  it('legacy fields accept sloppy IPs unless strict, and old values always', () => {
    expect(isValidIPForLegacyField(p, '010.0.0.1', false)).toEqual([]);
    expect(bodies(isValidIPForLegacyField(p, '010.0.0.1', true))).toEqual(['Invalid value: "010.0.0.1": must not have leading 0s']);
    expect(isValidIPForLegacyField(p, '010.0.0.1', true, ['010.0.0.1'])).toEqual([]);
  });
});
