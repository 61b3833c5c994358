import { stringId } from "./strings.js";
import { SYMBOL_NAMES } from "./symbols.js";

/**
 * Python's string order (by code point). JavaScript's `<` compares UTF-16 units, which puts
 * characters above U+FFFF (stored as surrogates, 0xD800-0xDFFF) before U+E000-U+FFFF; shifting
 * those two ranges past each other restores code point order.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

interface Entry {
  hi: number;
  text: string;
  next: Entry | undefined;
}

const SYMBOL_COUNT = SYMBOL_NAMES.length;

/**
 * Looks up strings by 64-bit id given as two 32-bit words, so token tables can be read through
 * a Uint32Array without creating a BigInt per value. Keyed by the low word; the rare ids that
 * share one are chained and told apart by the high word.
 */
export class IdTable {
  private readonly byLow = new Map<number, Entry>();

  constructor(strings: Iterable<string>) {
    for (const text of strings) this.add(text);
  }

  add(text: string): void {
    const id = stringId(text);
    const lo = Number(id & 0xffffffffn) | 0;
    const hi = Number(id >> 32n) | 0;
    if (hi === 0 && lo >= 0 && lo < SYMBOL_COUNT) return;
    const first = this.byLow.get(lo);
    for (let entry = first; entry; entry = entry.next) if (entry.hi === hi) return;
    this.byLow.set(lo, { hi, text, next: first });
  }

  /** The string with id hi:lo, or undefined when the table has none. */
  get(lo: number, hi: number): string | undefined {
    if (hi === 0 && lo < SYMBOL_COUNT) return SYMBOL_NAMES[lo];
    // Small integers hash and compare fastest, so both words are kept as int32.
    const high = hi | 0;
    for (let entry = this.byLow.get(lo | 0); entry; entry = entry.next) if (entry.hi === high) return entry.text;
    return undefined;
  }

  getBig(id: bigint): string | undefined {
    return this.get(Number(id & 0xffffffffn), Number(id >> 32n));
  }
}

/** A string's id as (lo, hi) 32-bit words, memoised: the same few thousand strings recur in every doc. */
export class IdCache {
  private readonly ids = new Map<string, number>();
  private words = new Uint32Array(256);
  private count = 0;

  /** Index into `words` of the string's id (lo at the index, hi after it). */
  slot(text: string): number {
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    if (this.count * 2 + 2 > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    const id = text === "" ? 0n : stringId(text);
    const at = this.count * 2;
    this.words[at] = Number(id & 0xffffffffn);
    this.words[at + 1] = Number(id >> 32n);
    this.count++;
    this.ids.set(text, at);
    return at;
  }

  /** Write the id of `text` into `out` at `at` (lo) and `at + 1` (hi). */
  write(text: string, out: Uint32Array, at: number): void {
    const slot = this.slot(text);
    out[at] = this.words[slot]!;
    out[at + 1] = this.words[slot + 1]!;
  }
}
