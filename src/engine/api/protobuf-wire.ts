// The protobuf wire format (protobuf.dev/programming-guides/encoding): varints, fixed 32/64-bit
// and length-delimited records, as the gogo-generated Marshal/Unmarshal of k8s.io/api read and
// write them. Errors carry gogo's texts (generated.pb.go: `proto: illegal wireType`,
// io.ErrUnexpectedEOF, ErrInvalidLengthGenerated, ErrIntOverflowGenerated).

/** A malformed message: the caller turns it into a 400. */
export class WireError extends Error {}

export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** One field record as read: its number, wire type and raw value. */
export type WireValue = { wireType: 0; value: bigint } | { wireType: 1 | 5; value: Uint8Array } | { wireType: 2; value: Uint8Array };

/** Reads the records of one message, in wire order. */
export function readRecords(bytes: Uint8Array): Array<{ field: number } & WireValue> {
  const records: Array<{ field: number } & WireValue> = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 70n) throw new WireError('proto: integer overflow');
      if (pos >= bytes.length) throw new WireError('unexpected EOF');
      const b = bytes[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
  };
  const take = (n: number): Uint8Array => {
    if (n < 0) throw new WireError('proto: negative length found during unmarshaling');
    if (pos + n > bytes.length) throw new WireError('unexpected EOF');
    const slice = bytes.subarray(pos, pos + n);
    pos += n;
    return slice;
  };
  while (pos < bytes.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field <= 0) throw new WireError(`proto: illegal tag ${field} (wire type ${wireType})`);
    if (wireType === WIRE.varint) records.push({ field, wireType, value: varint() });
    else if (wireType === WIRE.fixed64 || wireType === WIRE.fixed32) records.push({ field, wireType, value: take(wireType === WIRE.fixed64 ? 8 : 4) });
    else if (wireType === WIRE.bytes) {
      const length = varint();
      if (length > BigInt(bytes.length)) throw new WireError('unexpected EOF');
      records.push({ field, wireType, value: take(Number(BigInt.asIntN(64, length))) });
    } else throw new WireError(`proto: illegal wireType ${wireType}`);
  }
  return records;
}

/** The varints packed in one length-delimited record (a packed repeated scalar). */
export function readPackedVarints(bytes: Uint8Array): bigint[] {
  const values: bigint[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 70n) throw new WireError('proto: integer overflow');
      if (pos >= bytes.length) throw new WireError('unexpected EOF');
      const b = bytes[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) break;
    }
    values.push(BigInt.asUintN(64, result));
  }
  return values;
}

/** Builds one message; fields are appended in the order they are written. */
export class WireWriter {
  private readonly chunks: number[] = [];

  private rawVarint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.chunks.push(Number(v));
  }

  varint(field: number, value: bigint): this {
    this.rawVarint(BigInt(field << 3 | WIRE.varint));
    this.rawVarint(value);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.rawVarint(BigInt(field << 3 | WIRE.bytes));
    this.rawVarint(BigInt(value.length));
    for (const b of value) this.chunks.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  fixed(field: number, value: Uint8Array): this {
    this.rawVarint(BigInt(field << 3 | (value.length === 8 ? WIRE.fixed64 : WIRE.fixed32)));
    for (const b of value) this.chunks.push(b);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}
