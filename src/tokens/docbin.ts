import { readFileSync } from "node:fs";
import { TsnlpError } from "../util/errors.js";
import { writeFileAtomic } from "../util/io.js";
import { attrId, attrName, type TokenAttr } from "./attrs.js";
import type { Doc } from "./doc.js";
import { packTokens, TokenTableReader } from "./docbin-columns.js";
import { decodeDocBin, docBinError, encodeDocBin, type PackedDoc } from "./docbin-format.js";
import { packValue, unpackValue } from "./docbin-msgpack.js";
import { IdCache, IdTable } from "./docbin-strings.js";
import { EMPTY_MORPH } from "./morphology.js";
import { spanGroupsFromBytes, spanGroupsToBytes } from "./span-group-bytes.js";
import type { Vocab } from "./vocab.js";

/** What spaCy's DocBin stores by default (spacy/tokens/_serialize.py ALL_ATTRS). */
export const DOCBIN_ALL_ATTRS = [
  "ORTH",
  "NORM",
  "TAG",
  "HEAD",
  "DEP",
  "ENT_IOB",
  "ENT_TYPE",
  "ENT_KB_ID",
  "ENT_ID",
  "LEMMA",
  "MORPH",
  "POS",
  "SENT_START",
] as const;

export interface DocBinOptions {
  /** Token attributes to store, by name or spaCy id; ORTH is always stored, spaces always travel apart. */
  attrs?: Array<string | number>;
  /** Store each doc's userData (as msgpack). */
  storeUserData?: boolean;
  docs?: Iterable<Doc>;
}

/**
 * Docs packed for storage in spaCy's binary .spacy format, readable by spaCy v3 and written by
 * it: per-token annotations as a table of 64-bit values, strings once per bin, plus each doc's
 * categories, span groups and (optionally) user data.
 */
export class DocBin {
  readonly storeUserData: boolean;
  /** Every string the docs' tokens and spans use. */
  readonly strings = new Set<string>();
  private attrIds: readonly number[];
  private attrNames: readonly TokenAttr[];
  private origin?: string;
  private readonly docs: PackedDoc[] = [];
  private ids?: IdCache;
  private table?: { table: IdTable; size: number };

  constructor(options: DocBinOptions = {}) {
    const ids = (options.attrs ?? DOCBIN_ALL_ATTRS).map((attr) => attrId(attr)).sort((a, b) => a - b);
    const orth = attrId("ORTH");
    const spacy = attrId("SPACY");
    this.attrIds = [orth, ...ids.filter((id) => id !== orth && id !== spacy)];
    this.attrNames = this.attrIds.map((id) => attrName(id));
    this.storeUserData = options.storeUserData ?? false;
    for (const doc of options.docs ?? []) this.add(doc);
  }

  /** Attribute ids of the token table's columns: ORTH first, the rest ascending, as spaCy orders them. */
  get attrs(): readonly number[] {
    return this.attrIds;
  }

  /** The file the bin was read from, for error messages. */
  get source(): string | undefined {
    return this.origin;
  }

  /** Number of docs. */
  get length(): number {
    return this.docs.length;
  }

  /** Number of tokens over all docs. */
  get tokenCount(): number {
    return this.docs.reduce((sum, doc) => sum + doc.spaces.length, 0);
  }

  add(doc: Doc): void {
    this.ids ??= new IdCache();
    this.docs.push({
      tokens: packTokens(doc, this.attrNames, this.ids),
      spaces: Uint8Array.from(doc.spaces, (space) => (space ? 1 : 0)),
      cats: { ...doc.cats },
      flags: { has_unknown_spaces: doc.hasUnknownSpaces },
      spanGroups: spanGroupsToBytes(doc),
      userData: this.storeUserData ? packValue(doc.userData) : null,
    });
    this.collectStrings(doc);
  }

  /** The strings spaCy's DocBin.add collects: every token's text, tag, lemma, norm, morph, dep and entity strings, and span labels and ids. */
  private collectStrings(doc: Doc): void {
    const strings = this.strings;
    for (let i = 0; i < doc.length; i++) {
      const lexeme = doc.lexemes[i]!;
      strings.add(lexeme.orth);
      strings.add(doc.tags[i]!);
      strings.add(doc.lemmas[i]!);
      strings.add(doc.norms[i] ?? lexeme.norm);
      // spaCy's str(token.morph) prints "no features" as "".
      const morph = doc.morphs[i]!;
      strings.add(morph === EMPTY_MORPH ? "" : morph);
      strings.add(doc.deps[i]!);
      strings.add(doc.entTypes[i]!);
      strings.add(doc.entKbIds[i]!);
      strings.add(doc.entIds[i]!);
    }
    for (const [, group] of doc.spans) {
      for (const span of group) {
        strings.add(span.label);
        strings.add(span.kbId);
        strings.add(span.id);
      }
    }
  }

  /**
   * The docs, each built when the iteration reaches it; the bin's strings are added to the
   * vocab's StringStore first, as spaCy does. A doc refers to strings the bin must hold: a file
   * missing them is reported with the doc's index. User data keys that Python wrote as tuples
   * (extension attributes) come back as their JSON text.
   */
  *getDocs(vocab: Vocab): Generator<Doc> {
    for (const text of this.strings) vocab.strings.add(text);
    const table = this.idTable();
    const reader = new TokenTableReader(vocab, this.attrNames, table);
    for (let index = 0; index < this.docs.length; index++) {
      const packed = this.docs[index]!;
      const fail = (message: string) => docBinError(this.source, `has a bad doc ${index}: ${message}`);
      const doc = reader.read(packed.tokens, packed.spaces, Boolean(packed.flags.has_unknown_spaces), fail);
      doc.cats = { ...(packed.cats as Record<string, number>) };
      spanGroupsFromBytes(doc, packed.spanGroups, { lookup: (id) => table.getBig(id) ?? (vocab.strings.has(id) ? vocab.strings.get(id) : undefined), fail });
      if (packed.userData !== null) Object.assign(doc.userData, this.readUserData(packed.userData, fail));
      yield doc;
    }
  }

  private readUserData(bytes: Uint8Array, fail: (message: string) => Error): Record<string, unknown> {
    let data: unknown;
    try {
      data = unpackValue(bytes);
    } catch (error) {
      throw fail(`its user data could not be decoded (${(error as Error).message})`);
    }
    if (typeof data !== "object" || data === null || Array.isArray(data) || data instanceof Uint8Array) throw fail("its user data is not a map");
    return data as Record<string, unknown>;
  }

  private idTable(): IdTable {
    if (!this.table || this.table.size !== this.strings.size) this.table = { table: new IdTable(this.strings), size: this.strings.size };
    return this.table.table;
  }

  /** Append another bin's docs; both must store the same attributes and agree on user data. */
  merge(other: DocBin): void {
    const same = this.attrs.length === other.attrs.length && this.attrs.every((id, i) => other.attrs[i] === id);
    if (!same) {
      throw new TsnlpError(
        "E_DOCBIN_MERGE",
        `Cannot merge DocBins that store different attributes (${this.attrNames.join(", ")} vs ${other.attrNames.join(", ")}).`,
        {
          file: other.source,
          hint: "Create both bins with the same attrs.",
        },
      );
    }
    if (this.storeUserData !== other.storeUserData) {
      throw new TsnlpError(
        "E_DOCBIN_MERGE",
        `Cannot merge a DocBin ${this.storeUserData ? "with" : "without"} user data and one ${other.storeUserData ? "with" : "without"}.`,
        {
          file: other.source,
          hint: "Create both bins with the same storeUserData setting.",
        },
      );
    }
    for (const doc of other.docs) this.docs.push(doc);
    for (const text of other.strings) this.strings.add(text);
  }

  /** spaCy's .spacy bytes: zlib-compressed msgpack. */
  toBytes(): Uint8Array {
    return encodeDocBin({ attrs: this.attrs, strings: this.strings, docs: this.docs, storeUserData: this.storeUserData });
  }

  /** Read .spacy bytes; `source` names the file in error messages. A bin that holds user data keeps storing it. */
  static fromBytes(bytes: Uint8Array, source?: string): DocBin {
    const decoded = decodeDocBin(bytes, source);
    const bin = new DocBin({ storeUserData: decoded.storeUserData });
    // Columns stay in the file's order, which is how its rows are laid out.
    bin.attrIds = decoded.attrs;
    bin.attrNames = decoded.attrNames;
    bin.origin = source;
    for (const doc of decoded.docs) bin.docs.push(doc);
    for (const text of decoded.strings) bin.strings.add(text);
    return bin;
  }

  /** Write to a file (typically *.spacy), atomically: a failed write leaves any old file intact. */
  toDisk(path: string): void {
    writeFileAtomic(path, this.toBytes());
  }

  static fromDisk(path: string): DocBin {
    return DocBin.fromBytes(readDocBinFile(path), path);
  }
}

/** A .spacy file's bytes, with clear errors for a missing file or a folder. */
export function readDocBinFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw fileError(path, error);
  }
}

/** A file system error reading a .spacy file, worded for the user; other errors pass through. */
export function fileError(path: string, error: unknown): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case "ENOENT":
      return new TsnlpError("E_FILE_NOT_FOUND", `The DocBin file does not exist: ${path}`, {
        file: path,
        hint: "Check the path; relative paths start from the current folder.",
      });
    case "EISDIR":
      return new TsnlpError("E_FILE_IS_DIRECTORY", `Expected a DocBin (.spacy) file but found a folder: ${path}`, {
        file: path,
        hint: "Give the path of a .spacy file inside it.",
      });
    case "EACCES":
      return new TsnlpError("E_FILE_ACCESS", `No permission to read the DocBin file: ${path}`, { file: path });
    default:
      return error;
  }
}
