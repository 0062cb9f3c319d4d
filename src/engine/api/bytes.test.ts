import { describe, expect, it } from 'vitest';
import { ByteDecoder, decodeBytes, encodeBytes } from './bytes.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('the bytes ↔ string mapping', () => {
  it.each([
    ['ASCII', bytes(0x68, 0x69, 0x0a), 'hi\n'],
    ['UTF-8 text', new TextEncoder().encode('héllo ✓ 🚀'), 'héllo ✓ 🚀'],
    ['NUL bytes (a tar header)', bytes(0, 0, 0x41), '\0\0A'],
    ['a lone continuation byte', bytes(0x41, 0x80), 'A\udc80'],
    ['invalid lead bytes', bytes(0xff, 0xc0, 0xc1), '\udcff\udcc0\udcc1'],
    ['a truncated sequence at the end', bytes(0xe2, 0x9c), '\udce2\udc9c'],
    ['an encoded surrogate (not valid UTF-8)', bytes(0xed, 0xa0, 0x80), '\udced\udca0\udc80'],
    ['an overlong encoding', bytes(0xe0, 0x80, 0xaf), '\udce0\udc80\udcaf'],
  ])('%s decodes and encodes back exactly', (_name, input, text) => {
    expect(decodeBytes(input)).toBe(text);
    expect([...encodeBytes(text)]).toEqual([...input]);
  });

  it('every byte value survives a round trip', () => {
    const all = new Uint8Array(256 * 3).map((_, i) => (i * 7919) % 256);
    expect([...encodeBytes(decodeBytes(all))]).toEqual([...all]);
  });

  it.each([1, 2, 3])('a stream cut every %i bytes decodes as the whole does', (step) => {
    const input = new Uint8Array([...new TextEncoder().encode('ñ✓🚀'), 0xff, 0xe2, 0x41]);
    const decoder = new ByteDecoder();
    let text = '';
    for (let i = 0; i < input.length; i += step) text += decoder.decode(input.subarray(i, i + step), { stream: true });
    text += decoder.decode(new Uint8Array(0));
    expect(text).toBe(decodeBytes(input));
  });

  it('a lone surrogate that stands for no byte is written as U+FFFD, as TextEncoder does', () => {
    expect([...encodeBytes('\ud800x')]).toEqual([...new TextEncoder().encode('\ufffdx')]);
  });
});
