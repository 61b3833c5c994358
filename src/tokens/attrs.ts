import { TsnlpError } from "../util/errors.js";
import { didYouMean } from "../util/suggest.js";
import { SYMBOL_IDS } from "./symbols.js";

/** Token attributes that `Doc.toArray` / `Doc.fromArray` understand, by spaCy's names. */
export const TOKEN_ATTRS = [
  "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "ID", "LEMMA", "POS", "TAG", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID",
  "ENT_ID", "HEAD", "SENT_START", "SPACY", "LANG", "MORPH", "IDX",
  "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE", "IS_UPPER", "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL",
  "IS_STOP", "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
] as const;

export type TokenAttr = (typeof TOKEN_ATTRS)[number];

const KNOWN = new Set<string>(TOKEN_ATTRS);

/** spaCy's ENT_IOB codes: 0 missing, 1 inside, 2 outside, 3 begin. */
export const IOB_STRINGS = ["", "I", "O", "B"] as const;
export type IobTag = (typeof IOB_STRINGS)[number];

/** An attribute given by name (any case) or by spaCy's id, as its canonical name. */
export function attrName(attr: string | number | bigint): TokenAttr {
  if (typeof attr !== "string") {
    const id = Number(attr);
    for (const name of TOKEN_ATTRS) if (SYMBOL_IDS.get(name) === id) return name;
    throw new TsnlpError("E_UNKNOWN_ATTR", `${attr} is not the id of a token attribute.`, { hint: `Use one of ${TOKEN_ATTRS.join(", ")}.` });
  }
  const upper = attr.toUpperCase();
  if (KNOWN.has(upper)) return upper as TokenAttr;
  throw new TsnlpError("E_UNKNOWN_ATTR", `'${attr}' is not a token attribute.${didYouMean(upper, TOKEN_ATTRS)}`, {
    hint: `Use one of ${TOKEN_ATTRS.join(", ")}.`,
  });
}

/** spaCy's id for an attribute name (ORTH is 65). */
export function attrId(attr: string | number | bigint): number {
  return SYMBOL_IDS.get(attrName(attr))!;
}
