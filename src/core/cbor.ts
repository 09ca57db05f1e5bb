// A deliberately small CBOR codec (RFC 8949) for the subset our documents use, with the
// "core deterministic encoding" of section 4.2.1: shortest-form arguments, definite lengths,
// map keys sorted by their encoded bytes, no duplicate keys. The decoder REJECTS anything else,
// so that a QR text has exactly one accepted encoding and re-encoding what we decoded gives the
// same bytes. General-purpose libraries (cbor-x, cborg) decode leniently, which is right for them and
// wrong for a verifier; the test suite checks that cborg reads what we write.

import { bytesEqual, concatBytes, fromUtf8, utf8 } from './bytes.js';

export type CborKey = number | string;
export type CborValue =
  | number
  | string
  | boolean
  | null
  | Uint8Array
  | CborValue[]
  | Map<CborKey, CborValue>
  | CborTag;

export class CborTag {
  constructor(
    readonly tag: number,
    readonly value: CborValue,
  ) {}
}

/** Thrown by decodeCbor for input outside the accepted subset; the verifier turns it into MALFORMED. */
export class CborError extends Error {
  override name = 'CborError';
}

const MAX_DEPTH = 16;

// ---------------------------------------------------------------- encoding

function head(major: number, arg: number): Uint8Array {
  const m = major << 5;
  if (arg < 24) return Uint8Array.of(m | arg);
  if (arg < 0x100) return Uint8Array.of(m | 24, arg);
  if (arg < 0x10000) return Uint8Array.of(m | 25, arg >> 8, arg & 0xff);
  if (arg < 0x100000000)
    return Uint8Array.of(m | 26, arg >>> 24, (arg >> 16) & 0xff, (arg >> 8) & 0xff, arg & 0xff);
  if (!Number.isSafeInteger(arg)) throw new RangeError(`CBOR argument out of safe integer range: ${arg}`);
  const hi = Math.floor(arg / 0x100000000);
  const lo = arg >>> 0;
  return Uint8Array.of(
    m | 27,
    0,
    (hi >> 16) & 0xff,
    (hi >> 8) & 0xff,
    hi & 0xff,
    lo >>> 24,
    (lo >> 16) & 0xff,
    (lo >> 8) & 0xff,
    lo & 0xff,
  );
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Encodes a value deterministically (RFC 8949 4.2.1). @throws {TypeError|RangeError} for unsupported values. */
export function encodeCbor(value: CborValue): Uint8Array {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`only safe integers are encodable, got ${value}`);
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === 'string') {
    const b = utf8(value);
    return concatBytes(head(3, b.length), b);
  }
  if (value === false) return Uint8Array.of(0xf4);
  if (value === true) return Uint8Array.of(0xf5);
  if (value === null) return Uint8Array.of(0xf6);
  if (value instanceof Uint8Array) return concatBytes(head(2, value.length), value);
  if (Array.isArray(value)) return concatBytes(head(4, value.length), ...value.map(encodeCbor));
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => [encodeCbor(k), encodeCbor(v)] as const);
    entries.sort((x, y) => compareBytes(x[0], y[0]));
    for (let i = 1; i < entries.length; i++) {
      if (bytesEqual(entries[i - 1]![0], entries[i]![0])) throw new TypeError('duplicate CBOR map key');
    }
    return concatBytes(head(5, entries.length), ...entries.flat());
  }
  if (value instanceof CborTag) return concatBytes(head(6, value.tag), encodeCbor(value.value));
  throw new TypeError(`unsupported CBOR value: ${typeof value}`);
}

// ---------------------------------------------------------------- decoding

/** compareBytes on two ranges of one buffer. */
function compareRanges(b: Uint8Array, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) if (b[aStart + i] !== b[bStart + i]) return b[aStart + i]! - b[bStart + i]!;
  return aEnd - aStart - (bEnd - bStart);
}

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new CborError('unexpected end of CBOR data');
    return this.bytes[this.pos++]!;
  }

  take(n: number): Uint8Array {
    if (n > this.bytes.length - this.pos) throw new CborError('CBOR length exceeds the data');
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  argument(info: number): number {
    if (info < 24) return info;
    let n: number;
    let min: number;
    if (info === 24) {
      n = this.byte();
      min = 24;
    } else if (info === 25) {
      n = this.byte() * 0x100 + this.byte();
      min = 0x100;
    } else if (info === 26) {
      n = ((this.byte() << 24) >>> 0) + (this.byte() << 16) + (this.byte() << 8) + this.byte();
      min = 0x10000;
    } else if (info === 27) {
      const hi = ((this.byte() << 24) >>> 0) + (this.byte() << 16) + (this.byte() << 8) + this.byte();
      const lo = ((this.byte() << 24) >>> 0) + (this.byte() << 16) + (this.byte() << 8) + this.byte();
      if (hi > 0x1fffff) throw new CborError('CBOR integer beyond the safe range');
      n = hi * 0x100000000 + lo;
      min = 0x100000000;
    } else {
      // 28-30 are reserved, 31 is indefinite length: neither is deterministic encoding.
      throw new CborError('indefinite or reserved CBOR length');
    }
    if (n < min) throw new CborError('CBOR argument not in shortest form');
    return n;
  }

  value(depth: number): CborValue {
    if (depth > MAX_DEPTH) throw new CborError('CBOR nested too deeply');
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 31;
    switch (major) {
      case 0:
        return this.argument(info);
      case 1:
        return -1 - this.argument(info);
      case 2:
        return this.take(this.argument(info)).slice();
      case 3:
        try {
          return fromUtf8(this.take(this.argument(info)));
        } catch (e) {
          if (e instanceof CborError) throw e;
          throw new CborError('invalid UTF-8 in CBOR text string');
        }
      case 4: {
        const n = this.argument(info);
        if (n > this.bytes.length - this.pos) throw new CborError('CBOR array longer than the data');
        const arr: CborValue[] = [];
        for (let i = 0; i < n; i++) arr.push(this.value(depth + 1));
        return arr;
      }
      case 5: {
        const n = this.argument(info);
        if (n * 2 > this.bytes.length - this.pos) throw new CborError('CBOR map longer than the data');
        const map = new Map<CborKey, CborValue>();
        // Each key's encoding must sort after the previous one (compared in place: no copies).
        let prevStart = -1;
        let prevEnd = -1;
        for (let i = 0; i < n; i++) {
          const start = this.pos;
          const key = this.value(depth + 1);
          if (typeof key !== 'number' && typeof key !== 'string')
            throw new CborError('CBOR map key must be an integer or text');
          if (prevStart >= 0 && compareRanges(this.bytes, prevStart, prevEnd, start, this.pos) >= 0) {
            throw new CborError('CBOR map keys not in deterministic order or duplicated');
          }
          prevStart = start;
          prevEnd = this.pos;
          map.set(key, this.value(depth + 1));
        }
        return map;
      }
      case 6:
        return new CborTag(this.argument(info), this.value(depth + 1));
      default:
        if (initial === 0xf4) return false;
        if (initial === 0xf5) return true;
        if (initial === 0xf6) return null;
        throw new CborError('unsupported CBOR simple value or float');
    }
  }
}

/**
 * Decodes exactly one deterministic CBOR item. Trailing bytes are an error, not ignored.
 * @throws {CborError} for anything outside the accepted subset.
 */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const reader = new Reader(bytes);
  const value = reader.value(0);
  if (reader.pos !== bytes.length) throw new CborError('trailing bytes after CBOR item');
  return value;
}
