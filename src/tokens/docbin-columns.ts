import type { TokenAttr } from "./attrs.js";
import { Doc } from "./doc.js";
import type { IdCache, IdTable } from "./docbin-strings.js";
import { LEXEME_FLAGS, type LexemeFlag } from "./lexeme.js";
import type { Vocab } from "./vocab.js";

/**
 * A doc's token table in DocBin form: one row per token, one uint64 per attribute, held as
 * (low, high) 32-bit word pairs so that no value needs a BigInt. Values are what spaCy's
 * Doc.to_array gives (spacy/tokens/doc.pyx): string ids for string attributes, HEAD relative to
 * the token and SENT_START as two's-complement integers.
 */
export function packTokens(doc: Doc, attrs: readonly TokenAttr[], ids: IdCache): Uint32Array {
  const cols = attrs.length;
  const n = doc.length;
  const out = new Uint32Array(n * cols * 2);
  attrs.forEach((attr, col) => {
    const stride = cols * 2;
    const strings = stringColumn(doc, attr);
    if (strings) {
      for (let i = 0, at = col * 2; i < n; i++, at += stride) ids.write(strings(i), out, at);
      return;
    }
    const number = numberColumn(doc, attr);
    for (let i = 0, at = col * 2; i < n; i++, at += stride) {
      const value = number(i);
      out[at] = value >>> 0;
      out[at + 1] = value < 0 ? 0xffffffff : Math.floor(value / 0x100000000);
    }
  });
  return out;
}

function stringColumn(doc: Doc, attr: TokenAttr): ((i: number) => string) | undefined {
  const lexemes = doc.lexemes;
  switch (attr) {
    case "ORTH":
      return (i) => lexemes[i]!.orth;
    case "LOWER":
      return (i) => lexemes[i]!.lower;
    case "NORM":
      return (i) => doc.norms[i] ?? lexemes[i]!.norm;
    case "SHAPE":
      return (i) => lexemes[i]!.shape;
    case "PREFIX":
      return (i) => lexemes[i]!.prefix;
    case "SUFFIX":
      return (i) => lexemes[i]!.suffix;
    case "LEMMA":
      return (i) => doc.lemmas[i]!;
    case "POS":
      return (i) => doc.pos[i]!;
    case "TAG":
      return (i) => doc.tags[i]!;
    case "DEP":
      return (i) => doc.deps[i]!;
    case "ENT_TYPE":
      return (i) => doc.entTypes[i]!;
    case "ENT_KB_ID":
      return (i) => doc.entKbIds[i]!;
    case "ENT_ID":
      return (i) => doc.entIds[i]!;
    case "MORPH":
      return (i) => doc.morphs[i]!;
    case "LANG":
      return () => doc.vocab.lang;
    default:
      return undefined;
  }
}

function numberColumn(doc: Doc, attr: TokenAttr): (i: number) => number {
  switch (attr) {
    case "LENGTH":
      return (i) => doc.lexemes[i]!.length;
    case "ID":
      return (i) => doc.lexemes[i]!.id;
    case "ENT_IOB":
      return (i) => doc.entIob[i]!;
    case "HEAD":
      return (i) => doc.heads[i]! - i;
    case "SENT_START":
      return (i) => doc.sentStarts[i]!;
    case "SPACY":
      return (i) => (doc.spaces[i] ? 1 : 0);
    case "IDX":
      return (i) => doc.idx[i]!;
    default: {
      const flag = attr as LexemeFlag;
      return (i) => (doc.lexemes[i]!.flag(flag) ? 1 : 0);
    }
  }
}

/** How a token table's problems are reported: the caller adds the file and the doc. */
export type Fail = (message: string) => Error;

/**
 * Builds Docs from token tables, as spaCy's DocBin.get_docs does (a Doc from the ORTH column and
 * the spaces, then Doc.from_array): a parse (HEAD and DEP with any label) resets the sentence
 * starts from the tree. Attributes that follow from the word itself (LOWER, SHAPE, LENGTH...)
 * are not read back. One reader serves every doc of a bin, so reading a doc allocates the Doc
 * and little else.
 */
export class TokenTableReader {
  private readonly stride: number;
  private readonly orthCol: number;

  constructor(
    private readonly vocab: Vocab,
    private readonly attrs: readonly TokenAttr[],
    private readonly strings: IdTable,
  ) {
    this.stride = attrs.length * 2;
    this.orthCol = attrs.indexOf("ORTH");
  }

  /** `tokens`: rows x attrs (low, high) word pairs; `spaceBytes`: one byte per token. */
  read(tokens: Uint32Array, spaceBytes: Uint8Array, unknownSpaces: boolean, fail: Fail): Doc {
    const n = spaceBytes.length;
    const stride = this.stride;
    const words = new Array<string>(n);
    for (let i = 0, at = this.orthCol * 2; i < n; i++, at += stride) {
      const word = this.text(tokens, at, i, "ORTH", fail);
      if (word === "") throw fail(`token ${i} has an empty ORTH`);
      words[i] = word;
    }
    const spaces = unknownSpaces ? undefined : Array.from(spaceBytes, (space) => space !== 0);
    const doc = new Doc(this.vocab, { words, spaces });
    doc.hasUnknownSpaces = unknownSpaces;
    for (let col = 0; col < this.attrs.length; col++) this.readColumn(doc, tokens, col, fail);
    if (this.attrs.includes("HEAD") && this.attrs.includes("DEP")) doc.setParse(Array.from(doc.heads), doc.deps);
    return doc;
  }

  private readColumn(doc: Doc, tokens: Uint32Array, col: number, fail: Fail): void {
    const attr = this.attrs[col]!;
    const n = doc.length;
    const stride = this.stride;
    const first = col * 2;
    const target = stringTarget(doc, attr);
    if (target) {
      for (let i = 0, at = first; i < n; i++, at += stride) target[i] = this.text(tokens, at, i, attr, fail);
      return;
    }
    switch (attr) {
      case "NORM":
        for (let i = 0, at = first; i < n; i++, at += stride) {
          const norm = this.text(tokens, at, i, attr, fail);
          doc.norms[i] = norm === doc.lexemes[i]!.norm ? undefined : norm;
        }
        break;
      case "HEAD":
        for (let i = 0, at = first; i < n; i++, at += stride) {
          const head = i + (tokens[at]! | 0);
          if (head < 0 || head >= n) throw fail(`token ${i} has a head ${head - i} tokens away, outside the doc of ${n} tokens`);
          doc.heads[i] = head;
        }
        break;
      case "ENT_IOB":
        for (let i = 0, at = first; i < n; i++, at += stride) {
          const iob = tokens[at]!;
          if (iob > 3 || tokens[at + 1] !== 0) throw fail(`token ${i} has ENT_IOB ${iob}; it must be 0 (missing), 1 (I), 2 (O) or 3 (B)`);
          doc.entIob[i] = iob;
        }
        break;
      case "SENT_START":
        for (let i = 0, at = first; i < n; i++, at += stride) doc.sentStarts[i] = Math.sign(tokens[at]! | 0);
        break;
      default:
        if (attr in LEXEME_FLAGS) {
          for (let i = 0, at = first; i < n; i++, at += stride) doc.lexemes[i]!.setFlag(attr as LexemeFlag, tokens[at] !== 0);
        }
    }
  }

  private text(tokens: Uint32Array, at: number, i: number, attr: string, fail: Fail): string {
    const lo = tokens[at]!;
    const hi = tokens[at + 1]!;
    if (lo === 0 && hi === 0) return "";
    const found = this.strings.get(lo, hi) ?? vocabString(this.vocab, lo, hi);
    if (found === undefined) {
      const id = (BigInt(hi) << 32n) | BigInt(lo);
      throw fail(`token ${i} has ${attr} string id ${id}, which is not among the file's strings`);
    }
    return found;
  }
}

/** The doc column a string attribute is read into as it is; NORM and ORTH need more care. */
function stringTarget(doc: Doc, attr: TokenAttr): string[] | undefined {
  switch (attr) {
    case "LEMMA":
      return doc.lemmas;
    case "POS":
      return doc.pos;
    case "TAG":
      return doc.tags;
    case "DEP":
      return doc.deps;
    case "ENT_TYPE":
      return doc.entTypes;
    case "ENT_KB_ID":
      return doc.entKbIds;
    case "ENT_ID":
      return doc.entIds;
    case "MORPH":
      return doc.morphs;
    default:
      return undefined;
  }
}

function vocabString(vocab: Vocab, lo: number, hi: number): string | undefined {
  const id = (BigInt(hi) << 32n) | BigInt(lo);
  return vocab.strings.has(id) ? vocab.strings.get(id) : undefined;
}
