import { Decoder } from "@msgpack/msgpack";

/**
 * msgpack as spaCy writes it through srsly (msgpack-python with use_bin_type=True): integers in
 * their shortest form, every non-integer number as a float64, str8 for short strings, bytes as
 * bin. A writer of our own, rather than a generic encoder, because a DocBin must come out byte for
 * byte as spaCy's: Python floats that happen to be whole (cats of 1.0) stay floats, and span group
 * maps have byte strings as keys.
 */
export class MsgpackWriter {
  private buffer: Uint8Array;
  private view: DataView;
  private length = 0;
  private static readonly utf8 = new TextEncoder();

  constructor(initialSize = 1024) {
    this.buffer = new Uint8Array(initialSize);
    this.view = new DataView(this.buffer.buffer);
  }

  /** The bytes written so far (a view; copy it before writing more). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  private byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  private header(small: number, smallLimit: number, codes: readonly [number, number], size: number): void {
    if (size < smallLimit) {
      this.byte(small | size);
      return;
    }
    this.reserve(5);
    if (size <= 0xffff) {
      this.buffer[this.length] = codes[0];
      this.view.setUint16(this.length + 1, size);
      this.length += 3;
    } else {
      this.buffer[this.length] = codes[1];
      this.view.setUint32(this.length + 1, size);
      this.length += 5;
    }
  }

  mapHeader(size: number): void {
    this.header(0x80, 16, [0xde, 0xdf], size);
  }

  arrayHeader(size: number): void {
    this.header(0x90, 16, [0xdc, 0xdd], size);
  }

  nil(): void {
    this.byte(0xc0);
  }

  bool(value: boolean): void {
    this.byte(value ? 0xc3 : 0xc2);
  }

  float64(value: number): void {
    this.reserve(9);
    this.buffer[this.length] = 0xcb;
    this.view.setFloat64(this.length + 1, value);
    this.length += 9;
  }

  int(value: number | bigint): void {
    const big = BigInt(value);
    if (big >= 0n && big < 0x80n) this.byte(Number(big));
    else if (big < 0n && big >= -32n) this.byte(Number(big) & 0xff);
    else if (big >= 0n) {
      if (big <= 0xffn) this.fixed(0xcc, 1, big);
      else if (big <= 0xffffn) this.fixed(0xcd, 2, big);
      else if (big <= 0xffffffffn) this.fixed(0xce, 4, big);
      else this.fixed(0xcf, 8, big);
    } else if (big >= -0x80n) this.fixed(0xd0, 1, big);
    else if (big >= -0x8000n) this.fixed(0xd1, 2, big);
    else if (big >= -0x80000000n) this.fixed(0xd2, 4, big);
    else this.fixed(0xd3, 8, big);
  }

  private fixed(code: number, width: 1 | 2 | 4 | 8, value: bigint): void {
    this.reserve(1 + width);
    this.buffer[this.length] = code;
    const at = this.length + 1;
    if (width === 8) this.view.setBigUint64(at, BigInt.asUintN(64, value));
    else if (width === 4) this.view.setUint32(at, Number(BigInt.asUintN(32, value)));
    else if (width === 2) this.view.setUint16(at, Number(BigInt.asUintN(16, value)));
    else this.view.setUint8(at, Number(BigInt.asUintN(8, value)));
    this.length += 1 + width;
  }

  str(text: string): void {
    // Encode straight into the buffer: at most 3 bytes per UTF-16 unit, plus a 5-byte header.
    this.reserve(5 + text.length * 3);
    const size = text.length < 32 && isAscii(text) ? text.length : -1;
    if (size >= 0) {
      this.buffer[this.length++] = 0xa0 | size;
      for (let i = 0; i < size; i++) this.buffer[this.length++] = text.charCodeAt(i);
      return;
    }
    const encoded = MsgpackWriter.utf8.encode(text);
    const n = encoded.length;
    if (n < 32) this.buffer[this.length++] = 0xa0 | n;
    else if (n <= 0xff) {
      this.buffer[this.length++] = 0xd9;
      this.buffer[this.length++] = n;
    } else if (n <= 0xffff) {
      this.buffer[this.length] = 0xda;
      this.view.setUint16(this.length + 1, n);
      this.length += 3;
    } else {
      this.buffer[this.length] = 0xdb;
      this.view.setUint32(this.length + 1, n);
      this.length += 5;
    }
    this.buffer.set(encoded, this.length);
    this.length += n;
  }

  bin(data: Uint8Array): void {
    this.binHeader(data.length);
    this.raw(data);
  }

  /** The header of a bin of `n` bytes, to be followed by `raw` calls adding up to `n` bytes. */
  binHeader(n: number): void {
    this.reserve(5);
    if (n <= 0xff) {
      this.buffer[this.length++] = 0xc4;
      this.buffer[this.length++] = n;
    } else if (n <= 0xffff) {
      this.buffer[this.length] = 0xc5;
      this.view.setUint16(this.length + 1, n);
      this.length += 3;
    } else {
      this.buffer[this.length] = 0xc6;
      this.view.setUint32(this.length + 1, n);
      this.length += 5;
    }
  }

  raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /**
   * Any JSON-like value: null, booleans, numbers (whole safe integers as ints, others as floats),
   * bigints, strings, byte arrays, arrays, Maps and plain objects.
   */
  value(value: unknown): void {
    if (value === null || value === undefined) this.nil();
    else if (typeof value === "boolean") this.bool(value);
    else if (typeof value === "number") {
      if (Number.isSafeInteger(value)) this.int(value);
      else this.float64(value);
    } else if (typeof value === "bigint") this.int(value);
    else if (typeof value === "string") this.str(value);
    else if (value instanceof Uint8Array) this.bin(value);
    else if (Array.isArray(value)) {
      this.arrayHeader(value.length);
      for (const item of value) this.value(item);
    } else if (value instanceof Map) {
      this.mapHeader(value.size);
      for (const [key, item] of value) {
        this.value(key);
        this.value(item);
      }
    } else if (typeof value === "object") {
      const entries = Object.entries(value);
      this.mapHeader(entries.length);
      for (const [key, item] of entries) {
        this.str(key);
        this.value(item);
      }
    } else throw new TypeError(`Cannot write a ${typeof value} as msgpack.`);
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** One value as msgpack bytes, with spaCy's conventions. */
export function packValue(value: unknown): Uint8Array {
  const writer = new MsgpackWriter(64);
  writer.value(value);
  return writer.bytes().slice();
}

/**
 * Map keys that are not strings or numbers become strings: byte strings (span group maps) as
 * latin1 text, one character per byte, so `keyBytes` gets the bytes back; tuples (Python's
 * user_data keys such as ("._.", "name", None, None)) as their JSON text.
 */
function convertKey(key: unknown): string | number {
  if (typeof key === "string" || typeof key === "number") return key;
  if (key instanceof Uint8Array) return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString("latin1");
  return JSON.stringify(key, (_, value) => (typeof value === "bigint" ? value.toString() : value));
}

/** The bytes of a map key that was a byte string in the file. */
export function keyBytes(key: string): Uint8Array {
  return Buffer.from(key, "latin1");
}

const decoder = new Decoder({ mapKeyConverter: convertKey });

/** Decode one msgpack value; throws the library's errors on bad input (callers word them for the user). */
export function unpackValue(bytes: Uint8Array): unknown {
  return decoder.decode(bytes);
}
