import { TsnlpError } from "../util/errors.js";
import { attrName, type TokenAttr } from "./attrs.js";
import type { Doc } from "./doc.js";
import { LEXEME_FLAGS, type LexemeFlag } from "./lexeme.js";
import { EMPTY_MORPH } from "./morphology.js";
import { stringId } from "./strings.js";

/** A 2-d table of 64-bit values, row-major: one row per token, one column per attribute. */
export interface AttrArray {
  data: BigUint64Array;
  rows: number;
  cols: number;
}

const u64 = (value: number): bigint => BigInt.asUintN(64, BigInt(value));
const i32 = (value: bigint): number => Number(BigInt.asIntN(32, value));

/**
 * Attribute values as spaCy's Doc.to_array gives them: string attributes as their StringStore
 * ids (added to the doc's store, so fromArray can read them back), HEAD relative to the token,
 * SENT_START and HEAD as two's-complement 64-bit integers.
 */
export function docToArray(doc: Doc, attrs: Array<string | number>): AttrArray {
  const names = attrs.map(attrName);
  const strings = doc.vocab.strings;
  const addString = (text: string): bigint => (text === "" ? 0n : strings.add(text));
  const data = new BigUint64Array(doc.length * names.length);
  const langId = doc.vocab.lang === "" ? 0n : stringId(doc.vocab.lang);
  for (let i = 0; i < doc.length; i++) {
    const lexeme = doc.lexemes[i]!;
    const row = i * names.length;
    names.forEach((name, col) => {
      let value: bigint;
      switch (name) {
        case "ORTH": value = addString(lexeme.orth); break;
        case "LOWER": value = addString(lexeme.lower); break;
        case "NORM": value = addString(doc.norms[i] || lexeme.norm); break;
        case "SHAPE": value = addString(lexeme.shape); break;
        case "PREFIX": value = addString(lexeme.prefix); break;
        case "SUFFIX": value = addString(lexeme.suffix); break;
        case "LENGTH": value = BigInt(lexeme.length); break;
        case "ID": value = BigInt(lexeme.id); break;
        case "LEMMA": value = addString(doc.lemmas[i]!); break;
        case "POS": value = addString(doc.pos[i]!); break;
        case "TAG": value = addString(doc.tags[i]!); break;
        case "DEP": value = addString(doc.deps[i]!); break;
        case "ENT_IOB": value = BigInt(doc.entIob[i]!); break;
        case "ENT_TYPE": value = addString(doc.entTypes[i]!); break;
        case "ENT_KB_ID": value = addString(doc.entKbIds[i]!); break;
        case "ENT_ID": value = addString(doc.entIds[i]!); break;
        case "HEAD": value = u64(doc.heads[i]! - i); break;
        case "SENT_START": value = u64(doc.sentStarts[i]!); break;
        case "SPACY": value = doc.spaces[i] ? 1n : 0n; break;
        case "LANG": value = langId; break;
        case "MORPH": value = addString(doc.morphs[i]!); break;
        case "IDX": value = BigInt(doc.idx[i]!); break;
        default: value = lexeme.flag(name as LexemeFlag) ? 1n : 0n;
      }
      data[row + col] = value;
    });
  }
  return { data, rows: doc.length, cols: names.length };
}

const SETTABLE = new Set<TokenAttr>(["ORTH", "SPACY", "NORM", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "SENT_START", "MORPH"]);

/**
 * Set annotations from a table made by docToArray (or read from a DocBin); string ids must be
 * in the doc's StringStore. As in spaCy, a parse (HEAD and DEP with any label) resets the
 * sentence starts from the tree.
 */
export function docFromArray(doc: Doc, attrs: Array<string | number>, array: AttrArray): Doc {
  const names = attrs.map(attrName);
  if (array.rows !== doc.length || array.cols !== names.length) {
    throw new TsnlpError("E_ARRAY_SHAPE", `The array is ${array.rows} x ${array.cols}, but the doc has ${doc.length} tokens and ${names.length} attributes were named.`);
  }
  for (const name of names) {
    if (!SETTABLE.has(name) && !(name in LEXEME_FLAGS)) {
      throw new TsnlpError("E_ATTR_NOT_SETTABLE", `${name} cannot be set from an array: it follows from the word itself.`);
    }
  }
  const strings = doc.vocab.strings;
  const text = (id: bigint): string => (id === 0n ? "" : strings.get(id));
  for (let i = 0; i < doc.length; i++) {
    const row = i * names.length;
    names.forEach((name, col) => {
      const value = array.data[row + col]!;
      switch (name) {
        case "NORM": {
          const norm = text(value);
          doc.norms[i] = norm === "" || norm === doc.lexemes[i]!.norm ? undefined : norm;
          break;
        }
        case "LEMMA": doc.lemmas[i] = text(value); break;
        case "POS": doc.pos[i] = text(value); break;
        case "TAG": doc.tags[i] = text(value); break;
        case "DEP": doc.deps[i] = text(value); break;
        case "ENT_TYPE": doc.entTypes[i] = text(value); break;
        case "ENT_KB_ID": doc.entKbIds[i] = text(value); break;
        case "ENT_ID": doc.entIds[i] = text(value); break;
        case "MORPH": doc.morphs[i] = value === 0n ? "" : text(value) || EMPTY_MORPH; break;
        case "HEAD": {
          const head = i + i32(value);
          if (head < 0 || head >= doc.length) {
            throw new TsnlpError("E_BAD_HEAD", `Token ${i} has a head ${i32(value)} tokens away, outside the doc of ${doc.length} tokens.`);
          }
          doc.heads[i] = head;
          break;
        }
        case "ENT_IOB": {
          if (value > 3n) throw new TsnlpError("E_BAD_ENT_IOB", `ENT_IOB of token ${i} is ${value}; it must be 0 (missing), 1 (I), 2 (O) or 3 (B).`);
          doc.entIob[i] = Number(value);
          break;
        }
        case "SENT_START": doc.sentStarts[i] = Math.sign(i32(value)); break;
        case "ORTH":
        case "SPACY":
          break; // fixed when the doc was created
        default: doc.lexemes[i]!.setFlag(name as LexemeFlag, value !== 0n);
      }
    });
  }
  if (names.includes("HEAD") && names.includes("DEP")) doc.setParse(Array.from(doc.heads), [...doc.deps]);
  return doc;
}
