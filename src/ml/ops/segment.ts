/**
 * Row gathers and segment sums through one kernel, SparseSegmentSum: out[segmentIds[k]] +=
 * data[indices[k]], with segmentIds non-decreasing. The wasm backend has no UnsortedSegmentSum
 * (what tf.gather's gradient and tf.unsortedSegmentSum need), but it has a native
 * SparseSegmentSum, and that one kernel serves as gather, gather-and-sum and scatter-add once
 * the host sorts the (small, integer) index arrays. Measured on wasm at HashEmbed sizes (a
 * 5000 x 96 table, 2000 rows x 4 keys): gather-and-sum 0.21 ms against 26 ms for
 * tf.gather + tf.sum and 3.3 ms on the host; scatter-add 0.65 ms against 5.4 ms on the host
 * (download, accumulate, upload) and 38 ms for tf.scatterND.
 */
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";

/**
 * out (nSegments, width): out[segmentIds[k]] += data[indices[k]]. segmentIds must be
 * non-decreasing and below nSegments; segments that no k names are zero rows.
 */
export function segmentSum(data: Floats2d, indices: Int32Array, segmentIds: Int32Array, nSegments: number): Floats2d {
  return segmentReduce(data, indices, segmentIds, nSegments, false);
}

/** As segmentSum, but each segment's mean (empty segments are zero rows). */
export function segmentMean(data: Floats2d, indices: Int32Array, segmentIds: Int32Array, nSegments: number): Floats2d {
  return segmentReduce(data, indices, segmentIds, nSegments, true);
}

function segmentReduce(data: Floats2d, indices: Int32Array, segmentIds: Int32Array, nSegments: number, mean: boolean): Floats2d {
  const width = data.shape[1];
  if (indices.length === 0) return tf.zeros([nSegments, width]);
  const reduce = mean ? tf.sparse.sparseSegmentMean : tf.sparse.sparseSegmentSum;
  const summed = reduce(data, tf.tensor1d(indices, "int32"), tf.tensor1d(segmentIds, "int32")) as Floats2d;
  // The kernel stops at the last segment named; rows after it are empty segments.
  const missing = nSegments - summed.shape[0];
  return missing > 0
    ? tf.pad(summed, [
        [0, missing],
        [0, 0],
      ])
    : summed;
}

let ramp = new Int32Array(0);

/** 0, 1, ..., n - 1 (a shared buffer: read it, do not keep or change it). */
export function arange(n: number): Int32Array {
  if (ramp.length < n) {
    ramp = new Int32Array(Math.max(n, 2 * ramp.length));
    for (let i = 0; i < ramp.length; i++) ramp[i] = i;
  }
  return ramp.subarray(0, n);
}

/** data[indices] as a new (indices.length, width) matrix. */
export function gatherRows(data: Floats2d, indices: Int32Array): Floats2d {
  return segmentSum(data, indices, arange(indices.length), indices.length);
}

/**
 * out[i] = sum over j < fanout of table[ids[i * fanout + j]]: the lookup of an embedding table
 * with several ids per row (HashEmbed's four buckets), in one kernel.
 */
export function gatherAdd(table: Floats2d, ids: Int32Array, fanout: number): Floats2d {
  const n = ids.length / fanout;
  const segments = new Int32Array(ids.length);
  for (let k = 0; k < ids.length; k++) segments[k] = Math.floor(k / fanout);
  return segmentSum(table, ids, segments, n);
}

/**
 * The gradient of gatherAdd for the table: a (nRows, width) matrix where row r sums
 * values[floor(k / fanout)] over every k with ids[k] = r. Negative ids are skipped, as
 * Thinc's cpu_scatter_add skips them. A counting sort on the host orders the pairs by row.
 */
export function scatterAdd(nRows: number, ids: Int32Array, values: Floats2d, fanout = 1): Floats2d {
  const starts = new Int32Array(nRows + 1);
  let kept = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    if (id < 0) continue;
    if (id >= nRows) throw new RangeError(`scatterAdd: row ${id} is outside a table of ${nRows} rows.`);
    starts[id + 1]!++;
    kept++;
  }
  for (let r = 0; r < nRows; r++) starts[r + 1]! += starts[r]!;
  const sources = new Int32Array(kept);
  const rows = new Int32Array(kept);
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    if (id < 0) continue;
    const at = starts[id]!++;
    sources[at] = Math.floor(k / fanout);
    rows[at] = id;
  }
  return segmentSum(values, sources, rows, nRows);
}
