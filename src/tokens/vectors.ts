/**
 * A table of static word vectors (spaCy's Vectors, spacy/vectors.pyx v3.5.4, default mode):
 * one Float32Array of rows x width floats, row-major, and the words that point into it. Several
 * words may share a row: pruning maps dropped words to their nearest kept row, and duplicate
 * rows are merged when a table is converted. The words live in a compact key store
 * (vectors-keys.ts), so a million-word table is a handful of typed arrays, not a million
 * objects.
 *
 * Keys are word strings (spaCy keys by their hashes). A token finds its row by its ORTH, or by
 * its LOWER when the table was made with attr "LOWER" (spaCy 3.7's `--attr`).
 *
 * On disk (a pipeline's vocab/ folder; see vectors-disk.ts): `vectors` (the floats, little
 * endian), `vectors.cfg` (JSON), `vectors.keys` (one word per line) and `vectors.key2row`.
 */
import { TsnlpError } from "../util/errors.js";
import { readVectorsFolder, writeVectorsFolder } from "./vectors-disk.js";
import { VectorKeys } from "./vectors-keys.js";
import { type NearestSearchFactory, normalizeRows, plainNearestSearch } from "./vectors-nearest.js";
import { deduplicateRows, type PrunedWords, pruneRows } from "./vectors-prune.js";

export type VectorsAttr = "ORTH" | "LOWER";
export type VectorsMode = "default";

export interface VectorsOptions {
  /** Word i points to row i. A VectorKeys keeps its own rows. */
  keys?: readonly string[] | VectorKeys;
  /** rows x width floats, row-major; zeros of `shape` when left out. */
  data?: Float32Array;
  width?: number;
  /** [rows, width] of an all-zero table, when no data is given. */
  shape?: [number, number];
  name?: string | null;
  mode?: VectorsMode;
  attr?: VectorsAttr;
}

export interface MostSimilarOptions {
  /** Best rows per query. */
  n?: number;
  /** Queries compared at once (memory: batchSize x rows scores). */
  batchSize?: number;
  search?: NearestSearchFactory;
}

export interface MostSimilar {
  /** For each query, the word of each best row (the last word added for that row, as spaCy's row2key). */
  keys: string[][];
  /** queries x n rows, best first. */
  rows: Int32Array;
  /** queries x n cosines rounded to 4 decimals and clipped to [-1, 1], as spaCy does. */
  scores: Float32Array;
}

export type { PrunedWords };

export class Vectors {
  name: string | null;
  readonly mode: VectorsMode;
  /** The token attribute a word is looked up by. */
  attr: VectorsAttr;
  private table: Float32Array;
  private nRows: number;
  private nWidth: number;
  private store: VectorKeys;

  constructor(options: VectorsOptions = {}) {
    if (options.mode !== undefined && options.mode !== "default") {
      throw new TsnlpError("E_VECTORS_MODE", `Unsupported vectors mode '${String(options.mode)}'. Supported modes: default.`, {
        hint: "floret vectors are not supported by tsnlp; convert word2vec, fastText or GloVe text files in the default mode.",
      });
    }
    this.mode = "default";
    this.name = options.name ?? null;
    this.attr = checkAttr(options.attr ?? "ORTH");
    const keys = options.keys;
    const keyCount = keys === undefined ? 0 : keys instanceof VectorKeys ? keys.count : keys.length;
    if (options.data) {
      const width = options.width ?? options.shape?.[1] ?? (keyCount > 0 ? options.data.length / keyCount : undefined);
      if (width === undefined || !Number.isInteger(width) || width < 0 || (width === 0 ? options.data.length !== 0 : options.data.length % width !== 0)) {
        throw new TsnlpError("E_VECTORS_SHAPE", `A vectors table of ${options.data.length} floats cannot be ${width ?? "an unknown number of"} wide.`, {
          hint: "Give the width (floats per row); the data must hold a whole number of rows.",
        });
      }
      this.table = options.data;
      this.nWidth = width;
      this.nRows = width === 0 ? 0 : options.data.length / width;
    } else {
      const [rows, width] = options.shape ?? [keyCount, options.width ?? 0];
      this.table = new Float32Array(rows * width);
      this.nRows = rows;
      this.nWidth = width;
    }
    if (keys instanceof VectorKeys) this.store = keys;
    else {
      this.store = new VectorKeys(keyCount);
      (keys ?? []).forEach((key, row) => {
        this.store.add(key, row);
      });
    }
    this.checkKeyRows();
  }

  /** Floats per row. */
  get width(): number {
    return this.nWidth;
  }

  /** Number of rows (spaCy's len(vectors); its `size` is rows x width). */
  get size(): number {
    return this.nRows;
  }

  get shape(): [number, number] {
    return [this.nRows, this.nWidth];
  }

  /** rows x width floats, row-major. */
  get data(): Float32Array {
    return this.table.length === this.nRows * this.nWidth ? this.table : this.table.subarray(0, this.nRows * this.nWidth);
  }

  /** Number of words (several may share a row). */
  get nKeys(): number {
    return this.store.count;
  }

  /** The row of a word, or -1 when it has no vector. */
  rowOf(key: string): number {
    return this.store.rowOf(key);
  }

  /** The word's vector (a view of its row), or null. */
  get(key: string): Float32Array | null {
    const row = this.store.rowOf(key);
    return row < 0 ? null : this.row(row);
  }

  has(key: string): boolean {
    return this.store.indexOf(key) >= 0;
  }

  /** A view of one row. */
  row(row: number): Float32Array {
    if (!Number.isInteger(row) || row < 0 || row >= this.nRows) throw new RangeError(`Row ${row} is outside a vectors table of ${this.nRows} rows.`);
    return this.table.subarray(row * this.nWidth, (row + 1) * this.nWidth);
  }

  keys(): IterableIterator<string> {
    return this.store.strings();
  }

  /** [word, vector view] pairs. */
  *items(): IterableIterator<[string, Float32Array]> {
    const rows = this.store.rows;
    for (let i = 0; i < rows.length; i++) yield [this.store.keyAt(i), this.row(rows[i]!)];
  }

  /** Bytes held by the table: its floats (with spare capacity) and its words. */
  get byteSize(): number {
    return this.table.byteLength + this.store.byteSize;
  }

  /** The key store itself (for readers and writers that work on bytes). */
  get keyStore(): VectorKeys {
    return this.store;
  }

  /**
   * Add a word: pointing to an existing `row`, or with its own `vector` (written to the word's
   * row when it has one, else to a new row at the end of the table). Returns the row.
   */
  add(key: string, options: { vector?: ArrayLike<number>; row?: number } = {}): number {
    const { vector, row } = options;
    if (vector !== undefined && this.nRows === 0 && this.nWidth === 0) this.nWidth = vector.length;
    if (vector !== undefined && vector.length !== this.nWidth) {
      throw new TsnlpError("E_VECTORS_WIDTH", `The vector for '${key}' has ${vector.length} values, but the table is ${this.nWidth} wide.`);
    }
    let at = row ?? this.store.rowOf(key);
    if (row !== undefined && (!Number.isInteger(row) || row < 0 || row >= this.nRows)) {
      throw new TsnlpError("E_VECTORS_ROW", `Cannot point '${key}' to row ${row}: the table has ${this.nRows} rows.`);
    }
    if (at < 0) {
      if (vector === undefined) throw new TsnlpError("E_VECTORS_ROW", `Cannot add '${key}' without a vector or a row to point to.`);
      at = this.appendRow();
    }
    this.store.add(key, at);
    if (vector !== undefined) this.table.set(vector, at * this.nWidth);
    return at;
  }

  /** The rows of several words (-1 where there is none), spaCy's find(keys=...). */
  rowsOf(keys: readonly string[]): Int32Array {
    return Int32Array.from(keys, (key) => this.store.rowOf(key));
  }

  /**
   * The n rows nearest by cosine to each query (queries: count x width floats, or one vector),
   * among the rows that some word points to.
   */
  mostSimilar(queries: Float32Array, options: MostSimilarOptions = {}): MostSimilar {
    const n = options.n ?? 1;
    const batchSize = Math.max(1, options.batchSize ?? 1024);
    const width = this.nWidth;
    if (width === 0 || queries.length % width !== 0) {
      throw new TsnlpError("E_VECTORS_WIDTH", `Queries of ${queries.length} floats do not fit a vectors table ${width} wide.`, {
        hint: "Give whole rows of the table's width.",
      });
    }
    const filled = this.filledRows();
    if (filled.length < n) {
      throw new TsnlpError(
        "E_VECTORS_SIMILAR",
        `Unable to return ${n} most similar vectors for the current vectors table, which contains ${filled.length} vectors.`,
      );
    }
    const unit = new Float32Array(filled.length * width);
    filled.forEach((row, i) => {
      unit.set(this.table.subarray(row * width, (row + 1) * width), i * width);
    });
    const search = (options.search ?? plainNearestSearch)(normalizeRows(unit, filled.length, width), filled.length, width);
    const count = queries.length / width;
    const rows = new Int32Array(count * n);
    const scores = new Float32Array(count * n);
    try {
      for (let start = 0; start < count; start += batchSize) {
        const end = Math.min(count, start + batchSize);
        const batch = normalizeRows(queries.slice(start * width, end * width), end - start, width);
        const found = search.nearest(batch, end - start, n);
        for (let k = 0; k < found.rows.length; k++) {
          rows[start * n + k] = filled[found.rows[k]!]!;
          // spaCy rounds to 4 decimals and clips, so that a word's own vector scores exactly 1.
          scores[start * n + k] = Math.min(1, Math.max(-1, Math.round(found.scores[k]! * 1e4) / 1e4));
        }
      }
    } finally {
      search.dispose?.();
    }
    const lastKey = this.lastKeyOfRows();
    const keys: string[][] = [];
    for (let q = 0; q < count; q++) keys.push(Array.from(rows.subarray(q * n, (q + 1) * n), (row) => this.store.keyAt(lastKey[row]!)));
    return { keys, rows, scores };
  }

  /**
   * Keep the first `nRows` words' rows (the file order of a vectors file is its frequency
   * order) and point every other word to its nearest kept row by cosine, so that it keeps a
   * vector (spaCy's Vocab.prune_vectors). Returns what each dropped word was mapped to.
   */
  prune(nRows: number, options: { batchSize?: number; search?: NearestSearchFactory } = {}): PrunedWords {
    if (!Number.isInteger(nRows) || nRows < 1) {
      throw new TsnlpError("E_VECTORS_PRUNE", `Cannot prune a vectors table to ${nRows} rows.`, { hint: "Give a whole number of rows, 1 or more." });
    }
    const result = pruneRows(this, nRows, (kept) => new Vectors({ data: kept.data, width: this.nWidth, keys: kept.keys }), options);
    this.adopt(result.vectors);
    return result.words;
  }

  /** Merge identical rows and drop rows no word points to (spaCy's Vocab.deduplicate_vectors, keeping row order). */
  deduplicate(): void {
    const result = deduplicateRows(this.data, this.nRows, this.nWidth, this.store);
    if (result) {
      this.table = result.data;
      this.nRows = result.rows;
    }
  }

  /** A deep copy. */
  copy(): Vectors {
    return new Vectors({
      data: this.data.slice(),
      width: this.nWidth,
      keys: VectorKeys.fromLines(this.store.toLines(), this.store.rows.slice()),
      name: this.name,
      attr: this.attr,
    });
  }

  /** Write the table into a folder (a pipeline's vocab/), each file written atomically. */
  toDisk(dir: string): void {
    writeVectorsFolder(dir, { data: this.data, rows: this.nRows, width: this.nWidth, keys: this.store, name: this.name, mode: this.mode, attr: this.attr });
  }

  static fromDisk(dir: string): Vectors {
    const saved = readVectorsFolder(dir);
    return new Vectors({ data: saved.data, width: saved.width, keys: saved.keys, name: saved.name, attr: saved.attr });
  }

  /** Rows that some word points to, ascending. */
  filledRows(): Int32Array {
    const used = new Uint8Array(this.nRows);
    for (const row of this.store.rows) used[row] = 1;
    const filled: number[] = [];
    for (let row = 0; row < this.nRows; row++) if (used[row]) filled.push(row);
    return Int32Array.from(filled);
  }

  private lastKeyOfRows(): Int32Array {
    const last = new Int32Array(this.nRows).fill(-1);
    this.store.rows.forEach((row, index) => {
      last[row] = index;
    });
    return last;
  }

  private appendRow(): number {
    const needed = (this.nRows + 1) * this.nWidth;
    if (needed > this.table.length) {
      const grown = new Float32Array(Math.max(needed, this.table.length * 2, 16 * this.nWidth));
      grown.set(this.data);
      this.table = grown;
    }
    return this.nRows++;
  }

  private adopt(other: Vectors): void {
    this.table = other.table;
    this.nRows = other.nRows;
    this.nWidth = other.nWidth;
    this.store = other.store;
  }

  private checkKeyRows(): void {
    for (const row of this.store.rows) {
      if (row < 0 || row >= this.nRows) {
        throw new TsnlpError("E_VECTORS_ROW", `A key points to row ${row} of a vectors table with ${this.nRows} rows.`, {
          hint: "Give one key per row, or keys whose rows lie inside the table.",
        });
      }
    }
  }
}

function checkAttr(attr: string): VectorsAttr {
  if (attr !== "ORTH" && attr !== "LOWER") {
    throw new TsnlpError("E_VECTORS_ATTR", `Vectors can be keyed by ORTH or LOWER, not '${attr}'.`, { hint: "Use --attr ORTH (the default) or --attr LOWER." });
  }
  return attr;
}
