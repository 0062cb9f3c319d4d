import { describe, expect, it } from 'vitest';
import {
  ErrFormatWrong, ErrNumeric, ErrSuffix, addQuantity, compareQuantity, milliValue, newMilliQuantity, parseQuantity,
  quantityFromJSON, quantityString, quantityValue, subQuantity, toNumber, type Quantity,
} from './quantity.ts';

const q = (s: string): Quantity => {
  const r = parseQuantity(s);
  if (!r.ok) throw new Error(`${s}: ${r.message}`);
  return r.value;
};

describe('parseQuantity + quantityString (rows from apimachinery quantity_test.go)', () => {
  it.each([
    // canonical inputs are kept verbatim, as upstream caches them
    ['100m', '100m', 'DecimalSI'], ['1Ki', '1Ki', 'BinarySI'], ['12Ki', '12Ki', 'BinarySI'], ['+1', '+1', 'DecimalSI'],
    ['1e3', '1e3', 'DecimalExponent'], ['0', '0', 'DecimalSI'], ['1E-3', '1E-3', 'DecimalExponent'], ['1.', '1.', 'DecimalSI'],
    ['1.G', '1.G', 'DecimalSI'], ['100.035k', '100.035k', 'DecimalSI'], ['7.123456M', '7.123456M', 'DecimalSI'],
    // everything else is re-emitted canonically
    ['1000m', '1', 'DecimalSI'], ['1.5Gi', '1536Mi', 'BinarySI'], ['0.1', '100m', 'DecimalSI'], ['1.5', '1500m', 'DecimalSI'],
    ['1024Mi', '1Gi', 'BinarySI'], ['1000M', '1G', 'DecimalSI'], ['8Ki', '8Ki', 'BinarySI'], ['1024Ki', '1Mi', 'BinarySI'],
    ['.001Ki', '1024m', 'BinarySI'], ['.000001Ki', '1024u', 'DecimalSI'], ['.000000001Ki', '1024n', 'DecimalSI'],
    ['.000000000001Ki', '2n', 'DecimalSI'], ['0.5Mi', '512Ki', 'BinarySI'], ['1536', '1536', 'DecimalSI'],
    ['50k', '50k', 'DecimalSI'], ['40T', '40T', 'DecimalSI'], ['1.01E', '1010P', 'DecimalSI'], ['12E', '12E', 'DecimalSI'],
    ['1000e-6', '1e-3', 'DecimalExponent'], ['1.3E+6', '1300e3', 'DecimalExponent'], ['0.5e-1', '50e-3', 'DecimalExponent'],
    ['1e100', '10e99', 'DecimalExponent'], ['3.001n', '4n', 'DecimalSI'], ['0.00000012345', '124n', 'DecimalSI'],
    ['1.1E-9', '2e-9', 'DecimalExponent'], ['9Ei', '9223372036854775807', 'BinarySI'], ['0Ki', '0', 'BinarySI'],
    ['-1.5Gi', '-1536Mi', 'BinarySI'], ['-0.1', '-100m', 'DecimalSI'], ['1.0', '1', 'DecimalSI'], ['1.0G', '1G', 'DecimalSI'],
    ['.0001k', '100m', 'DecimalSI'], ['100.0350k', '100035', 'DecimalSI'], ['7.1234560M', '7123456', 'DecimalSI'],
    ['1500Mi', '1500Mi', 'BinarySI'], ['1000E', '1', 'DecimalSI'],
  ])('%s prints as %s (%s)', (input, want, format) => {
    const got = q(input);
    expect(quantityString(got)).toBe(want);
    expect(got.format).toBe(format);
  });

  it.each([
    ['', ErrFormatWrong], ['1.1.M', ErrFormatWrong], ['1+1.0M', ErrFormatWrong], ['aoeu', ErrFormatWrong], [' 1', ErrFormatWrong],
    ['1 ', ErrFormatWrong], ['0.1mi', ErrSuffix], ['0.1am', ErrFormatWrong], ['.5i', ErrSuffix], ['1i', ErrSuffix],
    ['-3.01e-', ErrSuffix], ['32MMi', ErrSuffix], ['e-20', ErrNumeric], ['1e99999999999999999999', ErrSuffix],
  ])('%j is refused with %s', (input, message) => {
    expect(parseQuantity(input)).toEqual({ ok: false, message });
  });

  it('quotes the exact regular expression in the format error', () => {
    expect(ErrFormatWrong).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});

describe('arithmetic', () => {
  it.each([
    ['1', '1000m', 0], ['1Gi', '1G', 1], ['100m', '0.1', 0], ['-1', '1', -1], ['1e100', '1E', 1], ['1n', '0', 1], ['0', '0Ki', 0],
  ])('compare(%s, %s) is %d', (a, b, want) => expect(compareQuantity(q(a), q(b))).toBe(want));

  it.each([
    ['100m', '200m', 'add', '300m'], ['1Gi', '512Mi', 'add', '1536Mi'], ['0', '1Ki', 'add', '1Ki'],
    ['1', '250m', 'sub', '750m'], ['0', '1Mi', 'sub', '-1Mi'], ['1.5', '1.5', 'sub', '0'],
  ])('%s %s %s %s = %s', (a, b, op, want) => {
    const r = op === 'add' ? addQuantity(q(a), q(b)) : subQuantity(q(a), q(b));
    expect(quantityString(r)).toBe(want);
  });

  it.each([
    ['1', 1, 1000], ['250m', 1, 250], ['1.5', 2, 1500], ['1Gi', 1073741824, 1073741824000], ['1n', 1, 1], ['-1.5', -2, -1500],
  ])('%s has value %d and milli value %d (rounded up)', (s, value, milli) => {
    expect(quantityValue(q(s))).toBe(value);
    expect(milliValue(q(s))).toBe(milli);
  });

  it('approximates a float for charts', () => expect(toNumber(q('1.5Gi'))).toBe(1610612736));
  it('prints a milli quantity canonically', () => expect(quantityString(newMilliQuantity(1500, 'DecimalSI'))).toBe('1500m'));
});

describe('quantityFromJSON', () => {
  it.each([
    [' 1Gi ', '1Gi'], [2, '2'], [0.5, '500m'], [null, '0'],
  ])('%j decodes to %s', (v, want) => {
    const r = quantityFromJSON(v);
    expect(r.ok && quantityString(r.value)).toBe(want);
  });
  it('refuses non-quantity JSON with the format error', () => expect(quantityFromJSON(true)).toEqual({ ok: false, message: ErrFormatWrong }));
});
