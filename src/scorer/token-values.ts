import type { Token } from "../tokens/token.js";
import { TsnlpError } from "../util/errors.js";

/** Reads a token's value of an attribute for scoring (spaCy's getter(token, attr)). */
export type TokenAttrGetter = (token: Token, attr: string) => unknown;

/**
 * The values spaCy's getattr(token, attr) compares, by attribute name. spaCy compares string
 * ids, and id 0 (unset) is the empty string here; MORPH is read as the stored key, so that "_"
 * (annotated, no features) differs from "" (not annotated), as morph.key does in spaCy.
 */
const TOKEN_VALUES: Record<string, (token: Token) => unknown> = {
  orth: (token) => token.orth,
  text: (token) => token.orth,
  lower: (token) => token.lower,
  norm: (token) => token.norm,
  shape: (token) => token.shape,
  prefix: (token) => token.prefix,
  suffix: (token) => token.suffix,
  tag: (token) => token.doc.tags[token.i],
  pos: (token) => token.doc.pos[token.i],
  morph: (token) => token.doc.morphs[token.i],
  lemma: (token) => token.doc.lemmas[token.i],
  dep: (token) => token.doc.deps[token.i],
  ent_type: (token) => token.doc.entTypes[token.i],
  ent_kb_id: (token) => token.doc.entKbIds[token.i],
  ent_iob: (token) => token.doc.entIob[token.i],
  sent_start: (token) => token.sentStart,
  is_sent_start: (token) => token.sentStart,
};

/** The default getter: the attribute by its spaCy name (tag, pos, morph, lemma, dep, ...). */
export const getTokenAttr: TokenAttrGetter = (token, attr) => {
  const read = TOKEN_VALUES[attr];
  if (read === undefined) {
    throw new TsnlpError("E_SCORER_ATTR", `Cannot score the token attribute '${attr}': there is no default getter for it.`, {
      hint: `Pass a getter, or use one of ${Object.keys(TOKEN_VALUES).join(", ")}.`,
    });
  }
  return read(token);
};

/** spaCy's MISSING_VALUES: reference values that mean "not annotated". */
export const MISSING_VALUES: ReadonlySet<unknown> = new Set<unknown>([null, undefined, 0, ""]);

/** Python set membership, where True == 1 and False == 0. */
export function isMissing(value: unknown, missingValues: ReadonlySet<unknown>): boolean {
  return missingValues.has(typeof value === "boolean" ? Number(value) : value);
}
