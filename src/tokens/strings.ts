import { TsnlpError } from "../util/errors.js";
import { hashString } from "../util/hash.js";
import { SYMBOL_IDS, SYMBOL_NAMES } from "./symbols.js";

/** A string's id as spaCy computes it: its symbol id if it is one of spaCy's symbols, else its hash. */
export function stringId(text: string): bigint {
  const symbol = SYMBOL_IDS.get(text);
  return symbol === undefined ? hashString(text) : BigInt(symbol);
}

/**
 * Maps strings to 64-bit ids and back, as spaCy's StringStore: spaCy's symbols (attribute
 * names, POS tags, dependency labels...) have small fixed ids, "" is 0, every other string is
 * MurmurHash64A of its UTF-8 bytes with seed 1.
 */
export class StringStore {
  private readonly byId = new Map<bigint, string>();
  private readonly idOf = new Map<string, bigint>();

  constructor(strings: Iterable<string> = []) {
    for (const text of strings) this.add(text);
  }

  /** Add a string (symbols and "" are never stored) and return its id. */
  add(text: string): bigint {
    const known = this.idOf.get(text);
    if (known !== undefined) return known;
    const id = stringId(text);
    if (text !== "" && !SYMBOL_IDS.has(text)) {
      this.byId.set(id, text);
      this.idOf.set(text, id);
    }
    return id;
  }

  /** The string with this id; a clear error when the store has never seen it. */
  get(id: bigint): string {
    if (id < BigInt(SYMBOL_NAMES.length)) return SYMBOL_NAMES[Number(id)]!;
    const text = this.byId.get(id);
    if (text === undefined) {
      throw new TsnlpError("E_UNKNOWN_STRING", `The string store has no string with id ${id}.`, {
        hint: "Ids come from the StringStore of the vocab that made them: add the string first, or read the strings that travel with the data.",
      });
    }
    return text;
  }

  has(textOrId: string | bigint): boolean {
    if (typeof textOrId === "string") return textOrId === "" || SYMBOL_IDS.has(textOrId) || this.idOf.has(textOrId);
    return textOrId < BigInt(SYMBOL_NAMES.length) || this.byId.has(textOrId);
  }

  /** Number of stored strings (symbols not counted). */
  get size(): number {
    return this.byId.size;
  }

  /** Stored strings, in insertion order. */
  [Symbol.iterator](): IterableIterator<string> {
    return this.byId.values();
  }

  toJSON(): string[] {
    return [...this.byId.values()].sort();
  }
}
