/**
 * The words of a vectors table and the row each one points to, stored without a JS object per
 * word: the UTF-8 bytes of every key back to back in one buffer, each key's offset and row in
 * typed arrays, and an open-addressing hash index over them. A million-word table costs a few
 * tens of megabytes here, where a Map of strings would cost several times that and take longer
 * to build. Several keys may share a row (after pruning or deduplication), as in spaCy's
 * key2row.
 */
import { TsnlpError } from "../util/errors.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = 0;

/** FNV-1a over bytes, with a final mix so that similar words spread over the index. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

export class VectorKeys {
  private bytes: Uint8Array;
  private byteLength = 0;
  /** starts[i] is where key i begins; starts[count] where the next one will. */
  private starts: Int32Array;
  private keyRows: Int32Array;
  private hashes: Uint32Array;
  /** Key index + 1 in each slot; 0 for a free slot. Its length is a power of two. */
  private slots: Int32Array;
  private n = 0;
  private scratch = new Uint8Array(256);

  constructor(expectedKeys = 16, expectedBytes = expectedKeys * 8) {
    const capacity = Math.max(16, expectedKeys + 1);
    this.bytes = new Uint8Array(Math.max(64, expectedBytes));
    this.starts = new Int32Array(capacity + 1);
    this.keyRows = new Int32Array(capacity);
    this.hashes = new Uint32Array(capacity);
    this.slots = new Int32Array(slotCountFor(capacity));
  }

  get count(): number {
    return this.n;
  }

  /** Bytes held by the store's arrays, spare capacity included. */
  get byteSize(): number {
    return this.bytes.byteLength + this.starts.byteLength + this.keyRows.byteLength + this.hashes.byteLength + this.slots.byteLength;
  }

  /** The row of each key, by key index (a view: do not keep it across additions). */
  get rows(): Int32Array {
    return this.keyRows.subarray(0, this.n);
  }

  /** Add the key held in bytes[start, end) pointing to `row`; a known key is moved to `row` (the later entry wins, as in spaCy). */
  addBytes(source: Uint8Array, start: number, end: number, row: number): number {
    const hash = hashBytes(source, start, end);
    const slot = this.findSlot(source, start, end, hash);
    const known = this.slots[slot]! - 1;
    if (known >= 0) {
      this.keyRows[known] = row;
      return known;
    }
    this.reserve(end - start);
    const index = this.n++;
    this.bytes.set(source.subarray(start, end), this.byteLength);
    this.starts[index] = this.byteLength;
    this.byteLength += end - start;
    this.starts[index + 1] = this.byteLength;
    this.keyRows[index] = row;
    this.hashes[index] = hash;
    this.slots[slot] = index + 1;
    if (this.n * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return index;
  }

  add(key: string, row: number): number {
    if (key.includes("\n")) {
      throw new TsnlpError("E_VECTORS_KEY", `The vectors key ${JSON.stringify(key)} contains a line break.`, {
        hint: "Keys are words as the tokenizer produces them; they cannot contain line breaks.",
      });
    }
    const [bytes, length] = this.encode(key);
    return this.addBytes(bytes, 0, length, row);
  }

  /** The key's index, or -1. */
  indexOf(key: string): number {
    const [bytes, length] = this.encode(key);
    return this.slots[this.findSlot(bytes, 0, length, hashBytes(bytes, 0, length))]! - 1;
  }

  /** The row the key points to, or -1 when the table has no such key. */
  rowOf(key: string): number {
    const index = this.indexOf(key);
    return index < 0 ? -1 : this.keyRows[index]!;
  }

  setRow(index: number, row: number): void {
    this.keyRows[index] = row;
  }

  keyAt(index: number): string {
    return decoder.decode(this.bytes.subarray(this.starts[index]!, this.starts[index + 1]!));
  }

  /** The UTF-8 bytes of key `index` (a view into the shared buffer). */
  bytesAt(index: number): Uint8Array {
    return this.bytes.subarray(this.starts[index]!, this.starts[index + 1]!);
  }

  *strings(): IterableIterator<string> {
    for (let i = 0; i < this.n; i++) yield this.keyAt(i);
  }

  /** The keys as UTF-8 lines, each ended by "\n" (the layout of vocab/vectors.keys). */
  toLines(): Uint8Array {
    const out = new Uint8Array(this.byteLength + this.n);
    let at = 0;
    for (let i = 0; i < this.n; i++) {
      const key = this.bytesAt(i);
      out.set(key, at);
      at += key.length;
      out[at++] = 10;
    }
    return out;
  }

  /** Keys read back from toLines' layout, pointing to `rows` (or to 0, 1, 2, ... when absent). */
  static fromLines(lines: Uint8Array, rows?: Int32Array): VectorKeys {
    let count = 0;
    for (let at = lines.indexOf(10); at >= 0; at = lines.indexOf(10, at + 1)) count++;
    const keys = new VectorKeys(count, lines.length);
    let start = 0;
    for (let i = 0; i < count; i++) {
      const end = lines.indexOf(10, start);
      keys.addBytes(lines, start, end, rows ? rows[i]! : i);
      start = end + 1;
    }
    return keys;
  }

  private encode(key: string): [Uint8Array, number] {
    // Most keys are ASCII: copy the code units, no encoder call.
    if (key.length <= this.scratch.length) {
      let ascii = true;
      for (let i = 0; i < key.length; i++) {
        const code = key.charCodeAt(i);
        if (code > 127) {
          ascii = false;
          break;
        }
        this.scratch[i] = code;
      }
      if (ascii) return [this.scratch, key.length];
    }
    if (this.scratch.length < key.length * 3) this.scratch = new Uint8Array(key.length * 3);
    const { written } = encoder.encodeInto(key, this.scratch);
    return [this.scratch, written];
  }

  /** The slot holding this key, or the free slot where it would go. */
  private findSlot(source: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY) return slot;
      const index = entry - 1;
      if (this.hashes[index] !== hash) continue;
      const at = this.starts[index]!;
      if (this.starts[index + 1]! - at !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (this.bytes[at + k] !== source[start + k]) {
          same = false;
          break;
        }
      }
      if (same) return slot;
    }
  }

  private reserve(keyBytes: number): void {
    if (this.byteLength + keyBytes > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.byteLength + keyBytes));
      grown.set(this.bytes.subarray(0, this.byteLength));
      this.bytes = grown;
    }
    if (this.n + 1 >= this.keyRows.length) {
      const capacity = this.keyRows.length * 2;
      this.starts = grow(this.starts, capacity + 1);
      this.keyRows = grow(this.keyRows, capacity);
      this.hashes = grow(this.hashes, capacity);
    }
  }

  private rehash(slotCount: number): void {
    this.slots = new Int32Array(slotCount);
    const mask = slotCount - 1;
    for (let index = 0; index < this.n; index++) {
      let slot = this.hashes[index]! & mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = index + 1;
    }
  }
}

function slotCountFor(keys: number): number {
  let slots = 32;
  while (slots < keys * 2) slots *= 2;
  return slots;
}

function grow<T extends Int32Array | Uint32Array>(array: T, length: number): T {
  const grown = new (array.constructor as new (n: number) => T)(length);
  grown.set(array);
  return grown;
}
