import { deflateSync, inflateSync } from "node:zlib";
import { TsnlpError } from "../util/errors.js";
import { attrName, type TokenAttr } from "./attrs.js";
import { MsgpackWriter, unpackValue } from "./docbin-msgpack.js";
import { compareCodePoints } from "./docbin-strings.js";

/**
 * The .spacy layout of spaCy v3.5.4 (spacy/tokens/_serialize.py, DocBin.to_bytes): a zlib stream
 * holding one msgpack map with, in this order, version ("0.1"), attrs (attribute ids, ORTH
 * first), tokens (every doc's rows of uint64 values, little-endian, one after the other), spaces
 * (one byte per token), lengths (int32 tokens per doc), strings (sorted), cats, flags and
 * span_groups (one entry per doc), and user_data (one msgpack blob per doc) when the bin stores it.
 */
export const DOCBIN_VERSION = "0.1";

/** One doc as the bin holds it until asked for a Doc. */
export interface PackedDoc {
  /** rows x attrs uint64 values as (low, high) 32-bit words. */
  tokens: Uint32Array;
  spaces: Uint8Array;
  cats: Record<string, unknown>;
  flags: Record<string, unknown>;
  spanGroups: Uint8Array;
  userData: Uint8Array | null;
}

export interface DocBinPayload {
  attrs: readonly number[];
  strings: Iterable<string>;
  docs: readonly PackedDoc[];
  storeUserData: boolean;
}

export interface DecodedPayload {
  attrs: number[];
  attrNames: TokenAttr[];
  strings: string[];
  docs: PackedDoc[];
  storeUserData: boolean;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function docBinError(source: string | undefined, message: string, hint?: string): TsnlpError {
  const what = source ? `The DocBin file ${source}` : "The DocBin data";
  return new TsnlpError("E_DOCBIN_CORRUPT", `${what} ${message}.`, {
    file: source,
    hint: hint ?? "Check that this is a complete .spacy file, or write it again (tsnlp convert, or spaCy's DocBin.to_disk).",
  });
}

// zlib's default 16 KiB output chunks make large bins slow to (de)compress; 1 MiB chunks read a
// bin of 160 MB about 1.6 times faster.
const ZLIB_CHUNK = 1 << 20;

export function encodeDocBin(payload: DocBinPayload): Uint8Array {
  return deflateSync(encodePayload(payload), { chunkSize: ZLIB_CHUNK });
}

/** The msgpack map, uncompressed. */
export function encodePayload({ attrs, strings, docs, storeUserData }: DocBinPayload): Uint8Array {
  const cols = attrs.length;
  const rows = docs.reduce((sum, doc) => sum + doc.spaces.length, 0);
  const writer = new MsgpackWriter(rows * (cols * 8 + 1) + 65536);
  writer.mapHeader(storeUserData ? 10 : 9);
  writer.str("version");
  writer.str(DOCBIN_VERSION);
  writer.str("attrs");
  writer.arrayHeader(cols);
  for (const attr of attrs) writer.int(attr);
  writer.str("tokens");
  writer.binHeader(rows * cols * 8);
  for (const doc of docs) writer.raw(littleEndianBytes(doc.tokens));
  writer.str("spaces");
  writer.binHeader(rows);
  for (const doc of docs) writer.raw(doc.spaces);
  writer.str("lengths");
  const lengths = new DataView(new ArrayBuffer(docs.length * 4));
  docs.forEach((doc, i) => {
    lengths.setInt32(i * 4, doc.spaces.length, true);
  });
  writer.bin(new Uint8Array(lengths.buffer));
  writer.str("strings");
  const sorted = [...strings].sort(compareCodePoints);
  writer.arrayHeader(sorted.length);
  for (const text of sorted) writer.str(text);
  writer.str("cats");
  writer.arrayHeader(docs.length);
  for (const doc of docs) writeCats(writer, doc.cats);
  writer.str("flags");
  writer.arrayHeader(docs.length);
  for (const doc of docs) writer.value(doc.flags);
  writer.str("span_groups");
  writer.arrayHeader(docs.length);
  for (const doc of docs) writer.bin(doc.spanGroups);
  if (storeUserData) {
    writer.str("user_data");
    writer.arrayHeader(docs.length);
    for (const doc of docs) {
      if (doc.userData === null) writer.nil();
      else writer.bin(doc.userData);
    }
  }
  return writer.bytes();
}

/** Category scores are Python floats, so whole numbers stay floats (1.0, not 1). */
function writeCats(writer: MsgpackWriter, cats: Record<string, unknown>): void {
  const entries = Object.entries(cats);
  writer.mapHeader(entries.length);
  for (const [label, score] of entries) {
    writer.str(label);
    if (typeof score === "number") writer.float64(score);
    else writer.value(score);
  }
}

function littleEndianBytes(words: Uint32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
  const out = new DataView(new ArrayBuffer(words.byteLength));
  for (let i = 0; i < words.length; i++) out.setUint32(i * 4, words[i]!, true);
  return new Uint8Array(out.buffer);
}

function wordsFromLittleEndian(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(bytes.byteLength / 4);
  if (LITTLE_ENDIAN) new Uint8Array(words.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, true);
  }
  return words;
}

export function decodeDocBin(bytes: Uint8Array, source?: string): DecodedPayload {
  return decodePayload(inflate(bytes, source), source);
}

function inflate(bytes: Uint8Array, source: string | undefined): Uint8Array {
  if (bytes.length === 0) throw docBinError(source, "is empty");
  try {
    return inflateSync(bytes, { chunkSize: ZLIB_CHUNK });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "Z_BUF_ERROR") throw docBinError(source, "is truncated: its compressed data ends before the end of the stream");
    throw docBinError(
      source,
      `is not a DocBin (.spacy) file: it is not zlib-compressed data (${(error as Error).message})`,
      "Give a file written by DocBin.to_disk (tsnlp or spaCy v3); JSON or CoNLL-U data must be converted first (tsnlp convert).",
    );
  }
}

type Msg = Record<string, unknown>;

export function decodePayload(payload: Uint8Array, source?: string): DecodedPayload {
  const fail = (message: string) => docBinError(source, message);
  let msg: unknown;
  try {
    msg = unpackValue(payload);
  } catch (error) {
    throw fail(`is not a DocBin: its decompressed content is not msgpack (${(error as Error).message})`);
  }
  if (typeof msg !== "object" || msg === null || Array.isArray(msg) || msg instanceof Uint8Array) {
    throw fail("is not a DocBin: its content is not a msgpack map");
  }
  const map = msg as Msg;
  for (const key of ["attrs", "tokens", "spaces", "lengths", "strings", "cats"]) {
    if (!(key in map)) throw fail(`lacks the key '${key}' that every DocBin has`);
  }
  const { attrs, attrNames } = readAttrs(map.attrs, fail);
  const strings = map.strings;
  if (!Array.isArray(strings) || !strings.every((text) => typeof text === "string")) throw fail("has 'strings' that are not a list of strings");
  const lengths = readLengths(bin(map, "lengths", fail), fail);
  const nDocs = lengths.length;
  const spaces = bin(map, "spaces", fail);
  const tokenBytes = bin(map, "tokens", fail);
  const total = lengths.reduce((sum, n) => sum + n, 0);
  if (spaces.length !== total) throw fail(`is inconsistent: its doc lengths add up to ${total} tokens, but it has spaces for ${spaces.length}`);
  const rowBytes = attrs.length * 8;
  if (tokenBytes.length !== total * rowBytes) {
    throw fail(
      `is inconsistent: its doc lengths add up to ${total} tokens, but its token table has ${tokenBytes.length / rowBytes} rows of ${attrs.length} attributes`,
    );
  }
  const cats = perDoc(map, "cats", nDocs, fail, () => ({}));
  const flags = perDoc(map, "flags", nDocs, fail, () => ({}));
  const spanGroups = perDoc(map, "span_groups", nDocs, fail, () => new Uint8Array(0));
  const storeUserData = "user_data" in map;
  const userData = perDoc(map, "user_data", nDocs, fail, () => null);
  const words = wordsFromLittleEndian(tokenBytes);
  const docs: PackedDoc[] = [];
  let row = 0;
  for (let i = 0; i < nDocs; i++) {
    const n = lengths[i]!;
    const doc: PackedDoc = {
      tokens: words.subarray(row * attrs.length * 2, (row + n) * attrs.length * 2),
      spaces: spaces.subarray(row, row + n),
      cats: record(cats[i], `the cats of doc ${i}`, fail),
      flags: record(flags[i], `the flags of doc ${i}`, fail),
      spanGroups: bytesOf(spanGroups[i], `the span groups of doc ${i}`, fail),
      userData: userData[i] === null || userData[i] === undefined ? null : bytesOf(userData[i], `the user data of doc ${i}`, fail),
    };
    checkStructure(doc, attrNames, (message) => fail(`has a bad doc ${i}: ${message}`));
    docs.push(doc);
    row += n;
  }
  return { attrs, attrNames, strings: strings as string[], docs, storeUserData };
}

function readAttrs(value: unknown, fail: (message: string) => Error): { attrs: number[]; attrNames: TokenAttr[] } {
  if (!Array.isArray(value) || value.length === 0) throw fail("has 'attrs' that are not a non-empty list of attribute ids");
  const attrNames = value.map((id) => {
    if (typeof id !== "number" || !Number.isInteger(id)) throw fail(`has an attribute id ${JSON.stringify(id)} that is not an integer`);
    try {
      return attrName(id);
    } catch {
      throw fail(`stores attribute id ${id}, which is not a token attribute tsnlp knows`);
    }
  });
  if (!attrNames.includes("ORTH")) throw fail("has no ORTH column, so its words cannot be read");
  return { attrs: value as number[], attrNames };
}

function bin(map: Msg, key: string, fail: (message: string) => Error): Uint8Array {
  const value = map[key];
  if (value instanceof Uint8Array) return value;
  throw fail(`has '${key}' that are not bytes`);
}

function readLengths(bytes: Uint8Array, fail: (message: string) => Error): number[] {
  if (bytes.length % 4 !== 0) throw fail(`has 'lengths' of ${bytes.length} bytes, not a whole number of int32 values`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 4 }, (_, i) => {
    const n = view.getInt32(i * 4, true);
    if (n < 0) throw fail(`gives doc ${i} a negative length (${n})`);
    return n;
  });
}

function perDoc<T>(map: Msg, key: string, nDocs: number, fail: (message: string) => Error, missing: () => T): unknown[] {
  if (!(key in map)) return Array.from({ length: nDocs }, missing);
  const value = map[key];
  if (!Array.isArray(value)) throw fail(`has '${key}' that are not a list`);
  if (value.length !== nDocs) throw fail(`is inconsistent: it has ${nDocs} docs but ${value.length} entries in '${key}'`);
  return value;
}

function record(value: unknown, what: string, fail: (message: string) => Error): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)) return value as Record<string, unknown>;
  throw fail(`has ${what} that are not a map`);
}

function bytesOf(value: unknown, what: string, fail: (message: string) => Error): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw fail(`has ${what} that are not bytes`);
}

/** Checks that need no strings, done when the file is read so a bad doc stops a corpus before training starts. */
function checkStructure(doc: PackedDoc, attrs: readonly TokenAttr[], fail: (message: string) => Error): void {
  const n = doc.spaces.length;
  const stride = attrs.length * 2;
  const head = attrs.indexOf("HEAD") * 2;
  const iob = attrs.indexOf("ENT_IOB") * 2;
  for (let i = 0, at = 0; i < n; i++, at += stride) {
    if (head >= 0) {
      const target = i + (doc.tokens[at + head]! | 0);
      if (target < 0 || target >= n) throw fail(`token ${i} has a head ${target - i} tokens away, outside the doc of ${n} tokens`);
    }
    if (iob >= 0 && (doc.tokens[at + iob]! > 3 || doc.tokens[at + iob + 1] !== 0)) {
      throw fail(`token ${i} has ENT_IOB ${doc.tokens[at + iob]}; it must be 0 (missing), 1 (I), 2 (O) or 3 (B)`);
    }
  }
}
