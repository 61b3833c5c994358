/**
 * Nearest rows by cosine, the arithmetic behind Vectors.mostSimilar and pruning (spaCy's
 * Vectors.most_similar, spacy/vectors.pyx v3.5.4): rows and queries are scaled to unit length
 * (a zero row stays zero), and the best n dot products of each query are kept.
 *
 * The search is pluggable: this plain TypeScript one runs anywhere at about a GFLOP/s;
 * `tsnlp init vectors --prune` passes one that runs the products on the tensor backend
 * (src/training/init-vectors-nearest.ts), which this layer may not import.
 */

export interface NearestRows {
  /** count x n row indices into the searched rows, best first. */
  rows: Int32Array;
  /** count x n cosines, matching `rows`. */
  scores: Float32Array;
}

export interface NearestSearch {
  /** The n best rows for each of `count` unit-length queries (count x width, row-major). */
  nearest(queries: Float32Array, count: number, n: number): NearestRows;
  dispose?(): void;
}

/** Prepares a search over `nRows` unit-length rows of `width` floats. */
export type NearestSearchFactory = (unitRows: Float32Array, nRows: number, width: number) => NearestSearch;

/** Scale each row of a rows x width matrix to unit length in place; zero rows stay zero (spaCy divides them by 1). */
export function normalizeRows(data: Float32Array, rows: number, width: number): Float32Array {
  for (let r = 0; r < rows; r++) {
    const at = r * width;
    let sum = 0;
    for (let k = 0; k < width; k++) sum += data[at + k]! * data[at + k]!;
    if (sum === 0) continue;
    const scale = 1 / Math.sqrt(sum);
    for (let k = 0; k < width; k++) data[at + k]! *= scale;
  }
  return data;
}

/** The default search: dot products in TypeScript, ties going to the lower row. */
export const plainNearestSearch: NearestSearchFactory = (unitRows, nRows, width) => ({
  nearest(queries, count, n) {
    const rows = new Int32Array(count * n);
    const scores = new Float32Array(count * n).fill(Number.NEGATIVE_INFINITY);
    for (let q = 0; q < count; q++) {
      const qAt = q * width;
      const best = scores.subarray(q * n, (q + 1) * n);
      const bestRows = rows.subarray(q * n, (q + 1) * n);
      for (let r = 0; r < nRows; r++) {
        const score = dot(queries, qAt, unitRows, r * width, width);
        if (score <= best[n - 1]!) continue;
        let k = n - 1;
        while (k > 0 && score > best[k - 1]!) {
          best[k] = best[k - 1]!;
          bestRows[k] = bestRows[k - 1]!;
          k--;
        }
        best[k] = score;
        bestRows[k] = r;
      }
    }
    return { rows, scores };
  },
});

function dot(a: Float32Array, aAt: number, b: Float32Array, bAt: number, width: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < width; k += 4) {
    s0 += a[aAt + k]! * b[bAt + k]!;
    s1 += a[aAt + k + 1]! * b[bAt + k + 1]!;
    s2 += a[aAt + k + 2]! * b[bAt + k + 2]!;
    s3 += a[aAt + k + 3]! * b[bAt + k + 3]!;
  }
  for (; k < width; k++) s0 += a[aAt + k]! * b[bAt + k]!;
  return s0 + s1 + s2 + s3;
}
