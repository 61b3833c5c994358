/**
 * The token attributes that patterns may test, as spaCy's pattern schema lists them
 * (spacy/schemas.py TokenPattern, v3.5.4), and how to read each one from a Doc.
 *
 * Values are kept as JavaScript values rather than spaCy's 64-bit hashes: strings for string
 * attributes, the code point count for LENGTH, booleans for flags and spaCy's 0-3 codes for
 * ENT_IOB. Comparing strings gives the same answers as comparing their hashes.
 */
import type { Doc } from "../tokens/doc.js";
import { LEXEME_FLAGS, type LexemeFlag } from "../tokens/lexeme.js";

export type MatchValue = string | number | boolean;

/** string: ORTH, LEMMA...; number: LENGTH; bool: flags; iob: ENT_IOB ("", "I", "O", "B" or 0-3). */
export type AttrKind = "string" | "number" | "bool" | "iob";

type Reader = (doc: Doc, i: number) => MatchValue;

interface AttrInfo {
  kind: AttrKind;
  read: Reader;
}

const STRING_ATTRS: Record<string, Reader> = {
  ORTH: (doc, i) => doc.lexemes[i]!.orth,
  LOWER: (doc, i) => doc.lexemes[i]!.lower,
  // A token's own norm (set by tokenizer exceptions) wins over its lexeme's, as in spaCy.
  NORM: (doc, i) => doc.norms[i] || doc.lexemes[i]!.norm,
  SHAPE: (doc, i) => doc.lexemes[i]!.shape,
  POS: (doc, i) => doc.pos[i]!,
  TAG: (doc, i) => doc.tags[i]!,
  // The normalised FEATS string; spaCy compares an exact MORPH value with it unnormalised.
  MORPH: (doc, i) => doc.morphs[i]!,
  DEP: (doc, i) => doc.deps[i]!,
  LEMMA: (doc, i) => doc.lemmas[i]!,
  ENT_TYPE: (doc, i) => doc.entTypes[i]!,
  ENT_ID: (doc, i) => doc.entIds[i]!,
  ENT_KB_ID: (doc, i) => doc.entKbIds[i]!,
};

const OTHER_ATTRS: Record<string, AttrInfo> = {
  LENGTH: { kind: "number", read: (doc, i) => doc.lexemes[i]!.length },
  ENT_IOB: { kind: "iob", read: (doc, i) => doc.entIob[i]! },
  SPACY: { kind: "bool", read: (doc, i) => doc.spaces[i]! },
  // spaCy's first token always has sent_start 1 unless a value was given (spacy/tokens/doc.pyx push_back).
  SENT_START: { kind: "bool", read: (doc, i) => doc.sentStarts[i] === 1 || (i === 0 && doc.sentStarts[0] === 0) },
};

// IS_SENT_START is spelled SENT_START internally; TEXT is ORTH.
const ALIASES: Record<string, string> = { TEXT: "ORTH", IS_SENT_START: "SENT_START" };

const TABLE = new Map<string, AttrInfo>([
  ...Object.entries(STRING_ATTRS).map(([name, read]) => [name, { kind: "string", read }] as [string, AttrInfo]),
  ...Object.entries(OTHER_ATTRS),
  ...(Object.keys(LEXEME_FLAGS) as LexemeFlag[]).map(
    (flag) => [flag, { kind: "bool", read: (doc: Doc, i: number) => doc.lexemes[i]!.flag(flag) }] as [string, AttrInfo],
  ),
]);

/** Every name a pattern may use for a token attribute (upper case; patterns may use any case). */
export const MATCH_ATTR_NAMES: readonly string[] = [...TABLE.keys(), ...Object.keys(ALIASES)].sort();

/** Attributes that a pipeline component must set before patterns on them can match. */
export const ANNOTATED_ATTRS = {
  TAG: "tagger",
  POS: "morphologizer or tagger+attribute_ruler",
  MORPH: "morphologizer or tagger+attribute_ruler",
  LEMMA: "lemmatizer",
  DEP: "parser",
} as const;

export type AnnotatedAttr = keyof typeof ANNOTATED_ATTRS;

/** The canonical name of a pattern attribute (any case, aliases resolved), or undefined when unknown. */
export function canonicalAttr(name: string): string | undefined {
  const upper = name.toUpperCase();
  const canonical = ALIASES[upper] ?? upper;
  return TABLE.has(canonical) ? canonical : undefined;
}

export function attrKind(canonical: string): AttrKind {
  return TABLE.get(canonical)!.kind;
}

/** One attribute's values for tokens [start, end) of a doc. */
export function readColumn(doc: Doc, canonical: string, start = 0, end = doc.length): MatchValue[] {
  const read = TABLE.get(canonical)!.read;
  const column = new Array<MatchValue>(end - start);
  for (let i = start; i < end; i++) column[i - start] = read(doc, i);
  return column;
}

/**
 * The attribute columns of one doc (or a slice of it), each read once on first use: a match
 * call over many patterns reads every attribute it needs a single time.
 */
export class DocColumns {
  private readonly cache = new Map<string, MatchValue[]>();

  constructor(
    readonly doc: Doc,
    readonly start: number,
    readonly end: number,
  ) {}

  get length(): number {
    return this.end - this.start;
  }

  get(canonical: string): MatchValue[] {
    let column = this.cache.get(canonical);
    if (column === undefined) {
      column = readColumn(this.doc, canonical, this.start, this.end);
      this.cache.set(canonical, column);
    }
    return column;
  }
}
