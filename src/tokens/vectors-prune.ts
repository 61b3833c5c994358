/**
 * Shrinking a vectors table, after spaCy v3.5.4 (spacy/vocab.pyx prune_vectors and
 * deduplicate_vectors).
 *
 * Pruning orders the words by row (spaCy orders by probability, then row; without lexeme
 * probabilities that is the row, i.e. the file's frequency order), keeps the first n words with
 * a row each, and points every other word to the kept row nearest by cosine.
 *
 * Deduplication merges identical rows and drops rows that no word points to. spaCy does this
 * with numpy.unique, which also sorts the rows; here the rows keep their order, so that a table
 * with duplicates still prunes by frequency.
 */
import type { Vectors } from "./vectors.js";
import { VectorKeys } from "./vectors-keys.js";
import type { NearestSearchFactory } from "./vectors-nearest.js";

/** What pruning did to the dropped words: the kept word each now shares a row with, and the cosine. */
export interface PrunedWords {
  readonly size: number;
  get(word: string): { synonym: string; score: number } | undefined;
  entries(): IterableIterator<[string, { synonym: string; score: number }]>;
}

export interface PruneResult {
  vectors: Vectors;
  words: PrunedWords;
}

type MakeVectors = (kept: { data: Float32Array; keys: VectorKeys }) => Vectors;

export function pruneRows(source: Vectors, nRows: number, make: MakeVectors, options: { batchSize?: number; search?: NearestSearchFactory }): PruneResult {
  const { width } = source;
  const data = source.data;
  const store = source.keyStore;
  const order = keysByRow(store.rows, source.size);
  const keepCount = Math.min(nRows, order.length);
  const kept = new Float32Array(keepCount * width);
  const keptKeys = new VectorKeys(keepCount);
  for (let j = 0; j < keepCount; j++) {
    const key = order[j]!;
    const row = store.rows[key]!;
    kept.set(data.subarray(row * width, (row + 1) * width), j * width);
    const bytes = store.bytesAt(key);
    keptKeys.addBytes(bytes, 0, bytes.length, j);
  }
  const pruned = make({ data: kept, keys: keptKeys });
  const tossCount = order.length - keepCount;
  const tossed = new Float32Array(tossCount * width);
  for (let t = 0; t < tossCount; t++) {
    const row = store.rows[order[keepCount + t]!]!;
    tossed.set(data.subarray(row * width, (row + 1) * width), t * width);
  }
  const similar = tossCount > 0 ? pruned.mostSimilar(tossed, { n: 1, batchSize: options.batchSize, search: options.search }) : null;
  for (let t = 0; t < tossCount; t++) {
    const bytes = store.bytesAt(order[keepCount + t]!);
    pruned.keyStore.addBytes(bytes, 0, bytes.length, similar!.rows[t]!);
  }
  return { vectors: pruned, words: prunedWords(pruned.keyStore, keepCount, similar?.scores ?? new Float32Array(0)) };
}

/** Key indices ordered by their row, ties in the order the keys were added (a stable counting sort). */
function keysByRow(keyRows: Int32Array, nRows: number): Int32Array {
  const starts = new Int32Array(nRows + 1);
  for (const row of keyRows) starts[row + 1]!++;
  for (let r = 0; r < nRows; r++) starts[r + 1]! += starts[r]!;
  const order = new Int32Array(keyRows.length);
  keyRows.forEach((row, key) => {
    order[starts[row]!++] = key;
  });
  return order;
}

/** Dropped words are the keys after the kept ones; each one's row is its synonym's row. */
function prunedWords(keys: VectorKeys, keepCount: number, scores: Float32Array): PrunedWords {
  const entry = (index: number) => ({ synonym: keys.keyAt(keys.rows[index]!), score: scores[index - keepCount]! });
  return {
    size: keys.count - keepCount,
    get(word) {
      const index = keys.indexOf(word);
      return index >= keepCount ? entry(index) : undefined;
    },
    *entries() {
      for (let index = keepCount; index < keys.count; index++) yield [keys.keyAt(index), entry(index)];
    },
  };
}

/**
 * The rows that some key points to, each distinct row once, in row order, with the keys
 * pointed to their new rows; null when nothing changes.
 */
export function deduplicateRows(data: Float32Array, nRows: number, width: number, keys: VectorKeys): { data: Float32Array; rows: number } | null {
  const used = new Uint8Array(nRows);
  for (const row of keys.rows) used[row] = 1;
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
  let slots = 32;
  while (slots < nRows * 2) slots *= 2;
  const index = new Int32Array(slots).fill(-1);
  const newRowOf = new Int32Array(nRows).fill(-1);
  const uniqueRows: number[] = [];
  for (let row = 0; row < nRows; row++) {
    if (!used[row]) continue;
    const at = row * width;
    let slot = hashWords(bits, at, at + width) & (slots - 1);
    for (;;) {
      const other = index[slot]!;
      if (other < 0) {
        index[slot] = row;
        newRowOf[row] = uniqueRows.length;
        uniqueRows.push(row);
        break;
      }
      if (sameWords(bits, other * width, at, width)) {
        newRowOf[row] = newRowOf[other]!;
        break;
      }
      slot = (slot + 1) & (slots - 1);
    }
  }
  if (uniqueRows.length === nRows) return null;
  const out = new Float32Array(uniqueRows.length * width);
  uniqueRows.forEach((row, i) => {
    out.set(data.subarray(row * width, (row + 1) * width), i * width);
  });
  const keyRows = keys.rows;
  for (let k = 0; k < keyRows.length; k++) keys.setRow(k, newRowOf[keyRows[k]!]!);
  return { data: out, rows: uniqueRows.length };
}

function hashWords(words: Uint32Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

function sameWords(words: Uint32Array, a: number, b: number, width: number): boolean {
  for (let k = 0; k < width; k++) if (words[a + k] !== words[b + k]) return false;
  return true;
}
